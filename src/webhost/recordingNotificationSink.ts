// The web host's notification sink: a browser tab cannot show the desktop's notifications on
// Parley's behalf, so the host keeps what it would have shown, and its control endpoint lists them
// and clicks them (that is how the end-to-end tests see notifications).
import type { NavigationTarget } from "../shared/dto/navigation"
import type { Message } from "../shared/dto/message"
import type { NotificationSink, PostedNotification } from "../main/notifier"
import type { SuppressReason } from "../main/notificationRules"

/** Notifications (and suppressed messages) kept per profile; older ones are dropped first. */
const KEPT = 200

export interface RecordedNotification {
  id: string
  conversationId: string
  title: string
  body: string
  tag: string
  onClick: NavigationTarget
  /** ISO time it was posted. */
  postedAt: string
  /** Withdrawn because the user read the conversation, or replaced by a newer one of the same conversation. */
  state: "shown" | "clicked" | "withdrawn" | "replaced"
}

/** A message that did not notify, and why. */
export interface SuppressedNotification {
  messageId: string
  conversationId: string
  reason: SuppressReason | "seen" | "history"
}

export class RecordingNotificationSink implements NotificationSink {
  readonly #records: Array<{ record: RecordedNotification; activate: () => void }> = []
  readonly #suppressed: SuppressedNotification[] = []

  /** The notifier's onSuppressed. */
  readonly recordSuppressed = (message: Message, reason: SuppressedNotification["reason"]): void => {
    this.#suppressed.push({ messageId: message.id, conversationId: message.conversationId, reason })
    if (this.#suppressed.length > KEPT) this.#suppressed.shift()
  }

  suppressed(): SuppressedNotification[] {
    return this.#suppressed.map((entry) => ({ ...entry }))
  }

  post(notification: PostedNotification, activate: () => void): void {
    // Like a desktop notification with the same tag, a newer one replaces the older.
    for (const entry of this.#records) if (entry.record.tag === notification.tag && entry.record.state === "shown") entry.record.state = "replaced"
    const { id, conversationId, title, body, tag, onClick } = notification
    this.#records.push({ record: { id, conversationId, title, body, tag, onClick, postedAt: new Date().toISOString(), state: "shown" }, activate })
    if (this.#records.length > KEPT) this.#records.shift()
  }

  withdraw(conversationId: string): void {
    for (const entry of this.#records) if (entry.record.conversationId === conversationId && entry.record.state === "shown") entry.record.state = "withdrawn"
  }

  list(): RecordedNotification[] {
    return this.#records.map((entry) => ({ ...entry.record }))
  }

  /** Clicks a notification still on screen; false when there is none with that id. */
  click(id: string): boolean {
    const entry = this.#records.find((candidate) => candidate.record.id === id && candidate.record.state === "shown")
    if (!entry) return false
    entry.record.state = "clicked"
    entry.activate()
    return true
  }
}
