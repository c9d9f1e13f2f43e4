// The policy sets libxmtp builds: its two presets ("Default", which lets every member add members
// and edit the display metadata, and "AdminsOnly"), the DM set, and the custom set the Node
// binding assembles from per-action options. Also the preset recognition the binding reports as
// the group's permission type.
// Reference: libxmtp node-bindings-1.10.0 crates/xmtp_mls/src/groups/group_permissions.rs
// (default_policy, policy_admin_only, PolicySet::new_dm, MetadataPolicies::dm_map,
// is_policy_default, is_policy_admin_only, PreconfiguredPolicies), bindings/node/src/permissions.rs
// (TryFrom<PermissionPolicySet> for PolicySet, GroupPermissions::policy_type).
import { GroupExtensionError } from "./errors"
import { METADATA_FIELD, SUPPORTED_METADATA_FIELDS } from "./metadataFields"
import {
  basePolicy,
  policiesEqual,
  type MembershipPolicy,
  type MetadataPolicy,
  type PermissionsPolicy,
  type PolicySet,
} from "./permissions"

/** libxmtp's PreconfiguredPolicies (the Node binding names the second one AdminOnly). */
export type PreconfiguredPolicy = "Default" | "AdminsOnly"
/** What the Node binding's policy_type reports: a preset, or CustomPolicy for anything else. */
export type GroupPermissionsType = PreconfiguredPolicy | "CustomPolicy"

const allow = basePolicy("allow" as const)
const deny = basePolicy("deny" as const)
const admin = basePolicy("allowIfAdminOrSuperAdmin" as const)
const superAdmin = basePolicy("allowIfSuperAdmin" as const)

/** The per-field rule both presets share: disappearing settings admin, protocol version super admin. */
function presetMetadataPolicy(field: string, displayPolicy: MetadataPolicy): MetadataPolicy {
  if (field === METADATA_FIELD.messageDisappearFromNs || field === METADATA_FIELD.messageDisappearInNs) return admin
  if (field === METADATA_FIELD.minimumSupportedProtocolVersion) return superAdmin
  return displayPolicy
}

function presetMetadataMap(displayPolicy: MetadataPolicy): Map<string, MetadataPolicy> {
  return new Map(SUPPORTED_METADATA_FIELDS.map((field) => [field, presetMetadataPolicy(field, displayPolicy)]))
}

/**
 * "Default" (all members): anyone adds members and edits name, description, image and app data;
 * admins remove members and set disappearing messages; super admins manage admins and permissions.
 */
export function defaultPolicySet(): PolicySet {
  return {
    addMemberPolicy: allow,
    removeMemberPolicy: admin,
    updateMetadataPolicy: presetMetadataMap(allow),
    addAdminPolicy: superAdmin,
    removeAdminPolicy: superAdmin,
    updatePermissionsPolicy: superAdmin,
  }
}

/** "AdminsOnly": admins add and remove members and edit all metadata. */
export function adminsOnlyPolicySet(): PolicySet {
  return {
    addMemberPolicy: admin,
    removeMemberPolicy: admin,
    updateMetadataPolicy: presetMetadataMap(admin),
    addAdminPolicy: superAdmin,
    removeAdminPolicy: superAdmin,
    updatePermissionsPolicy: superAdmin,
  }
}

/** A DM's policies: nobody changes membership, admins or permissions; both may edit metadata. */
export function dmPolicySet(): PolicySet {
  return {
    addMemberPolicy: deny,
    removeMemberPolicy: deny,
    updateMetadataPolicy: new Map(SUPPORTED_METADATA_FIELDS.map((field) => [field, allow])),
    addAdminPolicy: deny,
    removeAdminPolicy: deny,
    updatePermissionsPolicy: deny,
  }
}

export function policySetForPreset(preset: PreconfiguredPolicy): PolicySet {
  return preset === "Default" ? defaultPolicySet() : adminsOnlyPolicySet()
}

/** The Node binding's PermissionPolicy values a caller may choose. */
export type PermissionOption = "allow" | "deny" | "admin" | "superAdmin"

