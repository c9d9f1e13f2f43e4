// Groups paused for a protocol version (libxmtp's groups.paused_for_version column, db/group.rs
// set_group_paused / unpause_group / get_group_paused_version): a group whose minimum supported
// protocol version is above this client's is neither synced nor sent to until the client
// satisfies it. Kept in its own table so the groups table keeps one owner.
import type Database from "better-sqlite3-multiple-ciphers"
import { bytes, text, type Row } from "./rows"

export class PausedGroupTable {
  constructor(private readonly db: Database.Database) {}

  set(groupId: Uint8Array, minVersion: string): void {
    this.db.prepare("INSERT OR REPLACE INTO group_paused_versions (group_id, min_version) VALUES (?, ?)").run(groupId, minVersion)
  }

  /** The version the group waits for; undefined when it is not paused. */
  get(groupId: Uint8Array): string | undefined {
    const row = this.db.prepare("SELECT min_version FROM group_paused_versions WHERE group_id = ?").get(groupId) as Row | undefined
    return row && text(row.min_version)
  }

  clear(groupId: Uint8Array): void {
    this.db.prepare("DELETE FROM group_paused_versions WHERE group_id = ?").run(groupId)
  }

  list(): Array<{ groupId: Uint8Array; minVersion: string }> {
    const rows = this.db.prepare("SELECT group_id, min_version FROM group_paused_versions ORDER BY rowid").all() as Row[]
    return rows.map((row) => ({ groupId: bytes(row.group_id), minVersion: text(row.min_version) }))
  }
}
