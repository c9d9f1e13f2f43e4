// Who may hand out an invite link: whoever the group's add-member policy lets add people, since an
// accepted request is that member's own add commit. The reason is shown to the user as is.
import { PermissionPolicy, type GroupPermissions } from "../groups/publicTypes"

export interface InviterRole {
  isActive: boolean
  isAdmin: boolean
  isSuperAdmin: boolean
}

/** undefined when allowed; otherwise why not. */
export function inviteRefusal(permissions: GroupPermissions, role: InviterRole): string | undefined {
  if (!role.isActive) return "You are no longer a member of this group."
  switch (permissions.policySet.addMemberPolicy) {
    case PermissionPolicy.Allow:
      return undefined
    case PermissionPolicy.Admin:
      return role.isAdmin || role.isSuperAdmin ? undefined : "Only admins can add members to this group, so only they can invite."
    case PermissionPolicy.SuperAdmin:
      return role.isSuperAdmin ? undefined : "Only super admins can add members to this group, so only they can invite."
    default:
      return "Nobody can add members to this group."
  }
}
