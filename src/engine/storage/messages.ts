// The group_messages table: decrypted messages and the transcripts of commits, with libxmtp's
// integer codes (db/group_message.rs) for kind, delivery status and content type.
import type Database from "better-sqlite3-multiple-ciphers"
import { big, bytes, optionalBig, small, text, type Row } from "./rows"

export const StoredMessageKind = { Application: 1, MembershipChange: 2 } as const
export type StoredMessageKind = (typeof StoredMessageKind)[keyof typeof StoredMessageKind]

export const StoredDeliveryStatus = { Unpublished: 1, Published: 2, Failed: 3 } as const
export type StoredDeliveryStatus = (typeof StoredDeliveryStatus)[keyof typeof StoredDeliveryStatus]

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
}

export interface MessageQuery {
  sentAfterNs?: bigint
  sentBeforeNs?: bigint
  kind?: StoredMessageKind
  deliveryStatus?: StoredDeliveryStatus
  direction?: "ascending" | "descending"
  limit?: number
}

export class MessageTable {
  constructor(private readonly db: Database.Database) {}

  /** Returns false when a message with the same id is already stored (libxmtp store_or_ignore). */
  insertOrIgnore(message: StoredMessage): boolean {
    const result = this.db
      .prepare(
        `INSERT OR IGNORE INTO group_messages (id, group_id, decrypted_message_bytes, sent_at_ns, kind, sender_installation_id,
           sender_inbox_id, delivery_status, content_type, version_major, version_minor, authority_id, idempotency_key,
           sequence_id, should_push, inserted_at_ns)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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

  /** Ordered by sent time, ties by insertion order (libxmtp QUERY-01); filters are exclusive. */
  list(groupIds: readonly Uint8Array[], query: MessageQuery = {}): StoredMessage[] {
    const where = [`group_id IN (${groupIds.map(() => "?").join(", ")})`]
    const params: unknown[] = [...groupIds]
    if (query.sentAfterNs !== undefined) {
      where.push("sent_at_ns > ?")
      params.push(query.sentAfterNs)
    }
    if (query.sentBeforeNs !== undefined) {
      where.push("sent_at_ns < ?")
      params.push(query.sentBeforeNs)
    }
    if (query.kind !== undefined) {
      where.push("kind = ?")
      params.push(query.kind)
    }
    if (query.deliveryStatus !== undefined) {
      where.push("delivery_status = ?")
      params.push(query.deliveryStatus)
    }
    const order = query.direction === "descending" ? "DESC" : "ASC"
    let sql = `SELECT * FROM group_messages WHERE ${where.join(" AND ")} ORDER BY sent_at_ns ${order}, rowid ${order}`
    if (query.limit !== undefined && query.limit > 0) {
      sql += " LIMIT ?"
      params.push(query.limit)
    }
    return (this.db.prepare(sql).all(...params) as Row[]).map(fromRow)
  }

  /** The sender read its own message back: the server's time and cursor replace the local ones. */
  setPublished(id: Uint8Array, sentAtNs: bigint, sequenceId: bigint): void {
    this.db
      .prepare("UPDATE group_messages SET delivery_status = ?, sent_at_ns = ?, sequence_id = ? WHERE id = ?")
      .run(StoredDeliveryStatus.Published, sentAtNs, sequenceId, id)
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
  }
}
