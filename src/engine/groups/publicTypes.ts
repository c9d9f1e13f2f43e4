// The shapes the engine's API returns, named and numbered as @xmtp/node-sdk 6 / node-bindings 1.10
// number them (their const enums), so code written against the SDK reads Parley's results alike.
import type { ContentTypeId } from "../content/index"

export const GroupMessageKind = { Application: 0, MembershipChange: 1 } as const
export type GroupMessageKind = (typeof GroupMessageKind)[keyof typeof GroupMessageKind]

export const DeliveryStatus = { Unpublished: 0, Published: 1, Failed: 2 } as const
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus]

export const ConversationType = { Dm: 0, Group: 1, Sync: 2, Oneshot: 3 } as const
export type ConversationType = (typeof ConversationType)[keyof typeof ConversationType]

export const ConsentState = { Unknown: 0, Allowed: 1, Denied: 2 } as const
export type ConsentState = (typeof ConsentState)[keyof typeof ConsentState]

export const PermissionLevel = { Member: 0, Admin: 1, SuperAdmin: 2 } as const
export type PermissionLevel = (typeof PermissionLevel)[keyof typeof PermissionLevel]

export const GroupMembershipState = { Allowed: 0, Rejected: 1, Pending: 2, Restored: 3, PendingRemove: 4 } as const
export type GroupMembershipState = (typeof GroupMembershipState)[keyof typeof GroupMembershipState]

export const SortDirection = { Ascending: 0, Descending: 1 } as const
export type SortDirection = (typeof SortDirection)[keyof typeof SortDirection]

export const GroupPermissionsOptions = { Default: 0, AdminOnly: 1, CustomPolicy: 2 } as const
export type GroupPermissionsOptions = (typeof GroupPermissionsOptions)[keyof typeof GroupPermissionsOptions]

export const PermissionPolicy = { Allow: 0, Deny: 1, Admin: 2, SuperAdmin: 3 } as const
export type PermissionPolicy = (typeof PermissionPolicy)[keyof typeof PermissionPolicy]

export interface Identifier {
  identifier: string
  /** 0 Ethereum, 1 Passkey. */
  identifierKind: number
}

export interface DecodedMessage<Content = unknown> {
  /** Hex of the 32-byte message id. */
  id: string
  /** Hex of the group id. */
  conversationId: string
  senderInboxId: string
  contentType: ContentTypeId | undefined
  /** A string for text, a GroupUpdated for transcripts; undefined for content types this build does not decode. */
  content: Content | undefined
  fallback?: string
  kind: GroupMessageKind
  deliveryStatus: DeliveryStatus
  sentAtNs: bigint
  sentAt: Date
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
  kind?: GroupMessageKind
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
  isOptimistic?: boolean
}
