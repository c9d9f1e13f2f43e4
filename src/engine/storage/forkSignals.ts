// Groups that may have forked (libxmtp's groups.maybe_forked and fork_details, db/group.rs
// mark_group_as_maybe_forked): an ordered sync met a message from an epoch this member never
// reached, so another member applied a commit this one did not. Kept in its own table so the
// groups table keeps one owner; shown in the conversation's debug info.
import type Database from "better-sqlite3-multiple-ciphers"
import { text, type Row } from "./rows"

export class ForkSignalTable {
  constructor(private readonly db: Database.Database) {}

  /** Records (or replaces) why the group looks forked. */
  mark(groupId: Uint8Array, details: string): void {
    this.db.prepare("INSERT OR REPLACE INTO group_fork_signals (group_id, details) VALUES (?, ?)").run(groupId, details)
  }

  /** Why the group looks forked; undefined when nothing suggested it. */
  get(groupId: Uint8Array): string | undefined {
    const row = this.db.prepare("SELECT details FROM group_fork_signals WHERE group_id = ?").get(groupId) as Row | undefined
    return row && text(row.details)
  }
}
