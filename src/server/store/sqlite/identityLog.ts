// The inbox_log and address_log tables. inbox_log holds every accepted identity update under a
// global sequence id; address_log records, per Ethereum address, which inbox it was associated
// with at which sequence id and whether that association was later revoked. An address resolves
// to the inbox of its latest unrevoked association.
import type Database from "better-sqlite3-multiple-ciphers"
import type { IdentityUpdateAppend, StoredIdentityUpdate } from "../nodeStore"

interface InboxLogRow {
  sequence_id: bigint
  server_timestamp_ns: bigint
  identity_update_proto: Buffer
}

export class SqliteIdentityLog {
  private readonly history: Database.Statement<[string], { identity_update_proto: Buffer }>
  private readonly after: Database.Statement<[string, bigint], InboxLogRow>
  private readonly insertUpdate: Database.Statement<[string, bigint, Uint8Array], { sequence_id: bigint }>
  private readonly associate: Database.Statement<[string, string, bigint]>
  private readonly revoke: Database.Statement<[{ sequenceId: bigint; address: string; inboxId: string }]>
  private readonly resolve: Database.Statement<[{ address: string }], { inbox_id: string }>

  constructor(db: Database.Database) {
    this.history = db.prepare("SELECT identity_update_proto FROM inbox_log WHERE inbox_id = ? ORDER BY sequence_id ASC")
    this.after = db.prepare(
      `SELECT sequence_id, server_timestamp_ns, identity_update_proto FROM inbox_log
       WHERE inbox_id = ? AND sequence_id > ? ORDER BY sequence_id ASC`,
    )
    this.insertUpdate = db.prepare(
      "INSERT INTO inbox_log (inbox_id, server_timestamp_ns, identity_update_proto) VALUES (?, ?, ?) RETURNING sequence_id",
    )
    this.associate = db.prepare(
      "INSERT INTO address_log (address, inbox_id, association_sequence_id, revocation_sequence_id) VALUES (?, ?, ?, NULL)",
    )
    // Revokes the address's latest association with this inbox (node-go RevokeAddressFromLog).
    this.revoke = db.prepare(
      `UPDATE address_log SET revocation_sequence_id = @sequenceId
       WHERE address = @address AND inbox_id = @inboxId AND association_sequence_id = (
         SELECT MAX(association_sequence_id) FROM address_log WHERE address = @address AND inbox_id = @inboxId)`,
    )
    this.resolve = db.prepare(
      `SELECT inbox_id FROM address_log
       WHERE address = @address AND revocation_sequence_id IS NULL AND association_sequence_id = (
         SELECT MAX(association_sequence_id) FROM address_log WHERE address = @address AND revocation_sequence_id IS NULL)
       ORDER BY rowid`,
    )
  }

  updatesOf(inboxId: string): Uint8Array[] {
    return this.history.all(inboxId).map((row) => row.identity_update_proto)
  }

  updatesAfter(inboxId: string, afterSequenceId: bigint): StoredIdentityUpdate[] {
    return this.after.all(inboxId, afterSequenceId).map((row) => ({
      sequenceId: row.sequence_id,
      serverTimestampNs: row.server_timestamp_ns,
      update: row.identity_update_proto,
    }))
  }

  /** Appends the update and its address changes. Call inside a transaction. */
  append(inboxId: string, change: IdentityUpdateAppend, nowNs: bigint): bigint {
    const inserted = this.insertUpdate.get(inboxId, nowNs, change.update)
    if (!inserted) throw new Error("inbox_log insert returned no sequence id")
    for (const address of change.addedAddresses) this.associate.run(address, inboxId, inserted.sequence_id)
    for (const address of change.removedAddresses) this.revoke.run({ sequenceId: inserted.sequence_id, address, inboxId })
    return inserted.sequence_id
  }

  /** The inbox the address resolves to; when several rows tie, the last one wins (as in node-go). */
  inboxIdOf(address: string): string | undefined {
    return this.resolve.all({ address }).at(-1)?.inbox_id
  }
}
