// Groups that may have forked (libxmtp's groups.maybe_forked and fork_details, db/group.rs
// mark_group_as_maybe_forked): an ordered sync met a message from an epoch this member never
// reached, so another member applied a commit this one did not. The value is why the group looks
// forked; shown in the conversation's debug info.
import type Database from "better-sqlite3-multiple-ciphers"
import { GroupValueTable } from "./groupValueTable"

export class ForkSignalTable extends GroupValueTable {
  constructor(db: Database.Database) {
    super(db, "group_fork_signals", "details")
  }
}
