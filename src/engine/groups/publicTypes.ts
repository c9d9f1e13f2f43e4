// The shapes the engine's API returns, named and numbered as @xmtp/node-sdk 6 / node-bindings 1.10
// number them (their const enums), so code written against the SDK reads Parley's results alike.
import type { ContentDecodeError, ContentTypeId, Reaction } from "../content/index"

export const GroupMessageKind = { Application: 0, MembershipChange: 1 } as const
export type GroupMessageKind = (typeof GroupMessageKind)[keyof typeof GroupMessageKind]

export const DeliveryStatus = { Unpublished: 0, Published: 1, Failed: 2 } as const
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus]

export const ConversationType = { Dm: 0, Group: 1, Sync: 2, Oneshot: 3 } as const
export type ConversationType = (typeof ConversationType)[keyof typeof ConversationType]

export const ConsentState = { Unknown: 0, Allowed: 1, Denied: 2 } as const
export type ConsentState = (typeof ConsentState)[keyof typeof ConsentState]

/** What a consent record is about (node-bindings numbering; the database's differs, CONSENT-01). */
export const ConsentEntityType = { GroupId: 0, InboxId: 1 } as const
export type ConsentEntityType = (typeof ConsentEntityType)[keyof typeof ConsentEntityType]

/** A consent record as Preferences sets it: `entity` is a conversation id (hex) or an inbox id. */
export interface Consent {
  entityType: ConsentEntityType
  state: ConsentState
  entity: string
}

export const ListConversationsOrderBy = { CreatedAt: 0, LastActivity: 1 } as const
export type ListConversationsOrderBy = (typeof ListConversationsOrderBy)[keyof typeof ListConversationsOrderBy]

/**
 * Conversations.list()'s options (node-bindings ListConversationsOptions, LIST-07), plus libxmtp's
 * last-activity bounds, which the SDK does not expose, for paging by activity (QUERY-08).
 */
export interface ListConversationsOptions {
  /** None or empty: Allowed and Unknown (Denied conversations are left out, CONSENT-06). */
  consentStates?: ConsentState[]
  conversationType?: ConversationType
  /** Exclusive bounds on the creation (or joining) time. */
  createdAfterNs?: bigint
  createdBeforeNs?: bigint
  /** Exclusive bounds on the last activity (LIST-03); not combinable with the created bound on the same side. */
  lastActivityAfterNs?: bigint
  lastActivityBeforeNs?: bigint
  includeDuplicateDms?: boolean
  limit?: number
  /** LastActivity (newest first) unless CreatedAt (newest first) is asked for. */
  orderBy?: ListConversationsOrderBy
}

export const PermissionLevel = { Member: 0, Admin: 1, SuperAdmin: 2 } as const
export type PermissionLevel = (typeof PermissionLevel)[keyof typeof PermissionLevel]

export const GroupMembershipState = { Allowed: 0, Rejected: 1, Pending: 2, Restored: 3, PendingRemove: 4 } as const
export type GroupMembershipState = (typeof GroupMembershipState)[keyof typeof GroupMembershipState]

export const SortDirection = { Ascending: 0, Descending: 1 } as const
export type SortDirection = (typeof SortDirection)[keyof typeof SortDirection]

export const MessageSortBy = { SentAt: 0, InsertedAt: 1 } as const
export type MessageSortBy = (typeof MessageSortBy)[keyof typeof MessageSortBy]

/** The content types ListMessagesOptions filters by (node-bindings ContentType; Custom is any type without one). */
export const ContentType = {
  Actions: 0,
  Attachment: 1,
  Custom: 2,
  GroupMembershipChange: 3,
  GroupUpdated: 4,
  Intent: 5,
  LeaveRequest: 6,
  Markdown: 7,
  MultiRemoteAttachment: 8,
  Reaction: 9,
  ReadReceipt: 10,
  RemoteAttachment: 11,
  Reply: 12,
  Text: 13,
  TransactionReference: 14,
  WalletSendCalls: 15,
} as const
export type ContentType = (typeof ContentType)[keyof typeof ContentType]

export const GroupPermissionsOptions = { Default: 0, AdminOnly: 1, CustomPolicy: 2 } as const
export type GroupPermissionsOptions = (typeof GroupPermissionsOptions)[keyof typeof GroupPermissionsOptions]

/** DoesNotExist (no policy for the field) and Other (an and/any policy) only describe stored policies. */
export const PermissionPolicy = { Allow: 0, Deny: 1, Admin: 2, SuperAdmin: 3, DoesNotExist: 4, Other: 5 } as const
export type PermissionPolicy = (typeof PermissionPolicy)[keyof typeof PermissionPolicy]

/** What Group.updatePermission changes; there is none for the permissions policy itself (PERM-13). */
export const PermissionUpdateType = { AddMember: 0, RemoveMember: 1, AddAdmin: 2, RemoveAdmin: 3, UpdateMetadata: 4 } as const
export type PermissionUpdateType = (typeof PermissionUpdateType)[keyof typeof PermissionUpdateType]

