// What the user may do in a group, from the group's policy set and the user's role, with the reason
// when they may not: the settings panel disables controls and says why instead of failing later.
import type { ConversationSummary } from "../../../shared/dto/conversation"
import type { GroupPermissions, PermissionPolicy } from "../../../shared/dto/permissions"

type Group = Extract<ConversationSummary, { kind: "group" }>

/** Allowed, or not with a sentence that explains why. */
export type Right = { allowed: true } | { allowed: false; reason: string }

const ALLOWED: Right = { allowed: true }

function byPolicy(policy: PermissionPolicy, group: Group, action: string): Right {
  if (!group.isActive) return { allowed: false, reason: "You are no longer a member of this group." }
  switch (policy) {
    case "allow":
      return ALLOWED
    case "admin":
      return group.isAdmin || group.isSuperAdmin ? ALLOWED : { allowed: false, reason: `Only admins can ${action} in this group.` }
    case "superAdmin":
      return group.isSuperAdmin ? ALLOWED : { allowed: false, reason: `Only super admins can ${action} in this group.` }
    default:
      return { allowed: false, reason: `Nobody can ${action} in this group.` }
  }
}

export interface GroupRights {
  rename: Right
  describe: Right
  addMembers: Right
  removeMembers: Right
  addAdmins: Right
  removeAdmins: Right
  /** Turning disappearing messages on or off, or changing how long messages last. */
  disappearing: Right
  editPermissions: Right
}

/**
 * Without the policy set (not loaded, or not available in this build) the engine is left to judge
 * each change, so the controls stay enabled for active members.
 */
export function groupRights(group: Group, permissions: GroupPermissions | null): GroupRights {
  const set = permissions?.policySet
  const judge = (policy: PermissionPolicy | undefined, action: string): Right =>
    policy ? byPolicy(policy, group, action) : group.isActive ? ALLOWED : { allowed: false, reason: "You are no longer a member of this group." }
  return {
    rename: judge(set?.updateGroupNamePolicy, "rename the group"),
    describe: judge(set?.updateGroupDescriptionPolicy, "change the description"),
    addMembers: judge(set?.addMemberPolicy, "add members"),
    removeMembers: judge(set?.removeMemberPolicy, "remove members"),
    addAdmins: judge(set?.addAdminPolicy, "make admins"),
    removeAdmins: judge(set?.removeAdminPolicy, "remove admins"),
    disappearing: judge(set?.updateMessageDisappearingPolicy, "change disappearing messages"),
    editPermissions: !group.isActive
      ? { allowed: false, reason: "You are no longer a member of this group." }
      : group.isSuperAdmin
        ? ALLOWED
        : { allowed: false, reason: "Only super admins can change permissions." },
  }
}
