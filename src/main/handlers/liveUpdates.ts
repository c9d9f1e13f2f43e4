// Pushes what happens to the renderer, from the engine's streams: every streamed message as
// `messages:upserted` with its conversation's fresh summary as `conversations:upserted` (name,
// unread count, preview), members after group updates; new conversations (joined from a welcome or
// created here) as their summary; deleted messages as they now read, and expired ones as
// `messages:removed`. Nothing is polled.
import { CONTENT_TYPE_IDS } from "../../engine/content/index"
import { ConsentState, type DecodedMessage, type Dm, type Group } from "../../engine/index"
import type { EngineService } from "./engineService"
import type { EventHub } from "./eventHub"
import { referencedMessageId } from "./messageActions"

export interface LiveUpdateOptions {
  /** The longest wait before a failed stream is opened again. */
  maxRestartDelayMs?: number
  logError?: (message: string, error: unknown) => void
}

/** A stream as the engine hands them out: iterable, and ended from outside. */
interface EngineStream<T> extends AsyncIterable<T> {
  end(): Promise<void>
}

type StreamName = "messages" | "conversations" | "deletions"

const SUMMARY_DEBOUNCE_MS = 100
const FIRST_RESTART_DELAY_MS = 500
/** Pushed only through the message they touch. Read receipts are pushed themselves: the renderer keeps "seen" times from them. */
const NOT_PUSHED = new Set([CONTENT_TYPE_IDS.reaction.typeId, CONTENT_TYPE_IDS.deleteMessage.typeId])
/** The consent states the conversation list shows (list()'s default): a denied conversation stays out of sight. */
const FOLLOWED_CONSENT = [ConsentState.Unknown, ConsentState.Allowed]

export class LiveUpdates {
  readonly #service: EngineService
  readonly #events: EventHub
  readonly #maxRestartDelayMs: number
  readonly #logError: (message: string, error: unknown) => void
  readonly #pendingSummaries = new Map<string, ReturnType<typeof setTimeout>>()
  readonly #streams = new Map<StreamName, EngineStream<unknown>>()
  readonly #running: Array<Promise<void>> = []
  #stopped = false

  constructor(service: EngineService, events: EventHub, options: LiveUpdateOptions = {}) {
    this.#service = service
    this.#events = events
    this.#maxRestartDelayMs = options.maxRestartDelayMs ?? 30_000
    this.#logError = options.logError ?? ((message, error) => console.error(message, error))
  }

  async start(): Promise<void> {
    const conversations = this.#service.client.conversations
    this.#running.push(
      this.#follow("messages", () => conversations.streamAllMessages(), (message) => this.#onMessage(message)),
      // Welcomes are not synced up front: what the stream follows starts at the stored welcome
      // cursor, so a conversation joined after the renderer's first list is still announced.
      this.#follow("conversations", () => conversations.stream({ disableSync: true, consentStates: FOLLOWED_CONSENT }), (conversation) => this.#onConversation(conversation)),
      this.#follow("deletions", async () => conversations.streamDeletedMessages(), (message) => this.#onDeleted(message)),
    )
  }

  async stop(): Promise<void> {
    this.#stopped = true
    for (const timer of this.#pendingSummaries.values()) clearTimeout(timer)
    this.#pendingSummaries.clear()
    await Promise.all([...this.#streams.values()].map((stream) => stream.end()))
    await Promise.all(this.#running)
  }

  /** Keeps a stream open until stop(): a failed one is opened again after a growing delay. */
  async #follow<T>(name: StreamName, open: () => Promise<EngineStream<T>>, onValue: (value: T) => void): Promise<void> {
    let delay = FIRST_RESTART_DELAY_MS
    while (!this.#stopped) {
      try {
        const stream = await open()
        this.#streams.set(name, stream)
        if (this.#stopped) await stream.end()
        for await (const value of stream) {
          delay = FIRST_RESTART_DELAY_MS
          onValue(value)
        }
      } catch (error) {
        if (this.#stopped) return
        this.#logError(`The ${name} stream failed; opening it again`, error)
      }
      if (this.#stopped) return
      await new Promise((resolve) => setTimeout(resolve, delay))
      delay = Math.min(delay * 2, this.#maxRestartDelayMs)
    }
  }

  #onMessage(message: DecodedMessage): void {
    // Reactions and deletions are not rows of their own (the engine's lists apply them to their
    // targets): the message they touch is pushed again as it now reads.
    if (!NOT_PUSHED.has(message.contentType.typeId)) this.#events.emit("messages:upserted", this.#service.messageDto(message))
    const referenced = referencedMessageId(message)
    const target = referenced ? this.#service.storedMessage(referenced) : undefined
    if (target) this.#events.emit("messages:upserted", target)
    this.#scheduleSummary(message.conversationId)
    if (message.contentType.typeId === CONTENT_TYPE_IDS.groupUpdated.typeId) void this.#emitMembers(message.conversationId)
  }

  /**
   * A conversation joined or created: the message stream follows it already (the engine's stream
   * takes on conversations joined from welcomes and those created here), so it is only announced.
   */
  #onConversation(conversation: Group | Dm): void {
    this.#scheduleSummary(conversation.id)
  }

  /** Deleted for everyone: the message reads as deleted now. Expired: it is no longer stored. */
  #onDeleted(message: DecodedMessage): void {
    const stored = this.#service.storedMessage(message.id)
    if (stored) this.#events.emit("messages:upserted", stored)
    else this.#events.emit("messages:removed", { conversationId: message.conversationId, messageId: message.id })
    this.#scheduleSummary(message.conversationId)
  }

  #scheduleSummary(conversationId: string): void {
    if (this.#pendingSummaries.has(conversationId)) return
    const timer = setTimeout(() => {
      this.#pendingSummaries.delete(conversationId)
      void this.#emitSummary(conversationId)
    }, SUMMARY_DEBOUNCE_MS)
    this.#pendingSummaries.set(conversationId, timer)
  }

  async #emitSummary(conversationId: string): Promise<void> {
    try {
      if (!this.#stopped) this.#events.emit("conversations:upserted", await this.#service.getConversation(conversationId))
    } catch (error) {
      if (!this.#stopped) this.#logError(`Could not refresh conversation ${conversationId}`, error)
    }
  }

  async #emitMembers(conversationId: string): Promise<void> {
    try {
      const members = await this.#service.listMembers(conversationId)
      if (!this.#stopped) this.#events.emit("members:changed", { conversationId, members })
    } catch (error) {
      if (!this.#stopped) this.#logError(`Could not refresh the members of ${conversationId}`, error)
    }
  }
}
