// The pending_remove table (libxmtp db/pending_remove.rs): members of a group who asked to leave
// (LeaveRequest messages), kept until a commit removes them. One row per (group, inbox).
import type Database from "better-sqlite3-multiple-ciphers"
import { text, type Row } from "./rows"

export class PendingRemovalTable {
  constructor(private readonly db: Database.Database) {}

  /** Idempotent: a second request from the same inbox keeps the first (store_or_ignore). */
  insertOrIgnore(groupId: Uint8Array, inboxId: string, messageId: Uint8Array): void {
    this.db.prepare("INSERT OR IGNORE INTO pending_remove (group_id, inbox_id, message_id) VALUES (?, ?, ?)").run(groupId, inboxId, messageId)
  }

  list(groupId: Uint8Array): string[] {
    return (this.db.prepare("SELECT inbox_id FROM pending_remove WHERE group_id = ? ORDER BY rowid").all(groupId) as Row[]).map((row) => text(row.inbox_id))
  }

  delete(groupId: Uint8Array, inboxIds: readonly string[]): void {
    const remove = this.db.prepare("DELETE FROM pending_remove WHERE group_id = ? AND inbox_id = ?")
    for (const inboxId of inboxIds) remove.run(groupId, inboxId)
  }
}
