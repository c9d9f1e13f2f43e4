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
  constructor(private readonly db: Database.Database) {}

  insertOrIgnore(updates: readonly StoredIdentityUpdate[]): void {
    const insert = this.db.prepare(
      "INSERT OR IGNORE INTO identity_updates (inbox_id, sequence_id, server_timestamp_ns, payload) VALUES (?, ?, ?, ?)",
    )
    for (const update of updates) insert.run(update.inboxId, update.sequenceId, update.serverTimestampNs, update.payload)
  }

  /** The inbox's updates in order, up to and including `toSequenceId` when given. */
  list(inboxId: string, toSequenceId?: bigint): StoredIdentityUpdate[] {
    const rows = (
      toSequenceId === undefined
        ? this.db.prepare("SELECT * FROM identity_updates WHERE inbox_id = ? ORDER BY sequence_id").all(inboxId)
        : this.db.prepare("SELECT * FROM identity_updates WHERE inbox_id = ? AND sequence_id <= ? ORDER BY sequence_id").all(inboxId, toSequenceId)
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
