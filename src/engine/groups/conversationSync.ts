// What conversation.sync() does (libxmtp MlsGroup::sync plus the pending-removal worker): a DM's
// duplicates are synced first, then the group itself, then a super admin's client carries out the
// leave requests it has recorded.
import { bytesToHex } from "@noble/hashes/utils.js"
import type { GroupContext } from "./context"
import { loadGroup } from "./groupState"
import { syncGroup, type SyncSummary } from "./groupSync"
import { removeMembersPendingRemoval } from "./leaveGroup"

/**
 * conversation.sync(): a DM's duplicates first (DM-11), then the group's own sync, then (as a
 * super admin) the pending leave requests.
 */
export async function syncConversation(ctx: GroupContext, groupId: Uint8Array): Promise<SyncSummary> {
  const dmId = loadGroup(ctx.db, groupId).row.dmId
  if (dmId) {
    // Duplicates this installation was removed from have nothing left to sync.
    const others = ctx.db.groups.findDms(dmId).filter((other) => other.isActive && bytesToHex(other.id) !== bytesToHex(groupId))
    for (const other of others) await syncGroup(ctx, other.id)
  }
  let summary: SyncSummary
  try {
    summary = await syncGroup(ctx, groupId)
  } catch (error) {
    // The requests are processed all the same; the sync's own failure is what the caller hears.
    await carryOutLeaveRequests(ctx, groupId).catch(() => undefined)
    throw error
  }
  await carryOutLeaveRequests(ctx, groupId)
  return summary
}

/** A paused group sends nothing, leave requests included, until the pause lifts. */
export async function carryOutLeaveRequests(ctx: GroupContext, groupId: Uint8Array): Promise<void> {
  if (ctx.db.pausedGroups.get(groupId) === undefined) await removeMembersPendingRemoval(ctx, groupId)
}
