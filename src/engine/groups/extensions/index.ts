// XMTP's group context extensions: typed models, prost-exact codecs, policy presets, and the
// extension list of a new group or DM.
export { GroupExtensionError, type GroupExtensionErrorCode } from "./errors"
export {
  contextExtensions,
  newDmContextExtensions,
  newGroupContextExtensions,
  readXmtpGroupContext,
  type NewDmExtensionsParams,
  type NewGroupExtensionsParams,
  type XmtpGroupContext,
} from "./groupContextExtensions"
export { decodeGroupMembership, encodeGroupMembership, startingGroupMembership, type GroupMembership } from "./groupMembership"
export {
  decodeGroupMetadata,
  decodeImmutableMetadataExtension,
  encodeGroupMetadata,
  encodeImmutableMetadataExtension,
  newDmMetadata,
  newGroupMetadata,
  type ConversationType,
  type DmMembers,
  type GroupMetadata,
  type OneshotMessage,
  type ReaddRequest,
} from "./immutableMetadata"
export {
  DEFAULT_GROUP_DESCRIPTION,
  DEFAULT_GROUP_IMAGE_URL_SQUARE,
  DEFAULT_GROUP_NAME,
  METADATA_FIELD,
  SUPER_ADMIN_METADATA_PREFIX,
  SUPPORTED_METADATA_FIELDS,
  type MetadataFieldName,
} from "./metadataFields"
export {
  COMMIT_LOG_SIGNER_LENGTH,
  commitLogSignerOf,
  decodeGroupMutableMetadata,
  encodeGroupMutableMetadata,
  messageDisappearingSettingsOf,
  newDmMutableMetadata,
  newGroupMutableMetadata,
  type GroupMetadataOptions,
  type GroupMutableMetadata,
  type MessageDisappearingSettings,
} from "./mutableMetadata"
export {
  basePolicy,
  decodeGroupPermissions,
  encodeGroupPermissions,
  policiesEqual,
  type MembershipBasePolicy,
  type MembershipPolicy,
  type MetadataBasePolicy,
  type MetadataPolicy,
  type PermissionsBasePolicy,
  type PermissionsPolicy,
  type Policy,
  type PolicySet,
} from "./permissions"
export {
  adminsOnlyPolicySet,
  customPolicySet,
  defaultPolicySet,
  dmPolicySet,
  groupPermissionsTypeOf,
  policyOfOption,
  policySetForPreset,
  preconfiguredPolicyOf,
  type GroupPermissionsType,
  type PermissionOption,
  type PermissionOptions,
  type PreconfiguredPolicy,
} from "./policyPresets"
