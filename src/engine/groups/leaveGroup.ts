// Leaving a group by request (libxmtp groups/mod.rs leave_group, remove_members_pending_removal,
// cleanup_pending_removal_list): a member sends a LeaveRequest message; every client records it
// (pendingRemovals.ts), and a super admin's client removes everyone who asked, in one commit, the
// next time it syncs the group.
import { leaveRequestCodec } from "../content/index"
import { StoredConversationType } from "../storage/groups"
import { changeMembers } from "./changeMembers"
import type { GroupContext } from "./context"
import { GroupError } from "./errors"
import { readXmtpGroupContext } from "./extensions/index"
import { isActiveState, loadGroup } from "./groupState"
import { listMembers } from "./members"
import { sendMessage } from "./sendMessage"

/** The checks of LEAVE-01, in libxmtp's order; a repeated request sends nothing. */
export async function requestRemoval(ctx: GroupContext, groupId: Uint8Array): Promise<void> {
  const { row, state } = loadGroup(ctx.db, groupId)
  const members = await listMembers(ctx, state)
  // A removed installation keeps the roster of the epoch it was removed in, where it is still
  // listed; libxmtp's roster has moved on without it, so both count as not a member.
  if (!isActiveState(state) || !members.some((member) => member.inboxId === ctx.inboxId)) {
    throw new GroupError("NotAGroupMember", "Only a member of the group can ask to leave it.")
  }
  if (members.length === 1) throw new GroupError("SingleMemberLeaveRejected", "The only member of a group cannot leave it.")
  if (row.conversationType === StoredConversationType.Dm) throw new GroupError("DmLeaveForbidden", "cannot leave a DM conversation")
  if (readXmtpGroupContext(state.groupContext.extensions).mutableMetadata.superAdminList.includes(ctx.inboxId)) {
    throw new GroupError("SuperAdminLeaveForbidden", "super-admin cannot leave a group; must be demoted first")
  }
  if (ctx.db.pendingRemovals.list(groupId).includes(ctx.inboxId)) return
  const request = leaveRequestCodec.encode({})
  await sendMessage(ctx, groupId, request, { shouldPush: leaveRequestCodec.shouldPush({}), optimistic: false })
}

/**
 * As a super admin, removes every member who asked to leave (LEAVE-05) and forgets requests from
 * inboxes no longer in the group. Plain admins and members do nothing. A request of our own is
 * not acted on (a super admin cannot leave). If the group's policy forbids the removal, the
 * requests stay pending, as libxmtp's worker leaves them.
 */
export async function removeMembersPendingRemoval(ctx: GroupContext, groupId: Uint8Array): Promise<void> {
  const pending = ctx.db.pendingRemovals.list(groupId).filter((inboxId) => inboxId !== ctx.inboxId)
  if (pending.length === 0) return
  const { state } = loadGroup(ctx.db, groupId)
  if (!isActiveState(state)) return
  const { mutableMetadata, membership } = readXmtpGroupContext(state.groupContext.extensions)
  if (!mutableMetadata.superAdminList.includes(ctx.inboxId)) return
  const stillMembers = pending.filter((inboxId) => membership.members.has(inboxId))
  ctx.db.pendingRemovals.delete(groupId, pending.filter((inboxId) => !membership.members.has(inboxId)))
  if (stillMembers.length === 0) return
  try {
    await changeMembers(ctx, groupId, [], stillMembers)
  } catch (error) {
    if (!(error instanceof GroupError && error.code === "PermissionDenied")) throw error
  }
}
