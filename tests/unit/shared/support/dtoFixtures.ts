// DTO values for tests, validated against the contract's schemas so tests only use shapes main
// could really send.
import { type ConversationSummary, conversationSummarySchema } from "../../../../src/shared/dto/conversation"
import { type Message, messageSchema } from "../../../../src/shared/dto/message"
import type { GroupUpdated, MessageContent } from "../../../../src/shared/dto/messageContent"
import { type AppSettings, appSettingsSchema, DEFAULT_APP_SETTINGS } from "../../../../src/shared/dto/settings"

export const OWN_INBOX = "1".repeat(64)
export const ALICE_INBOX = "a".repeat(64)
export const BOB_INBOX = "b".repeat(64)
export const DM_ID = "d0".repeat(16)
export const GROUP_ID = "0e".repeat(16)
export const TEXT_TYPE = { authorityId: "xmtp.org", typeId: "text", versionMajor: 1, versionMinor: 0 }

export function message(overrides: Partial<Message> & { content?: MessageContent } = {}): Message {
  return messageSchema.parse({
    id: "f".repeat(64),
    conversationId: DM_ID,
    senderInboxId: ALICE_INBOX,
    senderInstallationId: "c".repeat(64),
    kind: "application",
    deliveryStatus: "published",
    sentAtNs: "1700000000000000000",
    expiresAtNs: null,
    contentType: TEXT_TYPE,
    content: { type: "text", text: "hello there" },
    numReplies: 0,
    reactions: [],
    ...overrides,
  })
}

/** A group update by Alice that changes nothing but `fields`. */
export function groupUpdated(fields: Partial<GroupUpdated> = {}): GroupUpdated {
  return {
    initiatedByInboxId: ALICE_INBOX,
    addedInboxIds: [],
    removedInboxIds: [],
    leftInboxIds: [],
    metadataFieldChanges: [],
    addedAdminInboxIds: [],
    removedAdminInboxIds: [],
    addedSuperAdminInboxIds: [],
    removedSuperAdminInboxIds: [],
    ...fields,
  }
}

const summaryBase = {
  createdAtNs: "1690000000000000000",
  consentState: "allowed",
  isActive: true,
  membershipState: "allowed",
  addedByInboxId: ALICE_INBOX,
  memberCount: 2,
  disappearing: null,
  lastMessage: null,
  unreadCount: 0,
} as const

export function dm(overrides: Partial<Extract<ConversationSummary, { kind: "dm" }>> = {}): ConversationSummary {
  return conversationSummarySchema.parse({ kind: "dm", id: DM_ID, peerInboxId: ALICE_INBOX, ...summaryBase, ...overrides })
}

export function group(overrides: Partial<Extract<ConversationSummary, { kind: "group" }>> = {}): ConversationSummary {
  return conversationSummarySchema.parse({
    kind: "group",
    id: GROUP_ID,
    name: "Hiking club",
    description: "",
    imageUrl: "",
    isAdmin: false,
    isSuperAdmin: false,
    ...summaryBase,
    memberCount: 5,
    ...overrides,
  })
}

export function settings(overrides: { enabled?: boolean; previews?: AppSettings["notifications"]["previews"]; muted?: string[] } = {}): AppSettings {
  return appSettingsSchema.parse({
    notifications: {
      enabled: overrides.enabled ?? DEFAULT_APP_SETTINGS.notifications.enabled,
      previews: overrides.previews ?? DEFAULT_APP_SETTINGS.notifications.previews,
    },
    mutedConversationIds: overrides.muted ?? [],
    sendReadReceipts: DEFAULT_APP_SETTINGS.sendReadReceipts,
    network: DEFAULT_APP_SETTINGS.network,
  })
}
