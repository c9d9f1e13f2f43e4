// The conversations main shows outside the window (the tray's unread list, the badge): each one's
// name, consent, unread count and last activity, kept current from the summaries pushed to the
// renderer and from conversations:markRead (which pushes none, the window updates itself).
import type { ConsentState } from "../shared/dto/consent"
import type { ConversationSummary } from "../shared/dto/conversation"
import type { EventName, EventPayload } from "../shared/contract"
import type { EventTarget } from "./ipcHandlers"

export interface ConversationActivity {
  conversationId: string
  title: string
  consentState: ConsentState
  unreadCount: number
  /** Sent time of the last message, or creation time; orders the tray's list. */
  lastActivityNs: bigint
}

export interface UnreadConversationsOptions {
  /** The conversation's name as the window shows it. */
  title: (summary: ConversationSummary) => Promise<string>
  onChange: (changed: ConversationActivity, all: readonly ConversationActivity[]) => void
  logError?: (message: string, error: unknown) => void
}

export class UnreadConversations {
  readonly #options: UnreadConversationsOptions
  readonly #byId = new Map<string, ConversationActivity>()
  /** Each summary is applied after its title resolves, in arrival order, so an older one never wins. */
  #queue: Promise<void> = Promise.resolve()
  #closed = false

  constructor(options: UnreadConversationsOptions) {
    this.#options = options
  }

  /** The EventHub target that keeps this current: `events.attach(unread.eventTarget)`. */
  readonly eventTarget: EventTarget = {
    send: (channel, payload) => {
      if ((channel as EventName) === "conversations:upserted") this.upsert(payload as EventPayload<"conversations:upserted">)
    },
    isDestroyed: () => this.#closed,
  }

  upsert(summary: ConversationSummary): void {
    this.#queue = this.#queue
      .then(async () => {
        const title = await this.#options.title(summary)
        if (this.#closed) return
        const activity: ConversationActivity = {
          conversationId: summary.id,
          title,
          consentState: summary.consentState,
          unreadCount: summary.unreadCount,
          lastActivityNs: BigInt(summary.lastMessage?.sentAtNs ?? summary.createdAtNs),
        }
        this.#byId.set(summary.id, activity)
        this.#options.onChange(activity, this.all())
      })
      .catch((error: unknown) => (this.#options.logError ?? console.error)(`Could not name conversation ${summary.id}`, error))
  }

  /** The window read the conversation. */
  markRead(conversationId: string): void {
    this.#queue = this.#queue.then(() => {
      const known = this.#byId.get(conversationId)
      if (!known || known.unreadCount === 0 || this.#closed) return
      const activity = { ...known, unreadCount: 0 }
      this.#byId.set(conversationId, activity)
      this.#options.onChange(activity, this.all())
    })
  }

  all(): ConversationActivity[] {
    return [...this.#byId.values()]
  }

  /** Resolves once every summary received so far is applied. */
  settled(): Promise<void> {
    return this.#queue
  }

  close(): void {
    this.#closed = true
  }
}
