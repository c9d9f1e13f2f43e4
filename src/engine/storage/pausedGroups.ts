// Groups paused for a protocol version (libxmtp's groups.paused_for_version column, db/group.rs
// set_group_paused / unpause_group / get_group_paused_version): a group whose minimum supported
// protocol version is above this client's is neither synced nor sent to until the client
// satisfies it. The value is the version the group waits for.
import type Database from "better-sqlite3-multiple-ciphers"
import { GroupValueTable } from "./groupValueTable"

export class PausedGroupTable extends GroupValueTable {
  constructor(db: Database.Database) {
    super(db, "group_paused_versions", "min_version")
  }
}
