// The group_messages table on Postgres: every MLS message published to a group, with the flags
// the node derived from it. Ids come from the table's BIGSERIAL; the time is the transaction's.
import { topicPayloadHash } from "../contentHash"
import type { NewGroupMessage, PageQuery, StoredGroupMessage } from "../nodeStore"
import { pagedTopicQuery } from "./pagedTopicQuery"
import { hexOf, int8, type Int8, type Queryable } from "./sql"

/** A TIMESTAMPTZ as integer nanoseconds (Postgres keeps microseconds). */
export const CREATED_NS = "((extract(epoch FROM created_at) * 1000000)::BIGINT * 1000)::TEXT AS created_ns"
const COLUMNS = `id, ${CREATED_NS}, group_id, data, sender_hmac, should_push, is_commit`

interface GroupMessageRow {
  id: Int8
  created_ns: Int8
  group_id: Buffer
  data: Buffer
  sender_hmac: Buffer | null
  should_push: boolean | null
  is_commit: boolean | null
}

const fromRow = (row: GroupMessageRow): StoredGroupMessage => ({
  id: int8(row.id),
  createdNs: int8(row.created_ns),
  groupId: row.group_id,
  data: row.data,
  senderHmac: row.sender_hmac ?? new Uint8Array(),
  shouldPush: row.should_push === true,
  isCommit: row.is_commit === true,
})

/** Locks the groups' sequences for this transaction (node-go insert_group_message_v3's lock). */
export async function lockGroups(db: Queryable, groupIds: Uint8Array[]): Promise<void> {
  await db.query("SELECT lock_topics('group_messages', $1::BYTEA[])", [groupIds])
}

/** Inserts one message unless the same bytes were already published to the group. Call inside a transaction holding the group's lock. */
export async function insertGroupMessage(db: Queryable, message: NewGroupMessage): Promise<StoredGroupMessage | undefined> {
  const { rows } = await db.query<{ id: Int8; created_ns: Int8 }>(
    `INSERT INTO group_messages (group_id, data, group_id_data_hash, sender_hmac, should_push, is_commit)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (group_id_data_hash) DO NOTHING
     RETURNING id, ${CREATED_NS}`,
    [
      message.groupId,
      message.data,
      topicPayloadHash(message.groupId, message.data),
      message.senderHmac,
      message.shouldPush,
      message.isCommit,
    ],
  )
  const row = rows[0]
  return row && { ...message, id: int8(row.id), createdNs: int8(row.created_ns) }
}

export async function queryGroupMessages(db: Queryable, groupId: Uint8Array, page: PageQuery): Promise<StoredGroupMessage[]> {
  const rows = await pagedTopicQuery<GroupMessageRow>(db, { table: "group_messages", columns: COLUMNS, topicColumn: "group_id" }, groupId, page)
  return rows.map(fromRow)
}

/** node-go GetNewestGroupMessage: one query for all groups. */
export async function newestGroupMessages(db: Queryable, groupIds: Uint8Array[]): Promise<(StoredGroupMessage | undefined)[]> {
  const { rows } = await db.query<GroupMessageRow>(
    `SELECT DISTINCT ON (group_id) ${COLUMNS} FROM group_messages WHERE group_id = ANY($1::BYTEA[]) ORDER BY group_id, id DESC`,
    [groupIds],
  )
  const byGroup = new Map(rows.map((row) => [hexOf(row.group_id), fromRow(row)]))
  return groupIds.map((groupId) => byGroup.get(hexOf(groupId)))
}

/** The messages with these ids, in id order (for envelopes another node process stored). */
export async function groupMessagesByIds(db: Queryable, ids: bigint[]): Promise<StoredGroupMessage[]> {
  const { rows } = await db.query<GroupMessageRow>(`SELECT ${COLUMNS} FROM group_messages WHERE id = ANY($1::BIGINT[]) ORDER BY id`, [ids])
  return rows.map(fromRow)
}
