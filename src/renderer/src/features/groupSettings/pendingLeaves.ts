// Members who asked to leave and are still in the group. libxmtp records a LeaveRequest message's
// sender as pending removal until a commit removes them; the transcript says the same, so the list
// is read from the group's messages: a request counts until a later update adds or removes its sender.
import type { InboxId } from "../../../../shared/dto/identifiers"
import type { Member } from "../../../../shared/dto/member"
import type { Message } from "../../../../shared/dto/message"

export interface LeaveRequest {
  inboxId: InboxId
  sentAtNs: string
}

/** `messages` oldest first; the result in the order the requests were made. */
export function pendingLeaveRequests(messages: readonly Message[], members: readonly Member[]): LeaveRequest[] {
  const pending = new Map<InboxId, LeaveRequest>()
  for (const message of messages) {
    const content = message.content
    if (content.type === "leaveRequest") {
      if (!pending.has(message.senderInboxId)) pending.set(message.senderInboxId, { inboxId: message.senderInboxId, sentAtNs: message.sentAtNs })
    } else if (content.type === "groupUpdated") {
      const update = content.groupUpdated
      for (const inboxId of [...update.addedInboxIds, ...update.removedInboxIds, ...update.leftInboxIds]) pending.delete(inboxId)
    }
  }
  const memberIds = new Set(members.map((member) => member.inboxId))
  return [...pending.values()].filter((request) => memberIds.has(request.inboxId))
}
