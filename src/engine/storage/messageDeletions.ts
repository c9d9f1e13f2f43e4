// The message_deletions table (libxmtp db/message_deletion.rs): one record per DeleteMessage this
// installation sent or accepted, naming the message it deletes. The record is only a claim: whether
// it applies is decided again whenever messages are listed (the target may arrive later).
import type Database from "better-sqlite3-multiple-ciphers"
import { queryInChunks } from "./messages"
import { big, bytes, small, text, type Row } from "./rows"

export interface StoredMessageDeletion {
  /** The id of the DeleteMessage in group_messages. */
  id: Uint8Array
  groupId: Uint8Array
  deletedMessageId: Uint8Array
  deletedByInboxId: string
  /** The deleter was a super admin (and not the sender) when the deletion was processed. */
  isSuperAdminDeletion: boolean
  deletedAtNs: bigint
}

export class MessageDeletionTable {
  constructor(private readonly db: Database.Database) {}

  /** Returns false when a record with the same id exists (libxmtp store_or_ignore). */
  insertOrIgnore(deletion: StoredMessageDeletion): boolean {
    const result = this.db
      .prepare(
        `INSERT OR IGNORE INTO message_deletions (id, group_id, deleted_message_id, deleted_by_inbox_id, is_super_admin_deletion, deleted_at_ns)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(deletion.id, deletion.groupId, deletion.deletedMessageId, deletion.deletedByInboxId, deletion.isSuperAdminDeletion ? 1 : 0, deletion.deletedAtNs)
    return result.changes > 0
  }

  /** The record a DeleteMessage left (libxmtp get_message_deletion). */
  find(deleteMessageId: Uint8Array): StoredMessageDeletion | undefined {
    const row = this.db.prepare("SELECT * FROM message_deletions WHERE id = ?").get(deleteMessageId) as Row | undefined
    return row && fromRow(row)
  }

  /** Whether any record names this message (libxmtp is_message_deleted). */
  isDeleted(messageId: Uint8Array): boolean {
    return this.db.prepare("SELECT 1 FROM message_deletions WHERE deleted_message_id = ? LIMIT 1").get(messageId) !== undefined
  }

  /** The records naming any of these messages, in the order they were stored. */
  forMessages(messageIds: readonly Uint8Array[]): StoredMessageDeletion[] {
    const rows = queryInChunks(
      messageIds,
      (chunk, marks) => this.db.prepare(`SELECT rowid AS row_order, * FROM message_deletions WHERE deleted_message_id IN (${marks})`).all(...chunk) as Row[],
    )
    return rows
      .map((row) => ({ order: big(row.row_order), deletion: fromRow(row) }))
      .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
      .map((entry) => entry.deletion)
  }
}

function fromRow(row: Row): StoredMessageDeletion {
  return {
    id: bytes(row.id),
    groupId: bytes(row.group_id),
    deletedMessageId: bytes(row.deleted_message_id),
    deletedByInboxId: text(row.deleted_by_inbox_id),
    isSuperAdminDeletion: small(row.is_super_admin_deletion) === 1,
    deletedAtNs: big(row.deleted_at_ns),
  }
}
