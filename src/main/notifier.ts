// Posts a native notification for each new message the profile receives in a conversation that
// may notify (decideNotification), through a platform sink: Electron's Notification in the app, a
// recording sink in the web host. Clicking one opens its conversation. The notifier listens to the
// profile's EventHub like a window does, so it sees exactly what the renderer is pushed.
import type { EventName, EventPayload } from "../shared/contract"
import type { ConversationSummary } from "../shared/dto/conversation"
import type { Message } from "../shared/dto/message"
import type { NavigationTarget } from "../shared/dto/navigation"
import type { AppSettings } from "../shared/dto/settings"
import type { EventTarget } from "./ipcHandlers"
import { decideNotification, type NotificationContent, type SuppressReason } from "./notificationRules"

export interface PostedNotification extends NotificationContent {
  /** The message's id: a message notifies at most once. */
  id: string
  conversationId: string
}

/** Where notifications appear. */
export interface NotificationSink {
  /** Shows `notification`; the sink calls `activate` when the user clicks it. */
  post(notification: PostedNotification, activate: () => void): void
  /** The user has read the conversation: its notifications may go. */
  withdraw(conversationId: string): void
}

/** What the notifier asks about a message's conversation and sender. */
export interface NotificationFacts {
  conversation(id: string): Promise<ConversationSummary>
  ownInboxId(): Promise<string | null>
  inboxName(conversationId: string, inboxId: string): Promise<string>
}

export interface NotifierOptions {
  facts: NotificationFacts
  sink: NotificationSink
  settings: () => AppSettings
  /** The conversation on screen in a focused window, or null. */
  focusedConversationId: () => string | null
  /** Opens a clicked notification's target: brings the window forward and navigates it. */
  activate: (target: NavigationTarget) => void
  /** Messages sent before this (nanoseconds since the epoch) are history, not news. Defaults to now. */
  startedAtNs?: bigint
  /** Each message that did not notify, and why; for tests and diagnostics. */
  onSuppressed?: (message: Message, reason: SuppressReason | "seen" | "history") => void
  logError?: (message: string, error: unknown) => void
}

/**
 * A message sent this long before the notifier started still notifies: it arrived while Parley was
 * starting, and the sender's clock (XMTP's sent time is the node's) may run a little ahead of ours.
 */
export const HISTORY_GRACE_NS = 60_000_000_000n
/** Message ids remembered to notify once; messages come back when reactions or replies change them. */
const SEEN_LIMIT = 5000

export class Notifier {
  readonly #options: NotifierOptions
  readonly #startedAtNs: bigint
  readonly #seen = new Set<string>()
  readonly #logError: (message: string, error: unknown) => void
  /** Messages are decided one at a time, so their notifications come in the order they arrived. */
  #queue: Promise<void> = Promise.resolve()
  #closed = false

  constructor(options: NotifierOptions) {
    this.#options = options
    this.#startedAtNs = options.startedAtNs ?? BigInt(Date.now()) * 1_000_000n
    this.#logError = options.logError ?? ((message, error) => console.error(message, error))
  }

  /** The EventHub target that feeds this notifier: `events.attach(notifier.eventTarget)`. */
  readonly eventTarget: EventTarget = {
    send: (channel, payload) => this.#onEvent(channel as EventName, payload),
    isDestroyed: () => this.#closed,
  }

  /** Resolves once every message received so far has been decided and posted. */
  settled(): Promise<void> {
    return this.#queue
  }

  /** The user read `conversationId` in the window. */
  conversationRead(conversationId: string): void {
    this.#options.sink.withdraw(conversationId)
  }

  close(): void {
    this.#closed = true
  }

  #onEvent(name: EventName, payload: unknown): void {
    if (name === "messages:upserted") this.#enqueue(payload as EventPayload<"messages:upserted">)
    else if (name === "conversations:upserted" && (payload as EventPayload<"conversations:upserted">).unreadCount === 0) {
      this.conversationRead((payload as EventPayload<"conversations:upserted">).id)
    }
  }

  #enqueue(message: Message): void {
    if (this.#seen.has(message.id)) {
      this.#options.onSuppressed?.(message, "seen")
      return
    }
    this.#remember(message.id)
    if (BigInt(message.sentAtNs) < this.#startedAtNs - HISTORY_GRACE_NS) {
      // An old message pushed again (a reaction or reply changed it) is not news.
      this.#options.onSuppressed?.(message, "history")
      return
    }
    this.#queue = this.#queue.then(() => this.#decide(message)).catch((error: unknown) => this.#logError(`Could not decide a notification for message ${message.id}`, error))
  }

  async #decide(message: Message): Promise<void> {
    const { facts, sink } = this.#options
    const ownInboxId = await facts.ownInboxId()
    if (this.#closed || ownInboxId === null) return
    const conversation = await facts.conversation(message.conversationId)
    const senderDisplayName = message.senderInboxId === ownInboxId ? "" : await facts.inboxName(message.conversationId, message.senderInboxId)
    const decision = decideNotification({
      message,
      conversation,
      senderDisplayName,
      ownInboxId,
      settings: this.#options.settings(),
      focusedConversationId: this.#options.focusedConversationId(),
    })
    if (this.#closed) return
    if (!decision.notify) {
      this.#options.onSuppressed?.(message, decision.reason)
      return
    }
    const target = decision.notification.onClick
    sink.post({ ...decision.notification, id: message.id, conversationId: conversation.id }, () => this.#options.activate(target))
  }

  #remember(id: string): void {
    if (this.#seen.size >= SEEN_LIMIT) this.#seen.delete(this.#seen.values().next().value as string)
    this.#seen.add(id)
  }
}
