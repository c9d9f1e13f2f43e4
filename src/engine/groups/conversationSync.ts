// What conversation.sync() does (libxmtp MlsGroup::sync plus the pending-removal worker): a DM's
// duplicates are synced first, then the group itself, then a super admin's client carries out the
// leave requests it has recorded.
import { bytesToHex } from "@noble/hashes/utils.js"
import type { GroupContext } from "./context"
import { loadGroup } from "./groupState"
import { syncGroup } from "./groupSync"
import { removeMembersPendingRemoval } from "./leaveGroup"

/**
 * conversation.sync(): a DM's duplicates first (DM-11), then the group's own sync, then (as a
 * super admin) the pending leave requests.
 */
export async function syncConversation(ctx: GroupContext, groupId: Uint8Array): Promise<void> {
  const dmId = loadGroup(ctx.db, groupId).row.dmId
  if (dmId) {
    // Duplicates this installation was removed from have nothing left to sync.
    const others = ctx.db.groups.findDms(dmId).filter((other) => other.isActive && bytesToHex(other.id) !== bytesToHex(groupId))
    for (const other of others) await syncGroup(ctx, other.id)
  }
  try {
    await syncGroup(ctx, groupId)
  } catch (error) {
    // The requests are processed all the same; the sync's own failure is what the caller hears.
    await removeMembersPendingRemoval(ctx, groupId).catch(() => undefined)
    throw error
  }
  await removeMembersPendingRemoval(ctx, groupId)
}
