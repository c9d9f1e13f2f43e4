// The attribute keys of the mutable metadata map (0xff00) and the rules tied to them.
// Reference: libxmtp node-bindings-1.10.0 crates/xmtp_mls_common/src/group_mutable_metadata.rs
// (MetadataField::as_str, supported_fields), crates/xmtp_configuration/src/common/mls.rs
// (SUPER_ADMIN_METADATA_PREFIX) and common/metadata.rs (DEFAULT_GROUP_*).

export const METADATA_FIELD = {
  groupName: "group_name",
  description: "description",
  groupImageUrlSquare: "group_image_url_square",
  messageDisappearFromNs: "message_disappear_from_ns",
  messageDisappearInNs: "message_disappear_in_ns",
  minimumSupportedProtocolVersion: "minimum_supported_protocol_version",
  /** Hex of the group's commit-log signing secret; the "_" prefix makes it super-admin only. */
  commitLogSigner: "_commit_log_signer",
  appData: "app_data",
} as const

export type MetadataFieldName = (typeof METADATA_FIELD)[keyof typeof METADATA_FIELD]

/** Fields that get a policy in every preset (supported_fields), in libxmtp's order. */
export const SUPPORTED_METADATA_FIELDS: readonly MetadataFieldName[] = [
  METADATA_FIELD.groupName,
  METADATA_FIELD.description,
  METADATA_FIELD.groupImageUrlSquare,
  METADATA_FIELD.messageDisappearFromNs,
  METADATA_FIELD.messageDisappearInNs,
  METADATA_FIELD.minimumSupportedProtocolVersion,
  METADATA_FIELD.appData,
]

/** A field with no policy whose name starts with this is super-admin only; others admin only. */
export const SUPER_ADMIN_METADATA_PREFIX = "_"

/** DEFAULT_GROUP_NAME, DEFAULT_GROUP_DESCRIPTION and DEFAULT_GROUP_IMAGE_URL_SQUARE. */
export const DEFAULT_GROUP_NAME = ""
export const DEFAULT_GROUP_DESCRIPTION = ""
export const DEFAULT_GROUP_IMAGE_URL_SQUARE = ""
