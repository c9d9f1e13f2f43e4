// The commit_log table on Postgres (node-go commit_log_v2): per-group entries libxmtp publishes
// so members can detect forks, stored opaquely with their signatures.
import type { NewCommitLogEntry, StoredCommitLogEntry } from "../nodeStore"
import { int8, type Int8, type Queryable } from "./sql"

/** Locks the groups' commit-log sequences for this transaction (node-go insert_commit_log_v2's lock). */
export async function lockCommitLogs(db: Queryable, groupIds: Uint8Array[]): Promise<void> {
  await db.query("SELECT lock_topics('commit_log', $1::BYTEA[])", [groupIds])
}

/** Call inside a transaction holding the group's lock. */
export async function insertCommitLogEntry(db: Queryable, entry: NewCommitLogEntry): Promise<StoredCommitLogEntry> {
  const { rows } = await db.query<{ id: Int8 }>(
    "INSERT INTO commit_log (group_id, serialized_entry, serialized_signature) VALUES ($1, $2, $3) RETURNING id",
    [entry.groupId, entry.serializedEntry, entry.serializedSignature],
  )
  const row = rows[0]
  if (!row) throw new Error("commit_log insert returned no id")
  return { ...entry, id: int8(row.id) }
}

export async function queryCommitLog(db: Queryable, groupId: Uint8Array, afterId: bigint, limit: number): Promise<StoredCommitLogEntry[]> {
  const { rows } = await db.query<{ id: Int8; group_id: Buffer; serialized_entry: Buffer; serialized_signature: Buffer }>(
    `SELECT id, group_id, serialized_entry, serialized_signature FROM commit_log
     WHERE group_id = $1 AND id > $2 ORDER BY id ASC LIMIT $3`,
    [groupId, afterId, limit],
  )
  return rows.map((row) => ({
    id: int8(row.id),
    groupId: row.group_id,
    serializedEntry: row.serialized_entry,
    serializedSignature: row.serialized_signature,
  }))
}
