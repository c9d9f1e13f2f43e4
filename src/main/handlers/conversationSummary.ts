// A conversation's summary for the list and the header: its kind-specific facts, membership,
// consent, newest message and unread count, from the engine's conversation overview (one light
// pass over stored rows, no MLS state or message history decoded).
import { ConsentState, ContentType, type ConversationOverview, Dm, GroupMembershipState, type MessageDisappearingSettings, type RecentMessageCount } from "../../engine/index"
import { CONSENT_STATES } from "../../shared/dto/consent"
import { type ConversationSummary, type DisappearingSettings, MEMBERSHIP_STATES } from "../../shared/dto/conversation"
import { messageDto } from "./engineDto"
import type { ReadMarkers } from "./readMarkers"

/** How many of the newest messages are looked at to count unread ones (the badge shows "99+" past that). */
const UNREAD_SCAN = 100

// Group-update lines do not make a conversation unread (lists leave out reactions, read receipts
// and deletes, which are attached to their targets; a deleted message is not unread).
const UNREAD_TYPES: readonly ContentType[] = [
  ContentType.Text,
  ContentType.Markdown,
  ContentType.Reply,
  ContentType.Attachment,
  ContentType.RemoteAttachment,
  ContentType.MultiRemoteAttachment,
  ContentType.TransactionReference,
]

const MEMBERSHIP: Record<GroupMembershipState, ConversationSummary["membershipState"]> = {
  [GroupMembershipState.Allowed]: MEMBERSHIP_STATES[0],
  [GroupMembershipState.Rejected]: MEMBERSHIP_STATES[1],
  [GroupMembershipState.Pending]: MEMBERSHIP_STATES[2],
  [GroupMembershipState.Restored]: MEMBERSHIP_STATES[3],
  [GroupMembershipState.PendingRemove]: MEMBERSHIP_STATES[4],
}

/** As disappearingSettings.ts's disappearingDto shows an enabled setting. */
function disappearingSettingsDto(settings: MessageDisappearingSettings): DisappearingSettings {
  return { fromNs: settings.fromNs.toString(), inNs: settings.inNs.toString() }
}

export interface SummaryContext {
  ownInboxId: string
  readMarkers: ReadMarkers
}

/** What the overviews count: messages from others after the read marker, among the newest UNREAD_SCAN. */
export function unreadCount(context: SummaryContext): RecentMessageCount {
  return {
    scanLimit: UNREAD_SCAN,
    sentAfterNs: (conversationId) => context.readMarkers.readUpTo(conversationId),
    excludeSenderInboxIds: [context.ownInboxId],
    contentTypes: UNREAD_TYPES,
  }
}

/** The summary of an overview read with unreadCount(context). */
export function conversationSummary(overview: ConversationOverview, context: SummaryContext): ConversationSummary {
  const { conversation } = overview
  const common = {
    id: conversation.id,
    createdAtNs: overview.createdAtNs.toString(),
    consentState: CONSENT_STATES[overview.consentState] ?? CONSENT_STATES[ConsentState.Unknown],
    isActive: overview.isActive,
    membershipState: MEMBERSHIP[overview.membershipState],
    addedByInboxId: overview.addedByInboxId,
    memberCount: overview.memberCount,
    disappearing: overview.isMessageDisappearingEnabled && overview.messageDisappearingSettings ? disappearingSettingsDto(overview.messageDisappearingSettings) : null,
    lastMessage: overview.lastMessage ? messageDto(overview.lastMessage) : null,
    unreadCount: overview.recentCount,
  }
  if (conversation instanceof Dm) return { kind: "dm", ...common, peerInboxId: overview.peerInboxId ?? "" }
  return {
    kind: "group",
    ...common,
    name: overview.name,
    description: overview.description,
    imageUrl: overview.imageUrl,
    isAdmin: overview.adminInboxIds.includes(context.ownInboxId),
    isSuperAdmin: overview.superAdminInboxIds.includes(context.ownInboxId),
  }
}
