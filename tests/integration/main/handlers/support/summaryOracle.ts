// Conversation summaries as they were built before the engine's overviews, one conversation at a
// time through its public accessors (messages(), members(), the metadata getters, each of which
// reads the full MLS state): the reference the fast list must equal.
import { CONTENT_TYPE_IDS } from "../../../../../src/engine/content/index"
import { ConsentState, type Client, Dm, type Group, GroupMembershipState, SortDirection } from "../../../../../src/engine/index"
import { disappearingDto } from "../../../../../src/main/handlers/disappearingSettings"
import { messageDto } from "../../../../../src/main/handlers/engineDto"
import type { ReadMarkers } from "../../../../../src/main/handlers/readMarkers"
import { CONSENT_STATES } from "../../../../../src/shared/dto/consent"
import { type ConversationListQuery, type ConversationSummary, MEMBERSHIP_STATES } from "../../../../../src/shared/dto/conversation"

const UNREAD_SCAN = 100
const UNREAD_TYPES = new Set([
  CONTENT_TYPE_IDS.text.typeId,
  CONTENT_TYPE_IDS.markdown.typeId,
  CONTENT_TYPE_IDS.reply.typeId,
  CONTENT_TYPE_IDS.attachment.typeId,
  CONTENT_TYPE_IDS.remoteAttachment.typeId,
  CONTENT_TYPE_IDS.multiRemoteAttachment.typeId,
  CONTENT_TYPE_IDS.transactionReference.typeId,
])
const MEMBERSHIP: Record<GroupMembershipState, ConversationSummary["membershipState"]> = {
  [GroupMembershipState.Allowed]: MEMBERSHIP_STATES[0],
  [GroupMembershipState.Rejected]: MEMBERSHIP_STATES[1],
  [GroupMembershipState.Pending]: MEMBERSHIP_STATES[2],
  [GroupMembershipState.Restored]: MEMBERSHIP_STATES[3],
  [GroupMembershipState.PendingRemove]: MEMBERSHIP_STATES[4],
}

export async function slowSummary(conversation: Group | Dm, ownInboxId: string, readMarkers: ReadMarkers): Promise<ConversationSummary> {
  const [recent, members] = await Promise.all([conversation.messages({ limit: UNREAD_SCAN, direction: SortDirection.Descending }), conversation.members()])
  const readUpTo = readMarkers.readUpTo(conversation.id)
  const last = recent[0]
  const common = {
    id: conversation.id,
    createdAtNs: conversation.createdAtNs.toString(),
    consentState: CONSENT_STATES[conversation.consentState()] ?? CONSENT_STATES[ConsentState.Unknown],
    isActive: conversation.isActive,
    membershipState: MEMBERSHIP[conversation.membershipState()],
    addedByInboxId: conversation.addedByInboxId,
    memberCount: members.length,
    disappearing: disappearingDto(conversation),
    lastMessage: last ? messageDto(last) : null,
    unreadCount: recent.filter((m) => m.sentAtNs > readUpTo && m.senderInboxId !== ownInboxId && UNREAD_TYPES.has(m.contentType.typeId)).length,
  }
  if (conversation instanceof Dm) return { kind: "dm", ...common, peerInboxId: conversation.peerInboxId }
  return {
    kind: "group",
    ...common,
    name: conversation.name,
    description: conversation.description,
    imageUrl: conversation.imageUrl,
    isAdmin: conversation.isAdmin(ownInboxId),
    isSuperAdmin: conversation.isSuperAdmin(ownInboxId),
  }
}

/** conversations:list as it was answered: every conversation listed, filtered, then cut to the limit. */
export async function slowList(client: Client, readMarkers: ReadMarkers, query: ConversationListQuery): Promise<ConversationSummary[]> {
  const conversations = await client.conversations.list({ consentStates: [ConsentState.Unknown, ConsentState.Allowed, ConsentState.Denied] })
  const wanted = conversations.filter(
    (conversation) =>
      (query.kind === undefined || (query.kind === "dm") === conversation instanceof Dm) &&
      (query.consentStates === undefined || query.consentStates.includes(CONSENT_STATES[conversation.consentState()] ?? "unknown")),
  )
  const summaries = await Promise.all(wanted.map((conversation) => slowSummary(conversation, client.inboxId, readMarkers)))
  return query.limit === undefined ? summaries : summaries.slice(0, query.limit)
}