/** The metadata fields Group.updatePermission can name. */
export const MetadataField = {
  AppData: 0,
  Description: 1,
  GroupName: 2,
  GroupImageUrlSquare: 3,
  MessageExpirationFromNs: 4,
  MessageExpirationInNs: 5,
} as const
export type MetadataField = (typeof MetadataField)[keyof typeof MetadataField]

export interface Identifier {
  identifier: string
  /** 0 Ethereum, 1 Passkey. */
  identifierKind: number
}

/**
 * A message as conversation.messages() lists it (the SDK's enriched DecodedMessage): its content
 * decoded, the reactions that reference it and how many replies do; a reply's content is an
 * EnrichedReply; a validly deleted message shows a DeletedMessage placeholder instead.
 */
export interface DecodedMessage<Content = unknown> {
  /** Hex of the 32-byte message id. */
  id: string
  /** Hex of the group id. */
  conversationId: string
  senderInboxId: string
  /** Hex of the sending installation: the MLS leaf that sent it (MSG-08), or the committer's for a transcript. */
  senderInstallationId: string
  /** The type the content declared (empty fields when it declared none); xmtp.org/deletedMessage:1.0 once deleted. */
  contentType: ContentTypeId
  /** The decoded value; undefined for a type without a codec, or content its codec refused (see decodeError). */
  content: Content | undefined
  fallback?: string
  kind: GroupMessageKind
  deliveryStatus: DeliveryStatus
  sentAtNs: bigint
  sentAt: Date
  /** When a disappearing message expires (set once it is stored from the network or published). */
  expiresAtNs?: bigint
  expiresAt?: Date
  /** Reaction messages that reference this one, oldest first, additions and removals alike (as the SDK lists them). */
  reactions: DecodedMessage<Reaction>[]
  /** How many replies reference this message. */
  numReplies: number
  /** Why the codec of this content type refused it (Parley's addition; the SDK only logs it). */
  decodeError?: ContentDecodeError
}

/** A reply's content in a DecodedMessage (node-bindings EnrichedReply as the SDK presents it). */
export interface EnrichedReply<Content = unknown> {
  /** Hex id of the message replied to, as the reply carries it. */
  referenceId: string
  /** The reply's own content, decoded; an EncodedContent when its type has no codec. */
  content: Content | undefined
  contentType: ContentTypeId | undefined
  /** The message replied to, when this installation has it (one level: its own reply target is not resolved). */
  inReplyTo: DecodedMessage | null
}

export interface GroupMember {
  inboxId: string
  /** Hex installation ids, from the inbox's identity state at the sequence id the group records. */
  installationIds: string[]
  accountIdentifiers: Identifier[]
  permissionLevel: PermissionLevel
  consentState: ConsentState
}

export interface ListMessagesOptions {
  sentBeforeNs?: bigint
  sentAfterNs?: bigint
  limit?: number
  deliveryStatus?: DeliveryStatus
  direction?: SortDirection
  contentTypes?: ContentType[]
  excludeContentTypes?: ContentType[]
  kind?: GroupMessageKind
  excludeSenderInboxIds?: string[]
  sortBy?: MessageSortBy
  insertedAfterNs?: bigint
  insertedBeforeNs?: bigint
}

export interface PermissionPolicySet {
  addMemberPolicy: PermissionPolicy
  removeMemberPolicy: PermissionPolicy
  addAdminPolicy: PermissionPolicy
  removeAdminPolicy: PermissionPolicy
  updateGroupNamePolicy: PermissionPolicy
  updateGroupDescriptionPolicy: PermissionPolicy
  updateGroupImageUrlSquarePolicy: PermissionPolicy
  updateMessageDisappearingPolicy: PermissionPolicy
  updateAppDataPolicy: PermissionPolicy
}

/** Group.permissions(): the preset the policies match (or CustomPolicy) and the policy of each action. */
export interface GroupPermissions {
  policyType: GroupPermissionsOptions
  policySet: PermissionPolicySet
}

export interface MessageDisappearingSettings {
  fromNs: bigint
  inNs: bigint
}

export interface CreateGroupOptions {
  permissions?: GroupPermissionsOptions
  groupName?: string
  groupImageUrlSquare?: string
  groupDescription?: string
  customPermissionPolicySet?: PermissionPolicySet
  messageDisappearingSettings?: MessageDisappearingSettings
  appData?: string
}

export interface CreateDmOptions {
  messageDisappearingSettings?: MessageDisappearingSettings
}

export interface SendMessageOptions {
  shouldPush?: boolean
  /** node-bindings' name for isOptimistic (what the SDK passes through); either one sends optimistically. */
  optimistic?: boolean
  isOptimistic?: boolean
  /**
   * libxmtp's newer SendMessageOpts.idempotency_key (MSG-02): the message id is derived from it,
   * so the same content sent again with the same key is the same message. Default: the send time.
   */
  idempotencyKey?: string
}
