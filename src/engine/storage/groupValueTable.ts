// A table holding one TEXT value per group (group_id primary key), for per-group facts kept out of
// the groups table so that it keeps one owner (pausedGroups.ts, forkSignals.ts).
import type Database from "better-sqlite3-multiple-ciphers"
import { bytes, text, type Row } from "./rows"

export class GroupValueTable {
  /** `table` and `column` are fixed names from the subclasses, never input. */
  constructor(
    private readonly db: Database.Database,
    private readonly table: string,
    private readonly column: string,
  ) {}

  /** Records (or replaces) the group's value. */
  set(groupId: Uint8Array, value: string): void {
    this.db.prepare(`INSERT OR REPLACE INTO ${this.table} (group_id, ${this.column}) VALUES (?, ?)`).run(groupId, value)
  }

  /** The group's value; undefined when it has none. */
  get(groupId: Uint8Array): string | undefined {
    const row = this.db.prepare(`SELECT ${this.column} AS value FROM ${this.table} WHERE group_id = ?`).get(groupId) as Row | undefined
    return row && text(row.value)
  }

  clear(groupId: Uint8Array): void {
    this.db.prepare(`DELETE FROM ${this.table} WHERE group_id = ?`).run(groupId)
  }

  list(): Array<{ groupId: Uint8Array; value: string }> {
    const rows = this.db.prepare(`SELECT group_id, ${this.column} AS value FROM ${this.table} ORDER BY rowid`).all() as Row[]
    return rows.map((row) => ({ groupId: bytes(row.group_id), value: text(row.value) }))
  }
}
