// Deletes expired disappearing messages from the local database for as long as the client is open,
// as libxmtp's DisappearingMessagesWorker does at node-bindings-1.10.0 (worker/
// disappearing_messages.rs: a pass every second, hard-deleting published application messages
// whose expiry has come, then one MessageDeleted local event per deleted message, which the
// deleted-message streams carry). Queries hide expired
// messages on their own (QUERY-04); this worker only reclaims them. A failed pass is reported and
// the next one tries again, as libxmtp logs the error and keeps its interval.
import { decodeStoredMessage } from "./content/enrichmentDecode"
import type { DecodedMessage } from "./groups/publicTypes"
import type { ClientDatabase } from "./storage/clientDatabase"

/** libxmtp's INTERVAL_DURATION. */
export const DISAPPEARING_MESSAGES_INTERVAL_MS = 1_000

export type DisappearingMessagesErrorCode = "DeletionFailed"

export class DisappearingMessagesError extends Error {
  override readonly name = "DisappearingMessagesError"
  constructor(
    readonly code: DisappearingMessagesErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

export interface DisappearingMessagesOptions {
  /** Time between passes; libxmtp's 1 s by default. Tests shorten or lengthen it. */
  intervalMs?: number
  /** Told when a pass failed; the next pass retries. */
  onError?: (error: DisappearingMessagesError) => void
}

export class DisappearingMessagesWorker {
  private timer: NodeJS.Timeout | undefined
  private stopped = false
  private readonly intervalMs: number

  /**
   * `emit` hears of each deleted message as it was stored (not enriched); one whose bytes are no
   * EncodedContent is deleted without a word, as libxmtp only warns about it.
   */
  constructor(
    private readonly db: ClientDatabase,
    private readonly emit: (message: DecodedMessage) => void,
    private readonly options: DisappearingMessagesOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? DISAPPEARING_MESSAGES_INTERVAL_MS
  }

  start(): void {
    if (this.stopped || this.timer) return
    this.arm(0)
  }

  /** No pass runs after this returns (passes are synchronous), so the database can close. */
  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
    this.timer = undefined
  }

  private arm(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined
      try {
        this.runPass()
      } finally {
        if (!this.stopped) this.arm(this.intervalMs)
      }
    }, delayMs)
    // Cleaning alone must not keep a process alive.
    this.timer.unref()
  }

  private runPass(): void {
    let deleted: DecodedMessage[]
    try {
      deleted = this.db.messages.deleteExpired().flatMap((message) => decodeStoredMessage(message) ?? [])
    } catch (cause) {
      this.options.onError?.(
        new DisappearingMessagesError("DeletionFailed", `Expired messages could not be deleted; retrying in ${this.intervalMs} ms: ${(cause as Error).message}`, { cause }),
      )
      return
    }
    for (const message of deleted) this.emit(message)
  }
}
