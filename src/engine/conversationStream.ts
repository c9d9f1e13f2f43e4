// conversations.stream(): new conversations as they arrive (libxmtp node-bindings-1.10.0
// subscriptions/stream_conversations.rs and process_welcome.rs should_include_group, STREAM-01).
// Two sources: this installation's welcomes, followed from its welcome cursor through a
// subscription that outlives node restarts, and conversations created locally. A welcome is
// joined by the welcome sync; the conversation it made is found by its welcome id, so one that a
// concurrent sync joined first is still emitted. Sync (virtual) groups are never emitted; a DM with
// a duplicate only when duplicates are asked for; type and consent filter only when given.
import { bytesToHex } from "@noble/hashes/utils.js"
import { resumableWelcomeMessages, type WelcomeMessage } from "./api/index"
import type { GroupContext } from "./groups/context"
import { conversationOf } from "./groups/conversationListing"
import type { Dm } from "./groups/dm"
import type { Group } from "./groups/group"
import { ConversationType, type ConsentState } from "./groups/publicTypes"
import type { WelcomeSyncResult } from "./groups/welcomes"
import { ConsentEntityType } from "./storage/consent"
import { CursorKind } from "./storage/cursors"
import { StoredConversationType, type StoredGroup } from "./storage/groups"
import { PushIterator } from "./util/pushIterator"

export interface StreamConversationsOptions {
  conversationType?: ConversationType
  /** Only conversations whose consent is one of these; without, any consent. */
  consentStates?: ConsentState[]
  /** Also emit a DM that has a duplicate (another DM with the same peer). Default false. */
  includeDuplicateDms?: boolean
  /** Told of each conversation emitted. */
  onValue?: (conversation: Group | Dm) => void
  /** Told when the stream fails for good (it also ends the iteration with that error). */
  onError?: (error: Error) => void
  /** Told when the node dropped the stream and it is being reopened from where it left off. */
  onRestart?: () => void
  onEnd?: () => void
}

export class ConversationStream implements AsyncIterable<Group | Dm> {
  private readonly abort = new AbortController()
  private readonly emitted = new Set<string>()
  private readonly values = new PushIterator<Group | Dm>(() => this.end())
  private ended = false
  private handling: Promise<void> = Promise.resolve()

  constructor(
    private readonly ctx: GroupContext,
    private readonly syncWelcomes: () => Promise<WelcomeSyncResult>,
    private readonly options: StreamConversationsOptions,
    private readonly onEnd: () => void,
  ) {}

  get isDone(): boolean {
    return this.values.isDone
  }

  /** Follows the welcomes after this installation's welcome cursor. */
  start(): void {
    const welcomes = resumableWelcomeMessages(
      this.ctx.api.mls,
      [{ installationKey: this.ctx.installation.publicKey, afterCursor: this.ctx.db.cursors.get(this.ctx.installation.publicKey, CursorKind.Welcome) }],
      { signal: this.abort.signal, onReconnect: () => this.options.onRestart?.() },
    )
    void this.consume(welcomes)
  }

  [Symbol.asyncIterator](): AsyncIterator<Group | Dm> {
    return this.values
  }

  next(): Promise<IteratorResult<Group | Dm>> {
    return this.values.next()
  }

  async return(): Promise<IteratorResult<Group | Dm>> {
    return this.values.return()
  }

  /** A conversation this client created (libxmtp LocalEvents::NewGroup). */
  created(groupId: Uint8Array): void {
    const row = this.ctx.db.groups.find(groupId)
    if (row) this.emit(row)
  }

  async end(): Promise<void> {
    if (this.ended) return
    this.ended = true
    this.abort.abort()
    this.onEnd()
    this.values.finish()
    this.options.onEnd?.()
    await this.handling.catch(() => undefined)
  }

  private async consume(welcomes: AsyncGenerator<WelcomeMessage, void, undefined>): Promise<void> {
    try {
      for await (const welcome of welcomes) {
        if (this.ended) break
        const next = this.handling.then(() => this.onWelcome(welcome))
        this.handling = next.catch(() => undefined)
        await next
      }
    } catch (error) {
      if (this.ended) return
      const failure = error instanceof Error ? error : new Error(String(error))
      this.options.onError?.(failure)
      this.values.fail(failure)
    }
  }

  private async onWelcome(welcome: WelcomeMessage): Promise<void> {
    // A welcome that fails to process is skipped by the welcome sync; nothing is emitted for it.
    await this.syncWelcomes().catch(() => undefined)
    const row = this.ctx.db.groups.list().find((group) => group.welcomeSequenceId === welcome.id)
    if (row) this.emit(row)
  }

  private emit(row: StoredGroup): void {
    const id = bytesToHex(row.id)
    if (this.ended || this.emitted.has(id) || !this.included(row)) return
    this.emitted.add(id)
    const conversation = conversationOf(this.ctx, row)
    this.values.push(conversation)
    this.options.onValue?.(conversation)
  }

  private included(row: StoredGroup): boolean {
    const type =
      row.conversationType === StoredConversationType.Group ? ConversationType.Group : row.conversationType === StoredConversationType.Dm ? ConversationType.Dm : undefined
    if (type === undefined) return false
    if (type === ConversationType.Dm && !this.options.includeDuplicateDms && row.dmId && this.ctx.db.groups.findDms(row.dmId).length > 1) return false
    if (this.options.conversationType !== undefined && this.options.conversationType !== type) return false
    const consent = this.ctx.db.consent.get(ConsentEntityType.ConversationId, bytesToHex(row.id)) as ConsentState
    return this.options.consentStates === undefined || this.options.consentStates.includes(consent)
  }
}
