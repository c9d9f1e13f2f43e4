// The SQLite backend of NodeStore (better-sqlite3): one file in WAL mode, schema from numbered
// migrations, every write one transaction with a full fsync so an acknowledged write survives a
// crash or power loss.
import Database from "better-sqlite3-multiple-ciphers"
import { migrate } from "../../../engine/storage/migrate"
import { nowNs } from "../clock"
import type {
  IdentityUpdateAppend,
  NewCommitLogEntry,
  NewGroupMessage,
  NewWelcomeMessage,
  NodeStore,
  PageQuery,
  StoredCommitLogEntry,
  StoredGroupMessage,
  StoredIdentityUpdate,
  StoredEnvelopeListener,
  StoredWelcomeMessage,
} from "../nodeStore"
import { SqliteCommitLog } from "./commitLog"
import { SqliteGroupMessages } from "./groupMessages"
import { SqliteIdentityLog } from "./identityLog"
import { SqliteInstallations } from "./installations"
import { KeyedMutex } from "../../../engine/util/keyedMutex"
import { nodeMigrations } from "./migrations/index"
import { SqliteWelcomeMessages } from "./welcomeMessages"

export function openSqliteNodeStore(path: string): NodeStore {
  const db = new Database(path)
  try {
    if (path !== ":memory:") db.pragma("journal_mode = WAL")
    db.pragma("synchronous = FULL")
    db.pragma("busy_timeout = 5000")
    migrate(db, nodeMigrations)
    // Nanosecond timestamps exceed 2^53: every integer is read as a bigint.
    db.defaultSafeIntegers(true)
    return new SqliteNodeStore(db)
  } catch (error) {
    db.close()
    throw error
  }
}

class SqliteNodeStore implements NodeStore {
  private readonly groupMessages: SqliteGroupMessages
  private readonly welcomeMessages: SqliteWelcomeMessages
  private readonly installations: SqliteInstallations
  private readonly identityLog: SqliteIdentityLog
  private readonly commitLog: SqliteCommitLog
  private readonly inboxLocks = new KeyedMutex()
  private envelopeListener: StoredEnvelopeListener | undefined

  constructor(private readonly db: Database.Database) {
    this.groupMessages = new SqliteGroupMessages(db)
    this.welcomeMessages = new SqliteWelcomeMessages(db)
    this.installations = new SqliteInstallations(db)
    this.identityLog = new SqliteIdentityLog(db)
    this.commitLog = new SqliteCommitLog(db)
  }

  setEnvelopeListener(listener: StoredEnvelopeListener): void {
    this.envelopeListener = listener
  }

  async saveKeyPackage(installationKey: Uint8Array, keyPackage: Uint8Array): Promise<void> {
    this.db.transaction(() => this.installations.save(installationKey, keyPackage, nowNs()))()
  }

  async fetchKeyPackages(installationKeys: Uint8Array[]): Promise<(Uint8Array | undefined)[]> {
    return installationKeys.map((key) => this.installations.keyPackage(key))
  }

  // better-sqlite3 commits synchronously, so telling the listener right after the transaction
  // (before any await) keeps the listener's order equal to commit order.
  async insertGroupMessages(messages: NewGroupMessage[]): Promise<StoredGroupMessage[]> {
    const stored = this.db.transaction(() => {
      const createdNs = nowNs()
      return messages.flatMap((message) => this.groupMessages.insert(message, createdNs) ?? [])
    })()
    if (stored.length > 0) this.envelopeListener?.groupMessagesStored(stored)
    return stored
  }

  async queryGroupMessages(groupId: Uint8Array, page: PageQuery): Promise<StoredGroupMessage[]> {
    return this.groupMessages.query(groupId, page)
  }

  async newestGroupMessages(groupIds: Uint8Array[]): Promise<(StoredGroupMessage | undefined)[]> {
    return groupIds.map((groupId) => this.groupMessages.newest(groupId))
  }

  async insertWelcomeMessages(messages: NewWelcomeMessage[]): Promise<StoredWelcomeMessage[]> {
    const stored = this.db.transaction(() => {
      const createdNs = nowNs()
      return messages.flatMap((message) => this.welcomeMessages.insert(message, createdNs) ?? [])
    })()
    if (stored.length > 0) this.envelopeListener?.welcomeMessagesStored(stored)
    return stored
  }

  async queryWelcomeMessages(installationKey: Uint8Array, page: PageQuery): Promise<StoredWelcomeMessage[]> {
    return this.welcomeMessages.query(installationKey, page)
  }

  appendIdentityUpdate(
    inboxId: string,
    decide: (history: Uint8Array[]) => Promise<IdentityUpdateAppend>,
  ): Promise<bigint> {
    return this.inboxLocks.run(inboxId, async () => {
      const change = await decide(this.identityLog.updatesOf(inboxId))
      return this.db.transaction(() => this.identityLog.append(inboxId, change, nowNs()))()
    })
  }

  async identityUpdates(requests: { inboxId: string; afterSequenceId: bigint }[]): Promise<StoredIdentityUpdate[][]> {
    return requests.map((request) => this.identityLog.updatesAfter(request.inboxId, request.afterSequenceId))
  }

  async inboxIdsForAddresses(addresses: string[]): Promise<(string | undefined)[]> {
    return addresses.map((address) => this.identityLog.inboxIdOf(address))
  }

  async insertCommitLogEntries(entries: NewCommitLogEntry[]): Promise<StoredCommitLogEntry[]> {
    return this.db.transaction(() => {
      const createdNs = nowNs()
      return entries.map((entry) => this.commitLog.insert(entry, createdNs))
    })()
  }

  async queryCommitLog(groupId: Uint8Array, afterId: bigint, limit: number): Promise<StoredCommitLogEntry[]> {
    return this.commitLog.query(groupId, afterId, limit)
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }
}
