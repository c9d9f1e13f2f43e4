// Conversation overviews: what a conversation list shows of each conversation, read in one pass
// that decodes neither the groups' full MLS states nor their message histories. Each answer equals
// what the conversation's own accessors give (its row, consent, group-context metadata, the member
// count of members(), the newest message of messages()), which tests check against them.
import { bytesToHex } from "@noble/hashes/utils.js"
import { enrichMessages } from "../content/enrichment"
import { isDeletionValid } from "../content/enrichmentDeletions"
import { readStoredGroupContext } from "../mls/storedGroupContext"
import { ConsentEntityType } from "../storage/consent"
import type { RecentMessagesQuery } from "../storage/conversationOverviews"
import { StoredConversationType, type StoredGroup } from "../storage/groups"
import { nowNs } from "../storage/rows"
import type { GroupContext } from "./context"
import { MEMBERSHIP_STATES } from "./conversation"
import { conversationOf } from "./conversationListing"
import { disappearingSettingsOf, isDisappearingEnabled } from "./disappearingSettings"
import { dmPeerInboxId } from "./dmRules"
import type { Dm } from "./dm"
import { METADATA_FIELD, readXmtpGroupContext } from "./extensions/index"
import type { Group } from "./group"
import { enrichedMessageQuery, messageQuery } from "./messageQueryOptions"
import {
  SortDirection,
  type ConsentState,
  type ContentType,
  type DecodedMessage,
  type GroupMembershipState,
  type MessageDisappearingSettings,
} from "./publicTypes"

/** Which of a conversation's newest messages to count (an unread badge, say). */
export interface RecentMessageCount {
  /** How many of the newest listed messages are looked at (as messages({ limit, direction: Descending }) lists them). */
  scanLimit: number
  /** Only messages sent after this time count; per conversation id. */
  sentAfterNs: (conversationId: string) => bigint
  excludeSenderInboxIds: readonly string[]
  /** Only these types count; a message deleted for everyone counts as none of them (it lists as a DeletedMessage). */
  contentTypes: readonly ContentType[]
}

export interface ConversationOverview {
  conversation: Group | Dm
  createdAtNs: bigint
  isActive: boolean
  membershipState: GroupMembershipState
  addedByInboxId: string
  consentState: ConsentState
  /** members().length: the inboxes of the membership, a never-synced group's placeholder left out. */
  memberCount: number
  /** Group metadata ("" when unset, and for DMs). */
  name: string
  description: string
  imageUrl: string
  adminInboxIds: string[]
  superAdminInboxIds: string[]
  /** As messageDisappearingSettings() and isMessageDisappearingEnabled() read them. */
  messageDisappearingSettings: MessageDisappearingSettings | undefined
  isMessageDisappearingEnabled: boolean
  /** The other inbox of a DM. */
  peerInboxId: string | undefined
  /** The newest listed message that decodes among the scanned ones (messages({ limit: scanLimit, direction: Descending })[0]). */
  lastMessage: DecodedMessage | undefined
  /** How many messages the `count` option matched (0 without it). */
  recentCount: number
}

/** The overviews of these stored conversations, in their order. */
export function conversationOverviews(ctx: GroupContext, rows: readonly StoredGroup[], count?: RecentMessageCount): ConversationOverview[] {
  const now = nowNs()
  return rows.map((row) => overviewOf(ctx, row, now, count))
}

