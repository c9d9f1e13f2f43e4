// Whether the user's messages were seen, from the other members' read receipts: in a DM, "Seen"
// under the user's newest message the peer has read; in a group, "Seen by N" under the user's
// newest message, N counting the members whose newest receipt is at least as new as it (only
// current members once the member list is known: people who left do not count).
import type { ConversationSummary } from "../../../../shared/dto/conversation"
import type { InboxId, MessageId, Nanos } from "../../../../shared/dto/identifiers"
import type { Message } from "../../../../shared/dto/message"
import { messageRows } from "./messageRows"

export interface SeenStatus {
  messageId: MessageId
  label: string
}

type Audience = { kind: "group"; memberInboxIds?: ReadonlySet<InboxId> } | { kind: "dm"; peerInboxId: InboxId }

/** `messages` oldest first (as sortMessages returns them). */
export function seenStatus(messages: readonly Message[], readTimes: Readonly<Record<InboxId, Nanos>>, ownInboxId: InboxId | null, audience: Audience): SeenStatus | null {
  if (ownInboxId === null) return null
  const own = messageRows(messages).flatMap((row) => (row.kind === "message" && row.message.senderInboxId === ownInboxId ? [row.message] : []))
  if (audience.kind === "dm") {
    const readAt = readTimes[audience.peerInboxId]
    if (readAt === undefined) return null
    const seen = own.findLast((message) => BigInt(message.sentAtNs) <= BigInt(readAt))
    return seen ? { messageId: seen.id, label: "Seen" } : null
  }
  const last = own.at(-1)
  if (!last) return null
  const members = audience.memberInboxIds
  const readers = Object.entries(readTimes).filter(
    ([inboxId, readAt]) => inboxId !== ownInboxId && (members === undefined || members.has(inboxId)) && BigInt(readAt) >= BigInt(last.sentAtNs),
  ).length
  return readers > 0 ? { messageId: last.id, label: `Seen by ${readers}` } : null
}

/** Who a conversation's receipts come from, as seenStatus wants it; `members` when loaded. */
export function audienceOf(conversation: ConversationSummary, members?: readonly { inboxId: InboxId }[]): Audience {
  if (conversation.kind === "dm") return { kind: "dm", peerInboxId: conversation.peerInboxId }
  return members ? { kind: "group", memberInboxIds: new Set(members.map((member) => member.inboxId)) } : { kind: "group" }
}
