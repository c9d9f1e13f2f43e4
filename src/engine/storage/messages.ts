// The group_messages table: decrypted messages and the transcripts of commits, with libxmtp's
// integer codes (db/group_message.rs) for kind, delivery status and content type.
import type Database from "better-sqlite3-multiple-ciphers"
import { big, bytes, nowNs, optionalBig, optionalBytes, small, text, type Row } from "./rows"

export const StoredMessageKind = { Application: 1, MembershipChange: 2 } as const
export type StoredMessageKind = (typeof StoredMessageKind)[keyof typeof StoredMessageKind]

export const StoredDeliveryStatus = { Unpublished: 1, Published: 2, Failed: 3 } as const
export type StoredDeliveryStatus = (typeof StoredDeliveryStatus)[keyof typeof StoredDeliveryStatus]

/** libxmtp's ContentType integers (db/group_message.rs, MSG-10). */
export const StoredContentType = {
  Unknown: 0,
  Text: 1,
  GroupMembershipChange: 2,
  GroupUpdated: 3,
  Reaction: 4,
  ReadReceipt: 5,
  Reply: 6,
  Attachment: 7,
  RemoteAttachment: 8,
  TransactionReference: 9,
  WalletSendCalls: 10,
  LeaveRequest: 11,
  Markdown: 12,
  Actions: 13,
  Intent: 14,
  MultiRemoteAttachment: 15,
  DeleteMessage: 16,
} as const
export type StoredContentType = (typeof StoredContentType)[keyof typeof StoredContentType]

export interface StoredMessage {
  id: Uint8Array
  groupId: Uint8Array
  /** The EncodedContent bytes. */
  decryptedMessageBytes: Uint8Array
  sentAtNs: bigint
  kind: StoredMessageKind
  senderInstallationId: Uint8Array
  senderInboxId: string
  deliveryStatus: StoredDeliveryStatus
  /** libxmtp's ContentType integer (0 Unknown, 1 Text, 3 GroupUpdated, ...). */
  contentType: number
  versionMajor: number
  versionMinor: number
  authorityId: string
  idempotencyKey: string
  /** The network id of the envelope the message arrived in (or was published as). */
  sequenceId?: bigint
  shouldPush: boolean
  insertedAtNs: bigint
  /** The message a reaction, reply or delete points at (libxmtp reference_id, MSG-09). */
  referenceId?: Uint8Array
  /**
   * When a disappearing message goes (libxmtp expire_at_ns): set on storing a received message and
   * on publishing an own one while the group's disappearing settings are enabled (DISAP-06).
   */
  expireAtNs?: bigint
}

/** libxmtp MsgQueryArgs: every filter is optional and they combine with AND (QUERY-02, QUERY-03). */
export interface MessageQuery {
  sentAfterNs?: bigint
  sentBeforeNs?: bigint
  insertedAfterNs?: bigint
  insertedBeforeNs?: bigint
  kind?: StoredMessageKind
  deliveryStatus?: StoredDeliveryStatus
  contentTypes?: readonly number[]
  excludeContentTypes?: readonly number[]
  excludeSenderInboxIds?: readonly string[]
  sortBy?: "sentAt" | "insertedAt"
  direction?: "ascending" | "descending"
  /** As SQLite's LIMIT: 0 returns nothing, a negative number no limit. */
  limit?: number
}

/** SQLite's default limit on bound parameters is far above this; chunks keep statements small. */
const IDS_PER_QUERY = 500

/** Runs `query` over `ids` in chunks and concatenates the results. */
export function queryInChunks<T>(ids: readonly Uint8Array[], query: (chunk: readonly Uint8Array[], placeholders: string) => T[]): T[] {
  const results: T[] = []
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const chunk = ids.slice(i, i + IDS_PER_QUERY)
    results.push(...query(chunk, chunk.map(() => "?").join(", ")))
  }
  return results
}

const placeholders = (values: readonly unknown[]) => values.map(() => "?").join(", ")

/**
 * The group filter of a lookup by message or reference id. The unary plus keeps SQLite (which has
 * no statistics here) from walking a group's whole by-time or by-type index instead of seeking the
 * id and reference indexes: on a 100,000-message conversation that is 150 ms a query, not 0.3 ms.
 */
const groupFilterOfIdLookup = (groupIds: readonly Uint8Array[]) => `+group_id IN (${placeholders(groupIds)})`

export class MessageTable {
  constructor(private readonly db: Database.Database) {}

