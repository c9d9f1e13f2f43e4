// The permission editor's model: the actions a policy governs, in the order the editor lists them,
// and libxmtp's two presets as policy sets ("Default": members add people and edit the display
// metadata; "AdminsOnly": admins do both), so a preset is applied as the policy changes it needs.
// Reference: libxmtp group_permissions.rs default_policy / policy_admin_only.
import type { PermissionPolicy, PermissionPolicySet, PermissionUpdate } from "../../../../shared/dto/permissions"

export type PresetName = "default" | "adminOnly"

export interface PolicyRow {
  key: keyof PermissionPolicySet
  label: string
  /** Shown in the editor; app data is applied with presets but has no control of its own. */
  listed: boolean
  update: (policy: PermissionPolicy) => PermissionUpdate
}

export const POLICY_ROWS: readonly PolicyRow[] = [
  { key: "addMemberPolicy", label: "Add members", listed: true, update: (policy) => ({ type: "addMember", policy }) },
  { key: "removeMemberPolicy", label: "Remove members", listed: true, update: (policy) => ({ type: "removeMember", policy }) },
  { key: "addAdminPolicy", label: "Make admins", listed: true, update: (policy) => ({ type: "addAdmin", policy }) },
  { key: "removeAdminPolicy", label: "Remove admins", listed: true, update: (policy) => ({ type: "removeAdmin", policy }) },
  { key: "updateGroupNamePolicy", label: "Rename the group", listed: true, update: (policy) => ({ type: "updateMetadata", policy, metadataField: "groupName" }) },
  { key: "updateGroupDescriptionPolicy", label: "Edit the description", listed: true, update: (policy) => ({ type: "updateMetadata", policy, metadataField: "description" }) },
  { key: "updateGroupImageUrlSquarePolicy", label: "Change the picture", listed: true, update: (policy) => ({ type: "updateMetadata", policy, metadataField: "groupImageUrlSquare" }) },
  { key: "updateMessageDisappearingPolicy", label: "Change disappearing messages", listed: true, update: (policy) => ({ type: "updateMetadata", policy, metadataField: "messageExpirationInNs" }) },
  { key: "updateAppDataPolicy", label: "App data", listed: false, update: (policy) => ({ type: "updateMetadata", policy, metadataField: "appData" }) },
]

/** Who may do an action, as the editor offers it. */
const POLICY_CHOICES: readonly { value: PermissionPolicy; label: string }[] = [
  { value: "allow", label: "Everyone" },
  { value: "admin", label: "Admins" },
  { value: "superAdmin", label: "Super admins" },
  { value: "deny", label: "Nobody" },
]

/** Managing admins is never open to everyone (libxmtp turns "allow" into super admins only there). */
export function choicesFor(key: keyof PermissionPolicySet): readonly { value: PermissionPolicy; label: string }[] {
  return key === "addAdminPolicy" || key === "removeAdminPolicy" ? POLICY_CHOICES.filter((choice) => choice.value !== "allow") : POLICY_CHOICES
}

function presetSet(display: "allow" | "admin"): PermissionPolicySet {
  return {
    addMemberPolicy: display,
    removeMemberPolicy: "admin",
    addAdminPolicy: "superAdmin",
    removeAdminPolicy: "superAdmin",
    updateGroupNamePolicy: display,
    updateGroupDescriptionPolicy: display,
    updateGroupImageUrlSquarePolicy: display,
    updateMessageDisappearingPolicy: "admin",
    updateAppDataPolicy: display,
  }
}

export const PRESETS: Record<PresetName, { label: string; description: string; policies: PermissionPolicySet }> = {
  default: {
    label: "Everyone",
    description: "Members add people and edit the name, description and picture; admins remove members.",
    policies: presetSet("allow"),
  },
  adminOnly: {
    label: "Admins only",
    description: "Only admins add or remove members and edit the group's details.",
    policies: presetSet("admin"),
  },
}

/** The policy changes (one commit each) that turn `current` into the preset; none when it already is. */
export function presetUpdates(current: PermissionPolicySet, preset: PresetName): PermissionUpdate[] {
  const target = PRESETS[preset].policies
  // A field without a policy ("doesNotExist") is not compared by libxmtp's preset recognition, and
  // app data is left alone when the group never had a policy for it.
  return POLICY_ROWS.filter((row) => current[row.key] !== target[row.key] && !(row.key === "updateAppDataPolicy" && current[row.key] === "doesNotExist")).map((row) =>
    row.update(target[row.key]),
  )
}