function overviewOf(ctx: GroupContext, row: StoredGroup, now: bigint, count: RecentMessageCount | undefined): ConversationOverview {
  const conversation = conversationOf(ctx, row)
  const xmtpContext = readXmtpGroupContext(readStoredGroupContext(row.mlsState).extensions)
  const { membership, mutableMetadata } = xmtpContext
  const disappearing = disappearingSettingsOf(xmtpContext)
  const isGroup = row.conversationType !== StoredConversationType.Dm
  const attribute = (field: string) => (isGroup ? (mutableMetadata.attributes.get(field) ?? "") : "")
  const groupIds = row.dmId ? ctx.db.conversationOverviews.dmGroupIds(row.dmId) : [row.id]
  const window = { excludeContentTypes: HIDDEN_TYPES, limit: Math.max(1, count?.scanLimit ?? 1), nowNs: now }
  return {
    conversation,
    createdAtNs: row.createdAtNs,
    isActive: row.isActive,
    membershipState: MEMBERSHIP_STATES[row.membershipState],
    addedByInboxId: row.addedByInboxId,
    consentState: ctx.db.conversationOverviews.consentState(ConsentEntityType.ConversationId, conversation.id) as ConsentState,
    memberCount: [...membership.members.values()].filter((sequenceId) => sequenceId !== 0n).length,
    name: attribute(METADATA_FIELD.groupName),
    description: attribute(METADATA_FIELD.description),
    imageUrl: attribute(METADATA_FIELD.groupImageUrlSquare),
    adminInboxIds: [...mutableMetadata.adminList],
    superAdminInboxIds: [...mutableMetadata.superAdminList],
    messageDisappearingSettings: disappearing,
    isMessageDisappearingEnabled: isDisappearingEnabled(disappearing),
    peerInboxId: row.conversationType === StoredConversationType.Dm ? dmPeerInboxId(row.dmId ?? "", ctx.inboxId) : undefined,
    lastMessage: lastMessageOf(ctx, row.id, groupIds, window),
    recentCount: count ? countRecent(ctx, row.id, groupIds, window, count) : 0,
  }
}

/** What enriched lists leave out (reactions, read receipts, deletes). */
const HIDDEN_TYPES = enrichedMessageQuery().excludeContentTypes ?? []

/**
 * The newest message as messages() enriches it. A row whose bytes are no EncodedContent is left
 * out of lists; then the newest that decodes among the scanned ones stands, as in the list.
 */
function lastMessageOf(ctx: GroupContext, groupId: Uint8Array, groupIds: Uint8Array[], window: RecentMessagesQuery): DecodedMessage | undefined {
  const newestId = ctx.db.conversationOverviews.newestMessageId(groupIds, window)
  const newest = newestId && ctx.db.messages.find(newestId)
  if (!newest) return undefined
  const [decoded] = enrichMessages(ctx.db, groupId, groupIds, [newest])
  if (decoded) return decoded
  const page = ctx.db.messages.list(groupIds, enrichedMessageQuery({ limit: window.limit, direction: SortDirection.Descending }))
  return enrichMessages(ctx.db, groupId, groupIds, page)[0]
}

/**
 * Counted in SQL on stored types, which stand for the listed ones (both come from the content's
 * type id; bytes that are no EncodedContent are stored as Unknown). Deleted messages list as
 * DeletedMessages, so those a deletion record names are judged as enrichment judges them.
 */
function countRecent(ctx: GroupContext, groupId: Uint8Array, groupIds: Uint8Array[], window: RecentMessagesQuery, count: RecentMessageCount): number {
  const filter = {
    sentAfterNs: count.sentAfterNs(bytesToHex(groupId)),
    excludeSenderInboxIds: count.excludeSenderInboxIds,
    contentTypes: messageQuery({ contentTypes: [...count.contentTypes] }).contentTypes ?? [],
  }
  const { matching, withDeletionRecords } = ctx.db.conversationOverviews.countRecent(groupIds, window, filter)
  if (withDeletionRecords.length === 0) return matching
  // One record per target: when several name it, the last stored stands (as enrichment reads them).
  const deletions = new Map(ctx.db.messageDeletions.forMessages(withDeletionRecords).map((d) => [bytesToHex(d.deletedMessageId), d]))
  const deleted = withDeletionRecords.filter((id) => {
    const deletion = deletions.get(bytesToHex(id))
    const stored = deletion && ctx.db.messages.find(id)
    return Boolean(deletion && stored && isDeletionValid(deletion, stored, groupId))
  })
  return matching - deleted.length
}