  /** Returns false when a message with the same id is already stored (libxmtp store_or_ignore). */
  insertOrIgnore(message: StoredMessage): boolean {
    const result = this.db
      .prepare(
        `INSERT OR IGNORE INTO group_messages (id, group_id, decrypted_message_bytes, sent_at_ns, kind, sender_installation_id,
           sender_inbox_id, delivery_status, content_type, version_major, version_minor, authority_id, idempotency_key,
           sequence_id, should_push, inserted_at_ns, reference_id, expire_at_ns)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        message.id,
        message.groupId,
        message.decryptedMessageBytes,
        message.sentAtNs,
        message.kind,
        message.senderInstallationId,
        message.senderInboxId,
        message.deliveryStatus,
        message.contentType,
        message.versionMajor,
        message.versionMinor,
        message.authorityId,
        message.idempotencyKey,
        message.sequenceId ?? null,
        message.shouldPush ? 1 : 0,
        message.insertedAtNs,
        message.referenceId ?? null,
        message.expireAtNs ?? null,
      )
    return result.changes > 0
  }

  find(id: Uint8Array): StoredMessage | undefined {
    const row = this.db.prepare("SELECT * FROM group_messages WHERE id = ?").get(id) as Row | undefined
    return row && fromRow(row)
  }

  /** The messages stored from (or published as) the envelope with this network id. */
  findBySequenceId(groupId: Uint8Array, sequenceId: bigint): StoredMessage[] {
    const rows = this.db
      .prepare("SELECT * FROM group_messages WHERE group_id = ? AND sequence_id = ? ORDER BY rowid")
      .all(groupId, sequenceId) as Row[]
    return rows.map(fromRow)
  }

  /** Ordered by sent (or insertion) time, ties by row order (libxmtp QUERY-01); time filters are exclusive. */
  list(groupIds: readonly Uint8Array[], query: MessageQuery = {}): StoredMessage[] {
    const { where, params } = filters(groupIds, query)
    const order = query.direction === "descending" ? "DESC" : "ASC"
    const column = query.sortBy === "insertedAt" ? "inserted_at_ns" : "sent_at_ns"
    let sql = `SELECT * FROM group_messages WHERE ${where} ORDER BY ${column} ${order}, rowid ${order}`
    if (query.limit !== undefined) {
      sql += " LIMIT ?"
      params.push(query.limit)
    }
    return (this.db.prepare(sql).all(...params) as Row[]).map(fromRow)
  }

  /** How many messages the filters match (libxmtp count_group_messages; limit and order do not apply). */
  count(groupIds: readonly Uint8Array[], query: Omit<MessageQuery, "limit" | "direction" | "sortBy"> = {}): number {
    const { where, params } = filters(groupIds, query)
    const row = this.db.prepare(`SELECT count(*) AS n FROM group_messages WHERE ${where}`).get(...params) as Row
    return small(row.n)
  }

  /** Messages of these content types whose reference_id names one of `targetIds`, by sent time (libxmtp get_inbound_relations). */
  referencing(groupIds: readonly Uint8Array[], targetIds: readonly Uint8Array[], contentTypes: readonly number[]): StoredMessage[] {
    const rows = queryInChunks(targetIds, (chunk, marks) =>
      this.db
        .prepare(
          `SELECT rowid AS row_order, * FROM group_messages WHERE ${groupFilterOfIdLookup(groupIds)} AND reference_id IN (${marks})
             AND content_type IN (${placeholders(contentTypes)})`,
        )
        .all(...groupIds, ...chunk, ...contentTypes) as Row[],
    )
    const sortKey = (row: Row) => [big(row.sent_at_ns), big(row.row_order)] as const
    return rows
      .map((row) => ({ key: sortKey(row), message: fromRow(row) }))
      .sort((a, b) => compareBig(a.key[0], b.key[0]) || compareBig(a.key[1], b.key[1]))
      .map((entry) => entry.message)
  }

  /** Per target (hex id): how many messages of these content types reference it (libxmtp get_inbound_relation_counts). */
  countReferencing(groupIds: readonly Uint8Array[], targetIds: readonly Uint8Array[], contentTypes: readonly number[]): Map<string, number> {
    const rows = queryInChunks(targetIds, (chunk, marks) =>
      this.db
        .prepare(
          `SELECT reference_id, count(*) AS n FROM group_messages WHERE ${groupFilterOfIdLookup(groupIds)} AND reference_id IN (${marks})
             AND content_type IN (${placeholders(contentTypes)}) GROUP BY reference_id`,
        )
        .all(...groupIds, ...chunk, ...contentTypes) as Row[],
    )
    return new Map(rows.map((row) => [Buffer.from(bytes(row.reference_id)).toString("hex"), small(row.n)]))
  }

  /** The messages with these ids among the groups' (libxmtp get_outbound_relations). */
  findIn(groupIds: readonly Uint8Array[], ids: readonly Uint8Array[]): StoredMessage[] {
    return queryInChunks(ids, (chunk, marks) =>
      this.db.prepare(`SELECT * FROM group_messages WHERE ${groupFilterOfIdLookup(groupIds)} AND id IN (${marks})`).all(...groupIds, ...chunk) as Row[],
    ).map(fromRow)
  }

  /** Per sender inbox, the newest sent time among its messages of these content types (libxmtp get_latest_message_times_by_sender). */
  latestSentAtBySender(groupIds: readonly Uint8Array[], contentTypes: readonly number[]): Map<string, bigint> {
    const rows = this.db
      .prepare(
        `SELECT sender_inbox_id, max(sent_at_ns) AS latest FROM group_messages WHERE group_id IN (${placeholders(groupIds)})
           AND content_type IN (${placeholders(contentTypes)}) GROUP BY sender_inbox_id`,
      )
      .all(...groupIds, ...contentTypes) as Row[]
    return new Map(rows.map((row) => [text(row.sender_inbox_id), big(row.latest)]))
  }

  /**
   * The sender read its own message back: the server's time and cursor replace the local ones, and
   * its expiry is set then (libxmtp set_delivery_status_to_published), none when not disappearing.
   */
  setPublished(id: Uint8Array, sentAtNs: bigint, sequenceId: bigint, expireAtNs?: bigint): void {
    this.db
      .prepare("UPDATE group_messages SET delivery_status = ?, sent_at_ns = ?, sequence_id = ?, expire_at_ns = ? WHERE id = ?")
      .run(StoredDeliveryStatus.Published, sentAtNs, sequenceId, expireAtNs ?? null, id)
  }

  /**
   * Hard-deletes the published application messages whose expiry has come and returns them
   * (libxmtp delete_expired_messages, DISAP-07): transcripts and unpublished messages never expire.
   */
  deleteExpired(now: bigint = nowNs()): StoredMessage[] {
    const rows = this.db
      .prepare(
        `DELETE FROM group_messages WHERE delivery_status = ? AND kind = ? AND expire_at_ns IS NOT NULL AND expire_at_ns <= ?
         RETURNING *`,
      )
      .all(StoredDeliveryStatus.Published, StoredMessageKind.Application, now) as Row[]
    return rows.map(fromRow)
  }

  setFailed(id: Uint8Array): void {
    this.db.prepare("UPDATE group_messages SET delivery_status = ? WHERE id = ? AND delivery_status = ?").run(
      StoredDeliveryStatus.Failed,
      id,
      StoredDeliveryStatus.Unpublished,
    )
  }
}

function fromRow(row: Row): StoredMessage {
  const sequenceId = optionalBig(row.sequence_id)
  const referenceId = optionalBytes(row.reference_id)
  const expireAtNs = optionalBig(row.expire_at_ns)
  return {
    id: bytes(row.id),
    groupId: bytes(row.group_id),
    decryptedMessageBytes: bytes(row.decrypted_message_bytes),
    sentAtNs: big(row.sent_at_ns),
    kind: small(row.kind) as StoredMessageKind,
    senderInstallationId: bytes(row.sender_installation_id),
    senderInboxId: text(row.sender_inbox_id),
    deliveryStatus: small(row.delivery_status) as StoredDeliveryStatus,
    contentType: small(row.content_type),
    versionMajor: small(row.version_major),
    versionMinor: small(row.version_minor),
    authorityId: text(row.authority_id),
    idempotencyKey: text(row.idempotency_key),
    ...(sequenceId === undefined ? {} : { sequenceId }),
    shouldPush: small(row.should_push) === 1,
    insertedAtNs: big(row.inserted_at_ns),
    ...(referenceId === undefined ? {} : { referenceId }),
    ...(expireAtNs === undefined ? {} : { expireAtNs }),
  }
}

/** The WHERE clause of a query over these groups (libxmtp apply_message_filters). */
function filters(groupIds: readonly Uint8Array[], query: Omit<MessageQuery, "limit" | "direction" | "sortBy">): { where: string; params: unknown[] } {
  const where = [`group_id IN (${placeholders(groupIds)})`]
  const params: unknown[] = [...groupIds]
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause)
    params.push(...values)
  }
  if (query.sentAfterNs !== undefined) add("sent_at_ns > ?", query.sentAfterNs)
  if (query.sentBeforeNs !== undefined) add("sent_at_ns < ?", query.sentBeforeNs)
  if (query.kind !== undefined) add("kind = ?", query.kind)
  if (query.deliveryStatus !== undefined) add("delivery_status = ?", query.deliveryStatus)
  if (query.contentTypes !== undefined) add(`content_type IN (${placeholders(query.contentTypes)})`, ...query.contentTypes)
  if (query.excludeContentTypes !== undefined) add(`content_type NOT IN (${placeholders(query.excludeContentTypes)})`, ...query.excludeContentTypes)
  if (query.excludeSenderInboxIds !== undefined) add(`sender_inbox_id NOT IN (${placeholders(query.excludeSenderInboxIds)})`, ...query.excludeSenderInboxIds)
  if (query.insertedAfterNs !== undefined) add("inserted_at_ns > ?", query.insertedAfterNs)
  if (query.insertedBeforeNs !== undefined) add("inserted_at_ns < ?", query.insertedBeforeNs)
  // Expired messages stay hidden until the deletion worker removes them (QUERY-04).
  add("(expire_at_ns IS NULL OR expire_at_ns > ?)", nowNs())
  return { where: where.join(" AND "), params }
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0
}
