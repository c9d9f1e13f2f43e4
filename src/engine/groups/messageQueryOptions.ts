// ListMessagesOptions (node-bindings 1.10) as a stored-message query (libxmtp MsgQueryArgs), and
// the two variants the SDK builds on it: enriched lists always leave out reactions, read receipts
// and deletes, which they attach or apply instead (message_list.rs, ENR-01); counts leave out a
// DM's transcripts unless they are asked for (count_group_messages).
import type { ClientDatabase } from "../storage/clientDatabase"
import { StoredConversationType } from "../storage/groups"
import { StoredContentType, StoredDeliveryStatus, StoredMessageKind, type MessageQuery } from "../storage/messages"
import { ContentType, DeliveryStatus, GroupMessageKind, MessageSortBy, SortDirection, type ListMessagesOptions } from "./publicTypes"

const STORED_DELIVERY_STATUSES: Record<DeliveryStatus, StoredDeliveryStatus> = {
  [DeliveryStatus.Unpublished]: StoredDeliveryStatus.Unpublished,
  [DeliveryStatus.Published]: StoredDeliveryStatus.Published,
  [DeliveryStatus.Failed]: StoredDeliveryStatus.Failed,
}

const STORED_KINDS: Record<GroupMessageKind, StoredMessageKind> = {
  [GroupMessageKind.Application]: StoredMessageKind.Application,
  [GroupMessageKind.MembershipChange]: StoredMessageKind.MembershipChange,
}

/** node-bindings ContentType to libxmtp's stored integer (Custom is the Unknown row type). */
const STORED_CONTENT_TYPES: Record<ContentType, StoredContentType> = {
  [ContentType.Actions]: StoredContentType.Actions,
  [ContentType.Attachment]: StoredContentType.Attachment,
  [ContentType.Custom]: StoredContentType.Unknown,
  [ContentType.GroupMembershipChange]: StoredContentType.GroupMembershipChange,
  [ContentType.GroupUpdated]: StoredContentType.GroupUpdated,
  [ContentType.Intent]: StoredContentType.Intent,
  [ContentType.LeaveRequest]: StoredContentType.LeaveRequest,
  [ContentType.Markdown]: StoredContentType.Markdown,
  [ContentType.MultiRemoteAttachment]: StoredContentType.MultiRemoteAttachment,
  [ContentType.Reaction]: StoredContentType.Reaction,
  [ContentType.ReadReceipt]: StoredContentType.ReadReceipt,
  [ContentType.RemoteAttachment]: StoredContentType.RemoteAttachment,
  [ContentType.Reply]: StoredContentType.Reply,
  [ContentType.Text]: StoredContentType.Text,
  [ContentType.TransactionReference]: StoredContentType.TransactionReference,
  [ContentType.WalletSendCalls]: StoredContentType.WalletSendCalls,
}

/** What enriched lists never show as messages of their own (filter_out_hidden_message_types_from_query). */
const HIDDEN_CONTENT_TYPES: readonly StoredContentType[] = [StoredContentType.Reaction, StoredContentType.ReadReceipt, StoredContentType.DeleteMessage]

const storedTypes = (types: readonly ContentType[]) => types.map((type) => STORED_CONTENT_TYPES[type])

/** The options as a stored-message query, filters exactly as given. */
export function messageQuery(options: ListMessagesOptions = {}): MessageQuery {
  return {
    ...(options.sentAfterNs === undefined ? {} : { sentAfterNs: options.sentAfterNs }),
    ...(options.sentBeforeNs === undefined ? {} : { sentBeforeNs: options.sentBeforeNs }),
    ...(options.insertedAfterNs === undefined ? {} : { insertedAfterNs: options.insertedAfterNs }),
    ...(options.insertedBeforeNs === undefined ? {} : { insertedBeforeNs: options.insertedBeforeNs }),
    ...(options.kind === undefined ? {} : { kind: STORED_KINDS[options.kind] }),
    ...(options.deliveryStatus === undefined ? {} : { deliveryStatus: STORED_DELIVERY_STATUSES[options.deliveryStatus] }),
    ...(options.contentTypes === undefined ? {} : { contentTypes: storedTypes(options.contentTypes) }),
    ...(options.excludeContentTypes === undefined ? {} : { excludeContentTypes: storedTypes(options.excludeContentTypes) }),
    ...(options.excludeSenderInboxIds === undefined ? {} : { excludeSenderInboxIds: [...options.excludeSenderInboxIds] }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    sortBy: options.sortBy === MessageSortBy.InsertedAt ? "insertedAt" : "sentAt",
    direction: options.direction === SortDirection.Descending ? "descending" : "ascending",
  }
}

/** The query behind an enriched list: the caller's exclusions plus the hidden types. */
export function enrichedMessageQuery(options: ListMessagesOptions = {}): MessageQuery {
  const query = messageQuery(options)
  const excluded = query.excludeContentTypes ?? []
  return { ...query, excludeContentTypes: [...excluded, ...HIDDEN_CONTENT_TYPES.filter((type) => !excluded.includes(type))] }
}

/** The query behind countMessages: a DM's transcripts are counted only when asked for by type. */
export function countQuery(db: ClientDatabase, groupId: Uint8Array, options: Omit<ListMessagesOptions, "limit" | "direction"> = {}): MessageQuery {
  const { limit: _limit, direction: _direction, sortBy: _sortBy, ...query } = messageQuery(options)
  const isDm = db.groups.find(groupId)?.conversationType === StoredConversationType.Dm
  if (!isDm || query.contentTypes?.includes(StoredContentType.GroupUpdated)) return query
  return { ...query, excludeContentTypes: [...(query.excludeContentTypes ?? []), StoredContentType.GroupUpdated] }
}

/** The group and, for a DM, every other group with the same members (libxmtp group_id_filter). */
export function conversationGroupIds(db: ClientDatabase, groupId: Uint8Array): Uint8Array[] {
  const dmId = db.groups.find(groupId)?.dmId
  return dmId ? db.groups.findDms(dmId).map((group) => group.id) : [groupId]
}
