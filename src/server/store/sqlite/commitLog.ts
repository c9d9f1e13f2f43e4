// The commit_log table (node-go commit_log_v2): per-group entries libxmtp publishes so members can
// detect forks; the node stores them opaquely with their signatures.
import type Database from "better-sqlite3-multiple-ciphers"
import type { NewCommitLogEntry, StoredCommitLogEntry } from "../nodeStore"

interface CommitLogRow {
  id: bigint
  group_id: Buffer
  serialized_entry: Buffer
  serialized_signature: Buffer
}

export class SqliteCommitLog {
  private readonly insertStatement: Database.Statement<[bigint, Uint8Array, Uint8Array, Uint8Array], { id: bigint }>
  private readonly after: Database.Statement<[Uint8Array, bigint, bigint], CommitLogRow>

  constructor(db: Database.Database) {
    this.insertStatement = db.prepare(
      "INSERT INTO commit_log (created_ns, group_id, serialized_entry, serialized_signature) VALUES (?, ?, ?, ?) RETURNING id",
    )
    this.after = db.prepare(
      "SELECT id, group_id, serialized_entry, serialized_signature FROM commit_log WHERE group_id = ? AND id > ? ORDER BY id ASC LIMIT ?",
    )
  }

  /** Call inside a transaction. */
  insert(entry: NewCommitLogEntry, nowNs: bigint): StoredCommitLogEntry {
    const inserted = this.insertStatement.get(nowNs, entry.groupId, entry.serializedEntry, entry.serializedSignature)
    if (!inserted) throw new Error("commit_log insert returned no id")
    return { ...entry, id: inserted.id }
  }

  query(groupId: Uint8Array, afterId: bigint, limit: number): StoredCommitLogEntry[] {
    return this.after.all(groupId, afterId, BigInt(limit)).map((row) => ({
      id: row.id,
      groupId: row.group_id,
      serializedEntry: row.serialized_entry,
      serializedSignature: row.serialized_signature,
    }))
  }
}
