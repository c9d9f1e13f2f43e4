// Feeds live subscriptions from Postgres commits, for this node process and any other on the same
// database. Every transaction that stores envelopes also NOTIFYs their ids on one channel;
// Postgres delivers notifications in commit order, and each topic's writers commit in id order
// (lock_topics), so handing the notices to the listener one at a time, in arrival order, gives
// it every topic's envelopes in id order, each once. Envelopes this process stored are handed
// over from memory; others are read back by id.
//
// A write waits for its own notice before it is acknowledged, so, as with SQLite, this node's
// subscribers have been told of an envelope by the time its sender hears it is stored. If the
// listening connection drops, notices sent until it is back are lost to this process (the
// envelopes are stored, and clients get them when they resubscribe from their cursor): the feed
// logs it and reconnects.
import { randomUUID } from "node:crypto"
import pg from "pg"
import type { Logger } from "../../logger"
import type { StoredEnvelopeListener, StoredGroupMessage, StoredWelcomeMessage } from "../nodeStore"

const CHANNEL = "parley_envelopes"
/** Postgres caps a payload at 8000 bytes; 300 ids of up to 19 digits stay well below it. */
const IDS_PER_NOTICE = 300
const RECONNECT_DELAYS_MS = [100, 1_000, 5_000, 30_000]

type EnvelopeKind = "group" | "welcome"

/** Envelopes one transaction stored. */
export type EnvelopeBatch =
  | { kind: "group"; envelopes: StoredGroupMessage[] }
  | { kind: "welcome"; envelopes: StoredWelcomeMessage[] }

/** One NOTIFY payload. A write with many envelopes sends several; `last` marks its final one. */
interface Notice {
  kind: EnvelopeKind
  origin: string
  write: number
  ids: string[]
  last: boolean
}

export interface EnvelopeLoaders {
  group(ids: bigint[]): Promise<StoredGroupMessage[]>
  welcome(ids: bigint[]): Promise<StoredWelcomeMessage[]>
}

/** What a writer does with an announcement: NOTIFY `payloads` inside its transaction, then await `delivered` after COMMIT, or `abandon()` if it rolled back. */
export interface Announcement {
  payloads: string[]
  delivered: Promise<void>
  abandon(): void
}

interface LocalWrite {
  batch: EnvelopeBatch
  done(): void
}

function parseNotice(payload: string): Notice | undefined {
  try {
    const notice = JSON.parse(payload) as Partial<Notice>
    const valid =
      (notice.kind === "group" || notice.kind === "welcome") &&
      typeof notice.origin === "string" &&
      typeof notice.write === "number" &&
      Array.isArray(notice.ids) &&
      notice.ids.every((id) => typeof id === "string" && /^\d+$/.test(id)) &&
      typeof notice.last === "boolean"
    return valid ? (notice as Notice) : undefined
  } catch {
    return undefined
  }
}

export class PostgresEnvelopeFeed {
  private listener: StoredEnvelopeListener | undefined
  private readonly origin = randomUUID()
  private writes = 0
  private readonly local = new Map<number, LocalWrite>()
  private readonly inbox: Notice[] = []
  private draining = false
  private client: pg.Client | undefined
  private reconnectTimer: NodeJS.Timeout | undefined
  private failures = 0
  private closed = false

  private constructor(
    private readonly config: pg.ClientConfig,
    private readonly loaders: EnvelopeLoaders,
    private readonly log: Logger,
  ) {}

  /** Resolves once the feed listens; envelopes committed from then on reach the listener. */
  static async start(config: pg.ClientConfig, loaders: EnvelopeLoaders, log: Logger): Promise<PostgresEnvelopeFeed> {
    const feed = new PostgresEnvelopeFeed(config, loaders, log)
    await feed.listen()
    return feed
  }

  setListener(listener: StoredEnvelopeListener): void {
    this.listener = listener
  }

