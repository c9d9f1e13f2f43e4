// What a client records about leave requests while it processes a group's messages (libxmtp
// mls_sync.rs process_leave_request_message and clean_pending_remove_list). Each function runs
// inside the transaction that stores the message or merges the commit.
import { StoredMembershipState } from "../storage/groups"
import { StoredContentType, StoredMessageKind, type StoredMessage } from "../storage/messages"
import type { GroupContext } from "./context"
import type { ValidatedCommit } from "./validatedCommitTypes"

/**
 * A LeaveRequest, ours or another member's, puts its sender on the group's pending-remove list
 * (LEAVE-04); our own makes our membership PendingRemove while we stay active (LEAVE-03).
 */
export function recordLeaveRequest(ctx: GroupContext, groupId: Uint8Array, message: StoredMessage): void {
  if (message.kind !== StoredMessageKind.Application || message.contentType !== StoredContentType.LeaveRequest) return
  ctx.db.pendingRemovals.insertOrIgnore(groupId, message.senderInboxId, message.id)
  if (message.senderInboxId === ctx.inboxId) ctx.db.groups.setMembershipState(groupId, StoredMembershipState.PendingRemove)
}

/** Any removal, requested or not, takes the removed inboxes off the list (LEAVE-07). */
export function clearRemovedFromPending(ctx: GroupContext, groupId: Uint8Array, commit: ValidatedCommit): void {
  if (commit.removedInboxes.length > 0) ctx.db.pendingRemovals.delete(groupId, commit.removedInboxes.map((inbox) => inbox.inboxId))
}

export function pendingRemovalsOf(ctx: GroupContext, groupId: Uint8Array): ReadonlySet<string> {
  return new Set(ctx.db.pendingRemovals.list(groupId))
}
