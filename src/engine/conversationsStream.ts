// streamAllMessages: a subscription-driven stream of decoded messages. Envelopes are not processed
// from the subscription itself (its order is not trusted for commits, INTENT-07): each one
// triggers the group's ordered sync, and the stream then yields the messages stored from that
// envelope. A welcome triggers a welcome sync, and the groups it joins are subscribed to as well.
import { bytesToHex } from "@noble/hashes/utils.js"
import { resumableGroupMessages, resumableWelcomeMessages, type GroupMessage } from "./api/index"
import type { GroupContext } from "./groups/context"
import { toDecodedMessage } from "./groups/decodedMessage"
import { syncGroupMessages } from "./groups/groupSync"
import { ConversationType, type ConsentState, type DecodedMessage } from "./groups/publicTypes"
import { StreamConsentScope } from "./groups/streamConsentScope"
import { followCursorSince } from "./groups/streamFollowCursor"
import type { WelcomeSyncResult } from "./groups/welcomes"
import { CursorKind } from "./storage/cursors"
import { StoredConversationType, type StoredGroup } from "./storage/groups"
import { nowNs } from "./storage/rows"
import { PushIterator } from "./util/pushIterator"

export interface StreamAllMessagesOptions {
  conversationType?: ConversationType
  /** Conversations with these consent states only; without, new ones are not filtered by consent (CONSENT-08). */
  consentStates?: ConsentState[]
  /** Told when the node dropped a subscription and it is being reopened from where it left off (the stream survives node restarts). */
  onRestart?: () => void
  /** Told of each message yielded. */
  onValue?: (message: DecodedMessage) => void
  /** Told when a subscription fails for good (next() then rejects with it). */
  onError?: (error: Error) => void
  onEnd?: () => void
}

export class MessageStream implements AsyncIterableIterator<DecodedMessage> {
  private readonly abort = new AbortController()
  private readonly values = new PushIterator<DecodedMessage>(() => this.end())
  private readonly yielded = new Set<string>()
  private readonly subscribed = new Set<string>()
  private ended = false
  /** Envelopes are handled one at a time, in arrival order. */
  private handling: Promise<void> = Promise.resolve()
  private readonly consent: StreamConsentScope
  /** Set once the conversations held at the start are followed; later ones are found while streaming. */
  private startedAtNs: bigint | undefined

  constructor(
    private readonly ctx: GroupContext,
    private readonly syncWelcomes: () => Promise<WelcomeSyncResult>,
    private readonly options: StreamAllMessagesOptions,
    private readonly onEnd: () => void,
  ) {
    this.consent = new StreamConsentScope(ctx.db, options.consentStates)
  }

  /** Syncs welcomes, then subscribes to every matching active conversation and to new welcomes. */
  async start(): Promise<void> {
    await this.syncWelcomes().catch(() => undefined)
    this.subscribe(this.consent.initial(this.ctx.db.groups.list()).filter((row) => this.wanted(row)))
    this.startedAtNs = nowNs()
    void this.consume(
      resumableWelcomeMessages(
        this.ctx.api.mls,
        [{ installationKey: this.ctx.installation.publicKey, afterCursor: this.ctx.db.cursors.get(this.ctx.installation.publicKey, CursorKind.Welcome) }],
        { signal: this.abort.signal, onReconnect: () => this.options.onRestart?.() },
      ),
      () => this.onWelcome(),
    )
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<DecodedMessage> {
    return this
  }

  next(): Promise<IteratorResult<DecodedMessage>> {
    return this.values.next()
  }

  return(): Promise<IteratorResult<DecodedMessage>> {
    return this.values.return()
  }

  /** Stops the subscriptions; a pending next() resolves as done. */
  async end(): Promise<void> {
    if (this.ended) return
    this.ended = true
    this.abort.abort()
    this.onEnd()
    this.options.onEnd?.()
    this.values.finish()
    await this.handling.catch(() => undefined)
  }

  /** A conversation this client created: followed like one joined from a welcome, from its first message. */
  followCreated(groupId: Uint8Array): void {
    const row = this.ctx.db.groups.find(groupId)
    if (row && this.wanted(row) && this.consent.admits(row)) this.subscribe([row])
  }

  private wanted(row: StoredGroup): boolean {
    if (!row.isActive) return false
    if (row.conversationType === StoredConversationType.Group) return this.options.conversationType !== ConversationType.Dm
    if (row.conversationType === StoredConversationType.Dm) return this.options.conversationType !== ConversationType.Group
    return false
  }

  private subscribe(rows: StoredGroup[]): void {
    const fresh = rows.filter((row) => !this.subscribed.has(bytesToHex(row.id)))
    if (fresh.length === 0 || this.ended) return
    for (const row of fresh) this.subscribed.add(bytesToHex(row.id))
    const startedAtNs = this.startedAtNs
    const filters = fresh.map((row) => ({
      groupId: row.id,
      afterCursor: startedAtNs === undefined ? this.ctx.db.cursors.get(row.id, CursorKind.Group) : followCursorSince(this.ctx, row.id, startedAtNs),
    }))
    const subscription = resumableGroupMessages(this.ctx.api.mls, filters, { signal: this.abort.signal, onReconnect: () => this.options.onRestart?.() })
    void this.consume(subscription, (envelope) => this.onEnvelope(envelope))
  }

  private async consume<T>(source: AsyncGenerator<T, void, undefined>, handle: (item: T) => Promise<void>): Promise<void> {
    try {
      for await (const item of source) {
        if (this.ended) break
        const next = this.handling.then(() => (this.ended ? undefined : handle(item)))
        this.handling = next.catch(() => undefined)
        await next
      }
    } catch (error) {
      if (!this.ended) this.fail(error)
    }
  }

  private async onEnvelope(envelope: GroupMessage): Promise<void> {
    try {
      await syncGroupMessages(this.ctx, envelope.groupId)
    } catch {
      // A failed envelope or an inactive group: whatever was stored is still yielded below.
    }
    for (const message of this.ctx.db.messages.findBySequenceId(envelope.groupId, envelope.id)) {
      const id = bytesToHex(message.id)
      if (this.yielded.has(id)) continue
      this.yielded.add(id)
      const decoded = toDecodedMessage(this.ctx.db, message)
      if (decoded) this.push(decoded)
    }
  }

  /**
   * After a welcome, follows every active conversation not yet followed: not only those this
   * sync joined, since a concurrent sync elsewhere in the client may have joined it first.
   */
  private async onWelcome(): Promise<void> {
    try {
      await this.syncWelcomes()
    } finally {
      this.subscribe(this.ctx.db.groups.list().filter((row) => this.wanted(row) && this.consent.admits(row)))
    }
  }

  private push(message: DecodedMessage): void {
    if (this.ended) return
    this.options.onValue?.(message)
    this.values.push(message)
  }

  /** A subscription failed for good: the consumer's next() rejects with the error. */
  private fail(error: unknown): void {
    this.options.onError?.(error instanceof Error ? error : new Error(String(error)))
    this.values.fail(error)
  }
}