  announce(batch: EnvelopeBatch): Announcement {
    const write = ++this.writes
    const ids = batch.envelopes.map((envelope) => envelope.id.toString())
    const payloads: string[] = []
    for (let start = 0; start < ids.length; start += IDS_PER_NOTICE) {
      const notice: Notice = {
        kind: batch.kind,
        origin: this.origin,
        write,
        ids: ids.slice(start, start + IDS_PER_NOTICE),
        last: start + IDS_PER_NOTICE >= ids.length,
      }
      payloads.push(JSON.stringify(notice))
    }
    if (!this.client) return { payloads, delivered: Promise.resolve(), abandon: () => undefined }
    let done!: () => void
    const delivered = new Promise<void>((resolve) => (done = resolve))
    this.local.set(write, { batch, done })
    return {
      payloads,
      delivered,
      abandon: () => {
        this.local.delete(write)
        done()
      },
    }
  }

  /** The statement that sends one payload, inside the writer's transaction. */
  static readonly NOTIFY_SQL = `SELECT pg_notify('${CHANNEL}', $1)`

  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.reconnectTimer)
    this.releaseLocalWrites()
    const client = this.client
    this.client = undefined
    await client?.end().catch(() => undefined)
  }

  private async listen(): Promise<void> {
    const client = new pg.Client(this.config)
    client.on("notification", (message) => {
      if (message.channel !== CHANNEL || message.payload === undefined) return
      const notice = parseNotice(message.payload)
      if (!notice) {
        this.log.warn(`ignored a malformed notice on ${CHANNEL}`)
        return
      }
      this.inbox.push(notice)
      void this.drain()
    })
    client.on("error", (error) => this.lost(client, error))
    client.on("end", () => this.lost(client, new Error("connection ended")))
    try {
      await client.connect()
      await client.query(`LISTEN ${CHANNEL}`)
    } catch (error) {
      client.removeAllListeners("end")
      await client.end().catch(() => undefined)
      throw error
    }
    this.client = client
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client) return
    this.client = undefined
    // Their notices will not come over this connection: release the writers waiting for them.
    this.releaseLocalWrites()
    if (this.closed) return
    this.log.error(
      `live feed connection lost (${error.message}): subscribers of this node miss envelopes stored until it is back; reconnecting`,
    )
    this.scheduleReconnect()
  }

  private scheduleReconnect(): void {
    const delay = RECONNECT_DELAYS_MS[Math.min(this.failures, RECONNECT_DELAYS_MS.length - 1)]
    this.reconnectTimer = setTimeout(() => {
      this.listen().then(
        () => {
          this.failures = 0
          this.log.info("live feed reconnected")
        },
        (error: unknown) => {
          this.failures++
          if (this.closed) return
          this.log.error(`live feed reconnect failed: ${error instanceof Error ? error.message : String(error)}`)
          this.scheduleReconnect()
        },
      )
    }, delay)
    this.reconnectTimer.unref()
  }

  private releaseLocalWrites(): void {
    for (const write of this.local.values()) write.done()
    this.local.clear()
  }

  /** Hands the notices over one at a time, in arrival order, so no later notice overtakes a read-back. */
  private async drain(): Promise<void> {
    if (this.draining) return
    this.draining = true
    try {
      for (let notice = this.inbox.shift(); notice; notice = this.inbox.shift()) await this.deliver(notice)
    } finally {
      this.draining = false
    }
  }

  private async deliver(notice: Notice): Promise<void> {
    const write = notice.origin === this.origin ? this.local.get(notice.write) : undefined
    if (write) {
      // All of a write's notices arrive together; its envelopes go out with the last one.
      if (!notice.last) return
      this.local.delete(notice.write)
      this.hand(write.batch)
      write.done()
      return
    }
    try {
      const ids = notice.ids.map((id) => BigInt(id))
      this.hand(
        notice.kind === "group"
          ? { kind: "group", envelopes: await this.loaders.group(ids) }
          : { kind: "welcome", envelopes: await this.loaders.welcome(ids) },
      )
    } catch (error) {
      this.log.error(`live feed could not read back ${notice.ids.length} stored ${notice.kind} envelope(s): ${String(error)}`)
    }
  }

  private hand(batch: EnvelopeBatch): void {
    if (batch.envelopes.length === 0) return
    if (batch.kind === "group") this.listener?.groupMessagesStored(batch.envelopes)
    else this.listener?.welcomeMessagesStored(batch.envelopes)
  }
}
