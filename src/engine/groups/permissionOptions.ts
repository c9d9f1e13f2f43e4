// The SDK's permission enums (node-bindings 1.10 permissions.rs: PermissionPolicy,
// PermissionUpdateType, MetadataField, PermissionPolicySet) translated to and from the policy
// model of the permissions extension.
import { GroupError } from "./errors"
import {
  groupPermissionsTypeOf,
  METADATA_FIELD,
  type MetadataFieldName,
  type PermissionOption,
  type Policy,
  type PolicySet,
} from "./extensions/index"
import {
  GroupPermissionsOptions,
  MetadataField,
  PermissionPolicy,
  type GroupPermissions,
} from "./publicTypes"

const OPTIONS: Partial<Record<PermissionPolicy, PermissionOption>> = {
  [PermissionPolicy.Allow]: "allow",
  [PermissionPolicy.Deny]: "deny",
  [PermissionPolicy.Admin]: "admin",
  [PermissionPolicy.SuperAdmin]: "superAdmin",
}

/** The option a caller chose; DoesNotExist and Other describe stored policies only (PERM-15). */
export function permissionOptionOf(policy: PermissionPolicy): PermissionOption {
  const option = OPTIONS[policy]
  if (!option) {
    throw new GroupError("InvalidPermissionPolicyOption", `Permission policy ${policy} cannot be set: choose Allow, Deny, Admin or SuperAdmin.`)
  }
  return option
}

const FIELD_NAMES: Record<MetadataField, MetadataFieldName> = {
  [MetadataField.AppData]: METADATA_FIELD.appData,
  [MetadataField.Description]: METADATA_FIELD.description,
  [MetadataField.GroupName]: METADATA_FIELD.groupName,
  [MetadataField.GroupImageUrlSquare]: METADATA_FIELD.groupImageUrlSquare,
  [MetadataField.MessageExpirationFromNs]: METADATA_FIELD.messageDisappearFromNs,
  [MetadataField.MessageExpirationInNs]: METADATA_FIELD.messageDisappearInNs,
}

export function metadataFieldName(field: MetadataField): MetadataFieldName {
  const name = FIELD_NAMES[field]
  if (!name) throw new GroupError("InvalidArgument", `${String(field)} is not a metadata field.`)
  return name
}

type AnyBase = "allow" | "deny" | "allowIfAdminOrSuperAdmin" | "allowIfSuperAdmin"

const READ_BACK: Record<AnyBase, PermissionPolicy> = {
  allow: PermissionPolicy.Allow,
  deny: PermissionPolicy.Deny,
  allowIfAdminOrSuperAdmin: PermissionPolicy.Admin,
  allowIfSuperAdmin: PermissionPolicy.SuperAdmin,
}

/** A stored policy as the binding reports it: and/any conditions read as Other. */
function permissionPolicyOf(policy: Policy<AnyBase> | undefined): PermissionPolicy {
  if (!policy) return PermissionPolicy.DoesNotExist
  return policy.type === "base" ? READ_BACK[policy.base] : PermissionPolicy.Other
}

const POLICY_TYPES = { Default: GroupPermissionsOptions.Default, AdminsOnly: GroupPermissionsOptions.AdminOnly, CustomPolicy: GroupPermissionsOptions.CustomPolicy }

/**
 * GroupPermissions.policyType / policySet: a metadata field without a policy reads DoesNotExist,
 * and the disappearing-messages policy is the one of message_disappear_in_ns (PERM-15).
 */
export function groupPermissionsOf(set: PolicySet): GroupPermissions {
  const field = (name: MetadataFieldName) => permissionPolicyOf(set.updateMetadataPolicy.get(name))
  return {
    policyType: POLICY_TYPES[groupPermissionsTypeOf(set)],
    policySet: {
      addMemberPolicy: permissionPolicyOf(set.addMemberPolicy),
      removeMemberPolicy: permissionPolicyOf(set.removeMemberPolicy),
      addAdminPolicy: permissionPolicyOf(set.addAdminPolicy),
      removeAdminPolicy: permissionPolicyOf(set.removeAdminPolicy),
      updateGroupNamePolicy: field(METADATA_FIELD.groupName),
      updateGroupDescriptionPolicy: field(METADATA_FIELD.description),
      updateGroupImageUrlSquarePolicy: field(METADATA_FIELD.groupImageUrlSquare),
      updateMessageDisappearingPolicy: field(METADATA_FIELD.messageDisappearInNs),
      updateAppDataPolicy: field(METADATA_FIELD.appData),
    },
  }
}