/** The Node binding's PermissionPolicySet: one option per action a custom policy covers. */
export interface PermissionOptions {
  addMemberPolicy: PermissionOption
  removeMemberPolicy: PermissionOption
  addAdminPolicy: PermissionOption
  removeAdminPolicy: PermissionOption
  updateGroupNamePolicy: PermissionOption
  updateGroupDescriptionPolicy: PermissionOption
  updateGroupImageUrlSquarePolicy: PermissionOption
  updateMessageDisappearingPolicy: PermissionOption
  updateAppDataPolicy: PermissionOption
}

const OPTION_BASES = { allow: "allow", deny: "deny", admin: "allowIfAdminOrSuperAdmin", superAdmin: "allowIfSuperAdmin" } as const

function membershipOrMetadata(option: PermissionOption): MembershipPolicy & MetadataPolicy {
  return basePolicy(OPTION_BASES[option])
}

/**
 * The policy an option stands for when one permission is updated (libxmtp intents.rs, the
 * From<PermissionPolicyOption> conversions): "allow" for an admin or permissions policy is
 * silently made super-admin only, as libxmtp does (PERM-14).
 */
export function policyOfOption(option: PermissionOption, target: "membership"): MembershipPolicy
export function policyOfOption(option: PermissionOption, target: "metadata"): MetadataPolicy
export function policyOfOption(option: PermissionOption, target: "permissions"): PermissionsPolicy
export function policyOfOption(option: PermissionOption, target: "membership" | "metadata" | "permissions"): MembershipPolicy | PermissionsPolicy {
  if (target === "permissions" && option === "allow") return superAdmin
  return basePolicy(OPTION_BASES[option])
}

function permissionsPolicy(option: PermissionOption, action: string): PermissionsPolicy {
  if (option === "allow") {
    throw new GroupExtensionError("InvalidPermissionPolicyOption", `${action} cannot be "allow": permission policies have no allow-everyone base`)
  }
  return basePolicy(OPTION_BASES[option])
}

/**
 * The binding's CustomPolicy set: only five metadata fields get a policy (message_disappear_from_ns
 * and minimum_supported_protocol_version fall back to admin-only, PERM-16), and permission updates
 * are always super-admin only.
 */
export function customPolicySet(options: PermissionOptions): PolicySet {
  return {
    addMemberPolicy: membershipOrMetadata(options.addMemberPolicy),
    removeMemberPolicy: membershipOrMetadata(options.removeMemberPolicy),
    updateMetadataPolicy: new Map<string, MetadataPolicy>([
      [METADATA_FIELD.groupName, membershipOrMetadata(options.updateGroupNamePolicy)],
      [METADATA_FIELD.description, membershipOrMetadata(options.updateGroupDescriptionPolicy)],
      [METADATA_FIELD.groupImageUrlSquare, membershipOrMetadata(options.updateGroupImageUrlSquarePolicy)],
      [METADATA_FIELD.messageDisappearInNs, membershipOrMetadata(options.updateMessageDisappearingPolicy)],
      [METADATA_FIELD.appData, membershipOrMetadata(options.updateAppDataPolicy)],
    ]),
    addAdminPolicy: permissionsPolicy(options.addAdminPolicy, "addAdminPolicy"),
    removeAdminPolicy: permissionsPolicy(options.removeAdminPolicy, "removeAdminPolicy"),
    updatePermissionsPolicy: superAdmin,
  }
}

/**
 * The preset a policy set matches, or undefined. As in libxmtp, only the metadata policies that
 * are present are compared, so extra or missing fields do not break recognition (PERM-04).
 */
export function preconfiguredPolicyOf(set: PolicySet): PreconfiguredPolicy | undefined {
  const common =
    policiesEqual(set.addAdminPolicy, superAdmin) &&
    policiesEqual(set.removeAdminPolicy, superAdmin) &&
    policiesEqual(set.updatePermissionsPolicy, superAdmin) &&
    policiesEqual(set.removeMemberPolicy, admin)
  if (!common) return undefined
  const metadataMatches = (display: MetadataPolicy) =>
    [...set.updateMetadataPolicy].every(([field, policy]) => policiesEqual(policy, presetMetadataPolicy(field, display)))
  if (policiesEqual(set.addMemberPolicy, allow) && metadataMatches(allow)) return "Default"
  if (policiesEqual(set.addMemberPolicy, admin) && metadataMatches(admin)) return "AdminsOnly"
  return undefined
}

export function groupPermissionsTypeOf(set: PolicySet): GroupPermissionsType {
  return preconfiguredPolicyOf(set) ?? "CustomPolicy"
}
