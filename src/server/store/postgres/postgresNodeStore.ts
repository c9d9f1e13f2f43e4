// The PostgreSQL backend of NodeStore (pg): a connection pool, schema from its own numbered
// migrations, every write one transaction. Writes to a topic take that topic's advisory lock
// (lock_topics, as node-go's insert functions do), so a topic's ids commit in order even with
// several node processes on one database; live subscribers are fed through LISTEN/NOTIFY
// (envelopeFeed.ts), so every process hears every commit.
import pg from "pg"
import type { Logger } from "../../logger"
import { nowNs } from "../clock"
import type {
  IdentityUpdateAppend,
  NewCommitLogEntry,
  NewGroupMessage,
  NewWelcomeMessage,
  NodeStore,
  PageQuery,
  StoredCommitLogEntry,
  StoredEnvelopeListener,
  StoredGroupMessage,
  StoredIdentityUpdate,
  StoredWelcomeMessage,
} from "../nodeStore"
import { insertCommitLogEntry, lockCommitLogs, queryCommitLog } from "./commitLog"
import { PostgresEnvelopeFeed, type Announcement, type EnvelopeBatch } from "./envelopeFeed"
import { groupMessagesByIds, insertGroupMessage, lockGroups, newestGroupMessages, queryGroupMessages } from "./groupMessages"
import { appendToInboxLog, inboxHistory, inboxIdsOf, inboxLogsAfter, lockInbox } from "./identityLog"
import { fetchKeyPackages, saveKeyPackage } from "./installations"
import { migratePostgres } from "./migrate"
import { postgresNodeMigrations } from "./migrations/index"
import { inTransaction } from "./sql"
import { insertWelcomeMessage, lockInstallations, queryWelcomeMessages, welcomeMessagesByIds } from "./welcomeMessages"

/** Connections per node process; a write holds one from BEGIN to COMMIT. */
const POOL_SIZE = 10
const CONNECT_TIMEOUT_MS = 10_000

export async function openPostgresNodeStore(url: string, log: Logger): Promise<NodeStore> {
  const config: pg.ClientConfig = { connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }
  const pool = new pg.Pool({ ...config, max: POOL_SIZE })
  // An idle pooled connection that breaks is dropped by the pool; without a handler it would
  // crash the process.
  pool.on("error", (error) => log.warn(`database connection dropped: ${error.message}`))
  try {
    await migratePostgres(pool, postgresNodeMigrations)
    const feed = await PostgresEnvelopeFeed.start(
      config,
      { group: (ids) => groupMessagesByIds(pool, ids), welcome: (ids) => welcomeMessagesByIds(pool, ids) },
      log,
    )
    return new PostgresNodeStore(pool, feed)
  } catch (error) {
    await pool.end()
    throw error
  }
}

class PostgresNodeStore implements NodeStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly feed: PostgresEnvelopeFeed,
  ) {}

  setEnvelopeListener(listener: StoredEnvelopeListener): void {
    this.feed.setListener(listener)
  }

  async saveKeyPackage(installationKey: Uint8Array, keyPackage: Uint8Array): Promise<void> {
    await saveKeyPackage(this.pool, installationKey, keyPackage, nowNs())
  }

  fetchKeyPackages(installationKeys: Uint8Array[]): Promise<(Uint8Array | undefined)[]> {
    return fetchKeyPackages(this.pool, installationKeys)
  }

  async insertGroupMessages(messages: NewGroupMessage[]): Promise<StoredGroupMessage[]> {
    return this.storeAndAnnounce(async (client) => {
      await lockGroups(client, messages.map((message) => message.groupId))
      const envelopes: StoredGroupMessage[] = []
      for (const message of messages) {
        const stored = await insertGroupMessage(client, message)
        if (stored) envelopes.push(stored)
      }
      return { kind: "group" as const, envelopes }
    })
  }

  queryGroupMessages(groupId: Uint8Array, page: PageQuery): Promise<StoredGroupMessage[]> {
    return queryGroupMessages(this.pool, groupId, page)
  }

  newestGroupMessages(groupIds: Uint8Array[]): Promise<(StoredGroupMessage | undefined)[]> {
    return newestGroupMessages(this.pool, groupIds)
  }

  async insertWelcomeMessages(messages: NewWelcomeMessage[]): Promise<StoredWelcomeMessage[]> {
    return this.storeAndAnnounce(async (client) => {
      await lockInstallations(client, messages.map((message) => message.installationKey))
      const envelopes: StoredWelcomeMessage[] = []
      for (const message of messages) {
        const stored = await insertWelcomeMessage(client, message)
        if (stored) envelopes.push(stored)
      }
      return { kind: "welcome" as const, envelopes }
    })
  }

  queryWelcomeMessages(installationKey: Uint8Array, page: PageQuery): Promise<StoredWelcomeMessage[]> {
    return queryWelcomeMessages(this.pool, installationKey, page)
  }

  // The inbox's lock is held from before its history is read until the new entry commits, so no
  // other update to the inbox, from this process or another, is decided meanwhile.
  appendIdentityUpdate(inboxId: string, decide: (history: Uint8Array[]) => Promise<IdentityUpdateAppend>): Promise<bigint> {
    return inTransaction(this.pool, async (client) => {
      await lockInbox(client, inboxId)
      const change = await decide(await inboxHistory(client, inboxId))
      return appendToInboxLog(client, inboxId, change, nowNs())
    })
  }

  identityUpdates(requests: { inboxId: string; afterSequenceId: bigint }[]): Promise<StoredIdentityUpdate[][]> {
    return inboxLogsAfter(this.pool, requests)
  }

  inboxIdsForAddresses(addresses: string[]): Promise<(string | undefined)[]> {
    return inboxIdsOf(this.pool, addresses)
  }

  insertCommitLogEntries(entries: NewCommitLogEntry[]): Promise<StoredCommitLogEntry[]> {
    return inTransaction(this.pool, async (client) => {
      await lockCommitLogs(client, entries.map((entry) => entry.groupId))
      const stored: StoredCommitLogEntry[] = []
      for (const entry of entries) stored.push(await insertCommitLogEntry(client, entry))
      return stored
    })
  }

  queryCommitLog(groupId: Uint8Array, afterId: bigint, limit: number): Promise<StoredCommitLogEntry[]> {
    return queryCommitLog(this.pool, groupId, afterId, limit)
  }

  async close(): Promise<void> {
    await this.feed.close()
    await this.pool.end()
  }

  /**
   * Stores a batch of envelopes and announces them in the same transaction; resolves once this
   * process's subscribers have been handed them (see PostgresEnvelopeFeed).
   */
  private async storeAndAnnounce<Batch extends EnvelopeBatch>(
    store: (client: pg.PoolClient) => Promise<Batch>,
  ): Promise<Batch["envelopes"]> {
    let announcement: Announcement | undefined
    let batch: Batch
    try {
      batch = await inTransaction(this.pool, async (client) => {
        const stored = await store(client)
        if (stored.envelopes.length === 0) return stored
        announcement = this.feed.announce(stored)
        for (const payload of announcement.payloads) await client.query(PostgresEnvelopeFeed.NOTIFY_SQL, [payload])
        return stored
      })
    } catch (error) {
      announcement?.abandon()
      throw error
    }
    await announcement?.delivered
    return batch.envelopes
  }
}
