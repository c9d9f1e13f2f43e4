// A conversation's summary for the list and the header: its kind-specific facts, membership,
// consent, newest message and unread count.
import { CONTENT_TYPE_IDS } from "../../engine/content/index"
import { ConsentState, type DecodedMessage, Dm, type Group, GroupMembershipState, SortDirection } from "../../engine/index"
import { CONSENT_STATES } from "../../shared/dto/consent"
import { type ConversationSummary, MEMBERSHIP_STATES } from "../../shared/dto/conversation"
import { messageDto } from "./engineDto"
import type { ReadMarkers } from "./readMarkers"

/** How many of the newest messages are looked at to count unread ones (the badge shows "99+" past that). */
const UNREAD_SCAN = 100

// Group-update lines do not make a conversation unread (the engine's lists already leave out
// reactions and read receipts, which are attached to their targets).
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

export interface SummaryContext {
  ownInboxId: string
  readMarkers: ReadMarkers
}

async function newestMessages(conversation: Group | Dm): Promise<DecodedMessage[]> {
  return conversation.messages({ limit: UNREAD_SCAN, direction: SortDirection.Descending })
}

export async function conversationSummary(conversation: Group | Dm, context: SummaryContext): Promise<ConversationSummary> {
  const [recent, members] = await Promise.all([newestMessages(conversation), conversation.members()])
  const readUpTo = context.readMarkers.readUpTo(conversation.id)
  const last = recent[0]
  const unreadCount = recent.filter(
    (message) => message.sentAtNs > readUpTo && message.senderInboxId !== context.ownInboxId && UNREAD_TYPES.has(message.contentType.typeId),
  ).length
  const common = {
    id: conversation.id,
    createdAtNs: conversation.createdAtNs.toString(),
    consentState: CONSENT_STATES[conversation.consentState()] ?? CONSENT_STATES[ConsentState.Unknown],
    isActive: conversation.isActive,
    membershipState: MEMBERSHIP[conversation.membershipState()],
    addedByInboxId: conversation.addedByInboxId,
    memberCount: members.length,
    disappearing: null,
    lastMessage: last ? messageDto(last) : null,
    unreadCount,
  }
  if (conversation instanceof Dm) return { kind: "dm", ...common, peerInboxId: conversation.peerInboxId }
  return {
    kind: "group",
    ...common,
    name: conversation.name,
    description: conversation.description,
    imageUrl: conversation.imageUrl,
    isAdmin: conversation.isAdmin(context.ownInboxId),
    isSuperAdmin: conversation.isSuperAdmin(context.ownInboxId),
  }
}
