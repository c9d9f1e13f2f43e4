// Conversations.list() and its relatives (node-bindings Conversations.list over libxmtp
// list_conversations): public options checked and turned into a stored-group query, and the rows
// handed out as Group and Dm handles, optionally with the conversation's last message.
import { toDecodedMessage } from "./decodedMessage"
import { Dm } from "./dm"
import { Group } from "./group"
import type { GroupContext } from "./context"
import { ConversationType, ListConversationsOrderBy, type DecodedMessage, type ListConversationsOptions } from "./publicTypes"
import type { StoredConsentState } from "../storage/consent"
import type { GroupQuery, ListedConversation } from "../storage/conversationList"
import { StoredConversationType, type StoredGroup } from "../storage/groups"

export type ConversationQueryErrorCode =
  /** Two bounds that cannot be combined, or a value out of range (libxmtp InvalidQuery). */
  "InvalidQuery"

export class ConversationQueryError extends Error {
  override readonly name = "ConversationQueryError"
  constructor(
    readonly code: ConversationQueryErrorCode,
    message: string,
  ) {
    super(message)
  }
}

/** A conversation with the message a conversation list shows for it (node-bindings ConversationListItem). */
export interface ConversationListItem {
  conversation: Group | Dm
  /** The newest message of a displayable type (LIST-04), decoded as messages() shows it. */
  lastMessage: DecodedMessage | undefined
}

const STORED_TYPES: Record<ConversationType, StoredConversationType> = {
  [ConversationType.Dm]: StoredConversationType.Dm,
  [ConversationType.Group]: StoredConversationType.Group,
  [ConversationType.Sync]: StoredConversationType.Sync,
  [ConversationType.Oneshot]: StoredConversationType.Oneshot,
}

/** The stored-group query for list options; throws ConversationQueryError as libxmtp's GroupQueryArgs::validate does (LIST-01). */
export function groupQueryOf(options: ListConversationsOptions): GroupQuery {
  if (options.lastActivityAfterNs !== undefined && options.createdAfterNs !== undefined) {
    throw new ConversationQueryError("InvalidQuery", "lastActivityAfterNs and createdAfterNs cannot be used together.")
  }
  if (options.lastActivityBeforeNs !== undefined && options.createdBeforeNs !== undefined) {
    throw new ConversationQueryError("InvalidQuery", "lastActivityBeforeNs and createdBeforeNs cannot be used together.")
  }
  if (options.limit !== undefined && !Number.isSafeInteger(options.limit)) {
    throw new ConversationQueryError("InvalidQuery", `limit must be an integer, not ${options.limit}.`)
  }
  if (options.conversationType !== undefined && !(options.conversationType in STORED_TYPES)) {
    throw new ConversationQueryError("InvalidQuery", `${String(options.conversationType)} is not a ConversationType.`)
  }
  return {
    ...(options.createdAfterNs === undefined ? {} : { createdAfterNs: options.createdAfterNs }),
    ...(options.createdBeforeNs === undefined ? {} : { createdBeforeNs: options.createdBeforeNs }),
    ...(options.lastActivityAfterNs === undefined ? {} : { lastActivityAfterNs: options.lastActivityAfterNs }),
    ...(options.lastActivityBeforeNs === undefined ? {} : { lastActivityBeforeNs: options.lastActivityBeforeNs }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(options.conversationType === undefined ? {} : { conversationType: STORED_TYPES[options.conversationType] }),
    // The public ConsentState numbers are the stored ones.
    ...(options.consentStates === undefined ? {} : { consentStates: options.consentStates as StoredConsentState[] }),
    includeDuplicateDms: options.includeDuplicateDms ?? false,
    orderBy: options.orderBy === ListConversationsOrderBy.CreatedAt ? "createdAt" : "lastActivity",
  }
}

export function listConversations(ctx: GroupContext, options: ListConversationsOptions = {}): Array<Group | Dm> {
  return listedRows(ctx, options).map((listed) => conversationOf(ctx, listed.group))
}

export function listConversationItems(ctx: GroupContext, options: ListConversationsOptions = {}): ConversationListItem[] {
  return listedRows(ctx, options).map((listed) => {
    const row = listed.lastMessageId && ctx.db.messages.find(listed.lastMessageId)
    return { conversation: conversationOf(ctx, listed.group), lastMessage: row ? toDecodedMessage(ctx.db, row) : undefined }
  })
}

export function conversationOf(ctx: GroupContext, row: StoredGroup): Group | Dm {
  return row.conversationType === StoredConversationType.Dm ? new Dm(ctx, row.id) : new Group(ctx, row.id)
}

function listedRows(ctx: GroupContext, options: ListConversationsOptions): ListedConversation[] {
  return ctx.db.conversationList.listConversations(groupQueryOf(options))
}
