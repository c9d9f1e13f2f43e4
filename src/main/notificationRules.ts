// Whether a new message notifies, and what the notification says. Pure: main feeds it the message,
// its conversation, the user's settings and what the window shows, and posts what it returns.
import type { ConversationSummary } from "../shared/dto/conversation"
import type { Message } from "../shared/dto/message"
import type { NavigationTarget } from "../shared/dto/navigation"
import type { AppSettings } from "../shared/dto/settings"
import { previewOf } from "./notificationPreview"

export interface NotificationInput {
  message: Message
  conversation: ConversationSummary
  /** The sender's name as the UI shows it (profile name, ENS, or shortened address). */
  senderDisplayName: string
  ownInboxId: string
  settings: AppSettings
  /** The conversation on screen in a focused window; null when the window is unfocused or shows none. */
  focusedConversationId: string | null
}

export type SuppressReason =
  | "disabled"
  | "ownMessage"
  /** The conversation is a request (consent unknown) or was denied. */
  | "notAllowed"
  | "muted"
  /** The user is looking at this conversation right now. */
  | "reading"
  /** Reactions, receipts, membership changes and deletions do not notify. */
  | "notNotifiable"

export interface NotificationContent {
  title: string
  body: string
  /** Groups notifications per conversation, so a newer one replaces the older. */
  tag: string
  /** Opens the conversation when the notification is clicked. */
  onClick: NavigationTarget
}

export type NotificationDecision = { notify: false; reason: SuppressReason } | { notify: true; notification: NotificationContent }

const APP_NAME = "Parley"

export function decideNotification(input: NotificationInput): NotificationDecision {
  const { message, conversation, settings } = input
  if (!settings.notifications.enabled) return { notify: false, reason: "disabled" }
  if (message.senderInboxId === input.ownInboxId) return { notify: false, reason: "ownMessage" }
  if (conversation.consentState !== "allowed") return { notify: false, reason: "notAllowed" }
  if (settings.mutedConversationIds.includes(conversation.id)) return { notify: false, reason: "muted" }
  if (input.focusedConversationId === conversation.id) return { notify: false, reason: "reading" }
  const preview = message.kind === "application" ? previewOf(message.content) : undefined
  if (preview === undefined) return { notify: false, reason: "notNotifiable" }
  return {
    notify: true,
    notification: {
      ...texts(conversation, senderName(input), preview, settings.notifications.previews),
      tag: conversation.id,
      onClick: { route: "conversation", conversationId: conversation.id },
    },
  }
}

function texts(conversation: ConversationSummary, sender: string, preview: string, previews: AppSettings["notifications"]["previews"]): { title: string; body: string } {
  if (previews === "hidden") return { title: APP_NAME, body: "New message" }
  if (conversation.kind === "dm") return { title: sender, body: previews === "full" ? preview : "New message" }
  const title = conversation.name.trim() || "Group chat"
  return { title, body: previews === "full" ? `${sender}: ${preview}` : `New message from ${sender}` }
}

function senderName(input: NotificationInput): string {
  const name = input.senderDisplayName.replace(/\s+/gu, " ").trim()
  return name || `${input.message.senderInboxId.slice(0, 8)}…`
}
