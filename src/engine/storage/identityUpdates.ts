// The identity_updates table: a local copy of inboxes' identity-update logs, fetched from the
// network and verified when read (libxmtp db/identity_update.rs). Association states are derived
// from it at the sequence ids a group's membership names.
import type Database from "better-sqlite3-multiple-ciphers"
import { big, bytes, text, type Row } from "./rows"

export interface StoredIdentityUpdate {
  inboxId: string
  sequenceId: bigint
  serverTimestampNs: bigint
  /** The IdentityUpdate protobuf. */
  payload: Uint8Array
}

export class IdentityUpdateTable {
  /** Verified states derived from these updates. */
  readonly associationStates: AssociationStateTable

  constructor(private readonly db: Database.Database) {
    this.associationStates = new AssociationStateTable(db)
  }

  insertOrIgnore(updates: readonly StoredIdentityUpdate[]): void {
    const insert = this.db.prepare(
      "INSERT OR IGNORE INTO identity_updates (inbox_id, sequence_id, server_timestamp_ns, payload) VALUES (?, ?, ?, ?)",
    )
    for (const update of updates) insert.run(update.inboxId, update.sequenceId, update.serverTimestampNs, update.payload)
  }

  /** The inbox's updates in order, after `afterSequenceId` and up to and including `toSequenceId`. */
  list(inboxId: string, toSequenceId?: bigint, afterSequenceId = -1n): StoredIdentityUpdate[] {
    const rows = (
      toSequenceId === undefined
        ? this.db.prepare("SELECT * FROM identity_updates WHERE inbox_id = ? AND sequence_id > ? ORDER BY sequence_id").all(inboxId, afterSequenceId)
        : this.db
            .prepare("SELECT * FROM identity_updates WHERE inbox_id = ? AND sequence_id > ? AND sequence_id <= ? ORDER BY sequence_id")
            .all(inboxId, afterSequenceId, toSequenceId)
    ) as Row[]
    return rows.map((row) => ({
      inboxId: text(row.inbox_id),
      sequenceId: big(row.sequence_id),
      serverTimestampNs: big(row.server_timestamp_ns),
      payload: bytes(row.payload),
    }))
  }

  /** The latest stored sequence id of each inbox that has any. */
  latestSequenceIds(inboxIds: readonly string[]): Map<string, bigint> {
    const latest = new Map<string, bigint>()
    const query = this.db.prepare("SELECT MAX(sequence_id) AS latest FROM identity_updates WHERE inbox_id = ?")
    for (const inboxId of inboxIds) {
      const row = query.get(inboxId) as Row
      if (row.latest !== null && row.latest !== undefined) latest.set(inboxId, big(row.latest))
    }
    return latest
  }
}

export interface CachedAssociationState {
  sequenceId: bigint
  /** The AssociationState protobuf; verified before it was written. */
  state: Uint8Array
}

/**
 * The association_state table (libxmtp's association_state cache): verified states of inboxes at
 * sequence ids. Only states derived by verifying every update up to their sequence id go in.
 */
export class AssociationStateTable {
  constructor(private readonly db: Database.Database) {}

  /** The cached state with the highest sequence id not beyond `toSequenceId`. */
  latestAtOrBefore(inboxId: string, toSequenceId: bigint): CachedAssociationState | undefined {
    const row = this.db
      .prepare("SELECT sequence_id, state FROM association_state WHERE inbox_id = ? AND sequence_id <= ? ORDER BY sequence_id DESC LIMIT 1")
      .get(inboxId, toSequenceId) as Row | undefined
    return row === undefined ? undefined : { sequenceId: big(row.sequence_id), state: bytes(row.state) }
  }

  put(inboxId: string, sequenceId: bigint, state: Uint8Array): void {
    this.db.prepare("INSERT OR REPLACE INTO association_state (inbox_id, sequence_id, state) VALUES (?, ?, ?)").run(inboxId, sequenceId, state)
  }

  delete(inboxId: string, sequenceId: bigint): void {
    this.db.prepare("DELETE FROM association_state WHERE inbox_id = ? AND sequence_id = ?").run(inboxId, sequenceId)
  }
}
