// Pushes what arrives to the renderer: every streamed message as `messages:upserted`, its
// conversation's fresh summary as `conversations:upserted` (name, unread count, preview), members
// after group updates, and conversations that appear without a message of their own yet (groups
// joined from a welcome, or created here) from a light look at the stored list.
import { CONTENT_TYPE_IDS } from "../../engine/content/index"
import type { DecodedMessage, MessageStream } from "../../engine/index"
import type { EngineService } from "./engineService"
import type { EventHub } from "./eventHub"
import { referencedMessageId } from "./messageActions"

export interface LiveUpdateOptions {
  /** How often the stored conversation list is checked for new conversations. */
  conversationPollMs?: number
  /** The longest wait before a failed stream is opened again. */
  maxRestartDelayMs?: number
  logError?: (message: string, error: unknown) => void
}

const SUMMARY_DEBOUNCE_MS = 100
const NOT_LISTED = new Set([CONTENT_TYPE_IDS.reaction.typeId, CONTENT_TYPE_IDS.readReceipt.typeId, CONTENT_TYPE_IDS.deleteMessage.typeId])

export class LiveUpdates {
  readonly #service: EngineService
  readonly #events: EventHub
  readonly #pollMs: number
  readonly #maxRestartDelayMs: number
  readonly #logError: (message: string, error: unknown) => void
  readonly #known = new Set<string>()
  readonly #pendingSummaries = new Map<string, ReturnType<typeof setTimeout>>()
  #stream: MessageStream | undefined
  #poll: ReturnType<typeof setInterval> | undefined
  #polling = false
  #restartRequested = false
  #stopped = false
  #running: Promise<void> | undefined

  constructor(service: EngineService, events: EventHub, options: LiveUpdateOptions = {}) {
    this.#service = service
    this.#events = events
    this.#pollMs = options.conversationPollMs ?? 1000
    this.#maxRestartDelayMs = options.maxRestartDelayMs ?? 30_000
    this.#logError = options.logError ?? ((message, error) => console.error(message, error))
  }

  async start(): Promise<void> {
    for (const conversation of await this.#service.client.conversations.list()) this.#known.add(conversation.id)
    this.#poll = setInterval(() => void this.#pollConversations(), this.#pollMs)
    this.#running = this.#streamForever()
  }

  async stop(): Promise<void> {
    this.#stopped = true
    clearInterval(this.#poll)
    for (const timer of this.#pendingSummaries.values()) clearTimeout(timer)
    this.#pendingSummaries.clear()
    await this.#stream?.end()
    await this.#running
  }

  async #streamForever(): Promise<void> {
    let delay = 500
    while (!this.#stopped) {
      try {
        this.#restartRequested = false
        const stream = await this.#service.client.conversations.streamAllMessages()
        this.#stream = stream
        if (this.#stopped || this.#restartRequested) await stream.end()
        for await (const message of stream) {
          delay = 500
          this.#onMessage(message)
        }
      } catch (error) {
        if (this.#stopped) return
        this.#logError("The message stream failed; opening it again", error)
      }
      if (this.#stopped) return
      if (this.#restartRequested) continue
      await new Promise((resolve) => setTimeout(resolve, delay))
      delay = Math.min(delay * 2, this.#maxRestartDelayMs)
    }
  }

  /**
   * The engine's stream follows the conversations that exist when it opens and those joined from
   * welcomes; one created here (a new group or DM) needs a fresh stream to be followed. The new
   * stream resumes from the stored cursors, so nothing sent in between is missed.
   */
  #restartStream(): void {
    this.#restartRequested = true
    void this.#stream?.end()
  }

  #onMessage(message: DecodedMessage): void {
    // Reactions, read receipts and deletions are not rows of their own (the engine's lists apply
    // them to their targets): the message they touch is pushed again as it now reads.
    if (!NOT_LISTED.has(message.contentType.typeId)) this.#events.emit("messages:upserted", this.#service.messageDto(message))
    const referenced = referencedMessageId(message)
    const target = referenced ? this.#service.storedMessage(referenced) : undefined
    if (target) this.#events.emit("messages:upserted", target)
    this.#known.add(message.conversationId)
    this.#scheduleSummary(message.conversationId)
    if (message.contentType.typeId === CONTENT_TYPE_IDS.groupUpdated.typeId) void this.#emitMembers(message.conversationId)
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

  async #pollConversations(): Promise<void> {
    if (this.#polling || this.#stopped) return
    this.#polling = true
    try {
      let found = false
      for (const conversation of await this.#service.client.conversations.list()) {
        if (this.#known.has(conversation.id)) continue
        this.#known.add(conversation.id)
        this.#scheduleSummary(conversation.id)
        found = true
      }
      if (found) this.#restartStream()
    } catch (error) {
      if (!this.#stopped) this.#logError("Could not list conversations", error)
    } finally {
      this.#polling = false
    }
  }
}
