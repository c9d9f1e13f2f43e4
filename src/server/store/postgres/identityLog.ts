// The inbox_log and address_log tables on Postgres, as node-go keeps them: inbox ids stored as
// their hex-decoded bytes (the RPC layer admits only hex ids), every accepted identity update
// under a global sequence id, and per address which inbox it was associated with at which
// sequence id and whether that association was later revoked. An address resolves to the inbox
// of its latest unrevoked association.
import type { IdentityUpdateAppend, StoredIdentityUpdate } from "../nodeStore"
import { int8, type Int8, type Queryable } from "./sql"

/** Serialises updates to one inbox until the transaction ends (node-go LockInboxLog). */
export async function lockInbox(db: Queryable, inboxId: string): Promise<void> {
  await db.query("SELECT lock_topics('inbox_log', ARRAY[decode($1, 'hex')])", [inboxId])
}

/** The inbox's accepted updates, oldest first (node-go GetAllInboxLogs). */
export async function inboxHistory(db: Queryable, inboxId: string): Promise<Uint8Array[]> {
  const { rows } = await db.query<{ identity_update_proto: Buffer }>(
    "SELECT identity_update_proto FROM inbox_log WHERE inbox_id = decode($1, 'hex') ORDER BY sequence_id ASC",
    [inboxId],
  )
  return rows.map((row) => row.identity_update_proto)
}

/** Appends the update and its address changes. Call inside a transaction holding the inbox's lock. */
export async function appendToInboxLog(db: Queryable, inboxId: string, change: IdentityUpdateAppend, nowNs: bigint): Promise<bigint> {
  const { rows } = await db.query<{ sequence_id: Int8 }>(
    "INSERT INTO inbox_log (inbox_id, server_timestamp_ns, identity_update_proto) VALUES (decode($1, 'hex'), $2, $3) RETURNING sequence_id",
    [inboxId, nowNs, change.update],
  )
  const sequenceId = rows[0]?.sequence_id
  if (sequenceId === undefined) throw new Error("inbox_log insert returned no sequence id")
  for (const address of change.addedAddresses) {
    await db.query(
      "INSERT INTO address_log (address, inbox_id, association_sequence_id, revocation_sequence_id) VALUES ($1, decode($2, 'hex'), $3, NULL)",
      [address, inboxId, sequenceId],
    )
  }
  // node-go RevokeAddressFromLog: revokes the address's latest association with this inbox.
  for (const address of change.removedAddresses) {
    await db.query(
      `UPDATE address_log SET revocation_sequence_id = $1
       WHERE (address, inbox_id, association_sequence_id) = (
         SELECT address, inbox_id, MAX(association_sequence_id) FROM address_log
         WHERE address = $2 AND inbox_id = decode($3, 'hex') GROUP BY address, inbox_id)`,
      [sequenceId, address, inboxId],
    )
  }
  return int8(sequenceId)
}

/**
 * For each request, the inbox's updates after its sequence id, oldest first, in one query
 * (node-go GetInboxLogFiltered). A request matches the log only by the lowercase hex id the log
 * is known by, as the SQLite backend matches its text keys.
 */
export async function inboxLogsAfter(
  db: Queryable,
  requests: { inboxId: string; afterSequenceId: bigint }[],
): Promise<StoredIdentityUpdate[][]> {
  const { rows } = await db.query<{ n: Int8; sequence_id: Int8; server_timestamp_ns: Int8; identity_update_proto: Buffer }>(
    `SELECT f.n, l.sequence_id, l.server_timestamp_ns, l.identity_update_proto
     FROM unnest($1::TEXT[], $2::BIGINT[]) WITH ORDINALITY AS f(inbox_id, after_id, n)
     JOIN inbox_log l ON l.inbox_id = decode(f.inbox_id, 'hex') AND l.sequence_id > f.after_id
     WHERE f.inbox_id = lower(f.inbox_id)
     ORDER BY f.n, l.sequence_id`,
    [requests.map((r) => r.inboxId), requests.map((r) => r.afterSequenceId)],
  )
  const logs = requests.map((): StoredIdentityUpdate[] => [])
  for (const row of rows) {
    logs[Number(row.n) - 1]?.push({
      sequenceId: int8(row.sequence_id),
      serverTimestampNs: int8(row.server_timestamp_ns),
      update: row.identity_update_proto,
    })
  }
  return logs
}

/**
 * The inbox each address resolves to (node-go GetAddressLogs). Rows that tie on the latest
 * association come from one identity update, hence one inbox, so which of them wins is moot.
 */
export async function inboxIdsOf(db: Queryable, addresses: string[]): Promise<(string | undefined)[]> {
  const { rows } = await db.query<{ address: string; inbox_id: string }>(
    `SELECT a.address, encode(a.inbox_id, 'hex') AS inbox_id
     FROM address_log a
     JOIN (
       SELECT address, MAX(association_sequence_id) AS latest FROM address_log
       WHERE address = ANY($1::TEXT[]) AND revocation_sequence_id IS NULL
       GROUP BY address
     ) b ON a.address = b.address AND a.association_sequence_id = b.latest
     WHERE a.revocation_sequence_id IS NULL`,
    [addresses],
  )
  const byAddress = new Map(rows.map((row) => [row.address, row.inbox_id]))
  return addresses.map((address) => byAddress.get(address))
}
