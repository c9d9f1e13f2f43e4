// The client database's schema, one numbered migration per table family, in the order they were
// introduced. Never edit a released migration: add the next number. Column meanings and integer
// codes follow libxmtp's store (crates/xmtp_db, node-bindings-1.10.0) so rows can be compared with
// the reference; see each table's module for the codes.
import type { Migration } from "./migrate"

export const clientMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "identity",
    // One row: this installation. The Ed25519 seed never leaves the encrypted file.
    sql: `CREATE TABLE identity (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 0),
      inbox_id TEXT NOT NULL,
      account_address TEXT NOT NULL,
      installation_public_key BLOB NOT NULL,
      installation_private_key BLOB NOT NULL,
      created_at_ns INTEGER NOT NULL,
      registered_at_ns INTEGER
    )`,
  },
  {
    version: 2,
    name: "key_packages",
    sql: `CREATE TABLE key_packages (
      key_package_ref BLOB PRIMARY KEY,
      init_public_key BLOB NOT NULL UNIQUE,
      xwing_public_key BLOB UNIQUE,
      xwing_private_key BLOB,
      key_package BLOB NOT NULL,
      private_key_package BLOB NOT NULL,
      created_at_ns INTEGER NOT NULL,
      uploaded_at_ns INTEGER
    )`,
  },
  {
    version: 3,
    name: "groups",
    sql: `CREATE TABLE groups (
      id BLOB PRIMARY KEY,
      created_at_ns INTEGER NOT NULL,
      membership_state INTEGER NOT NULL,
      conversation_type INTEGER NOT NULL,
      dm_id TEXT,
      added_by_inbox_id TEXT NOT NULL,
      welcome_sequence_id INTEGER,
      rotated_at_ns INTEGER NOT NULL DEFAULT 0,
      installations_last_checked_ns INTEGER NOT NULL DEFAULT 0,
      last_message_ns INTEGER,
      mls_state BLOB NOT NULL,
      mls_epoch INTEGER NOT NULL,
      is_active INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX groups_dm_id ON groups (dm_id) WHERE dm_id IS NOT NULL;`,
  },
  {
    version: 4,
    name: "group_messages",
    sql: `CREATE TABLE group_messages (
      id BLOB PRIMARY KEY,
      group_id BLOB NOT NULL REFERENCES groups (id),
      decrypted_message_bytes BLOB NOT NULL,
      sent_at_ns INTEGER NOT NULL,
      kind INTEGER NOT NULL,
      sender_installation_id BLOB NOT NULL,
      sender_inbox_id TEXT NOT NULL,
      delivery_status INTEGER NOT NULL,
      content_type INTEGER NOT NULL,
      version_major INTEGER NOT NULL,
      version_minor INTEGER NOT NULL,
      authority_id TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      sequence_id INTEGER,
      should_push INTEGER NOT NULL,
      inserted_at_ns INTEGER NOT NULL
    );
    CREATE INDEX group_messages_by_time ON group_messages (group_id, sent_at_ns);
    CREATE INDEX group_messages_by_cursor ON group_messages (group_id, sequence_id);`,
  },
  {
    version: 5,
    name: "group_intents",
    sql: `CREATE TABLE group_intents (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind INTEGER NOT NULL,
      group_id BLOB NOT NULL REFERENCES groups (id),
      data BLOB NOT NULL,
      state INTEGER NOT NULL,
      should_push INTEGER NOT NULL,
      publish_attempts INTEGER NOT NULL DEFAULT 0,
      payload_hash BLOB UNIQUE,
      published_payload BLOB,
      published_in_epoch INTEGER,
      staged_state BLOB,
      commit_summary BLOB,
      post_commit_data BLOB,
      sequence_id INTEGER,
      message_id BLOB,
      error TEXT
    );
    CREATE INDEX group_intents_by_state ON group_intents (group_id, state);`,
  },
  {
    version: 6,
    name: "identity_updates",
    sql: `CREATE TABLE identity_updates (
      inbox_id TEXT NOT NULL,
      sequence_id INTEGER NOT NULL,
      server_timestamp_ns INTEGER NOT NULL,
      payload BLOB NOT NULL,
      PRIMARY KEY (inbox_id, sequence_id)
    )`,
  },
  {
    version: 7,
    name: "consent_records",
    sql: `CREATE TABLE consent_records (
      entity_type INTEGER NOT NULL,
      entity TEXT NOT NULL,
      state INTEGER NOT NULL,
      consented_at_ns INTEGER NOT NULL,
      PRIMARY KEY (entity_type, entity)
    )`,
  },
  {
    version: 8,
    name: "refresh_state",
    // Sync cursors: the last network id processed per (topic, kind); they only move forward.
    sql: `CREATE TABLE refresh_state (
      entity_id BLOB NOT NULL,
      entity_kind INTEGER NOT NULL,
      sequence_id INTEGER NOT NULL,
      PRIMARY KEY (entity_id, entity_kind)
    )`,
  },
  {
    version: 9,
    name: "message_relations_and_deletions",
    // reference_id: the message a reaction, reply or delete points at (libxmtp's column of the same
    // name), so enriched lists find a page's reactions, replies and deletions by index. Rows stored
    // before this migration have none: their reactions and replies are not attached.
    // message_deletions: libxmtp's table (2025-12-01 delete_message); a record goes with the
    // DeleteMessage row that made it, while the deleted message itself is kept.
    sql: `ALTER TABLE group_messages ADD COLUMN reference_id BLOB;
    CREATE INDEX group_messages_by_reference ON group_messages (reference_id, content_type) WHERE reference_id IS NOT NULL;
    CREATE INDEX group_messages_by_type ON group_messages (group_id, content_type, sent_at_ns);
    CREATE INDEX group_messages_by_insertion ON group_messages (group_id, inserted_at_ns);
    CREATE TABLE message_deletions (
      id BLOB PRIMARY KEY REFERENCES group_messages (id) ON DELETE CASCADE,
      group_id BLOB NOT NULL,
      deleted_message_id BLOB NOT NULL,
      deleted_by_inbox_id TEXT NOT NULL,
      is_super_admin_deletion INTEGER NOT NULL,
      deleted_at_ns INTEGER NOT NULL
    );
    CREATE INDEX message_deletions_by_target ON message_deletions (deleted_message_id);`,
  },
  {
    version: 10,
    name: "key_package_rotation",
    // libxmtp's key_package_history.delete_at_ns and identity.next_key_package_rotation_ns: when a
    // replaced key package's private keys go, and when the published one is replaced. An
    // installation registered before this migration has no next rotation, so (as in libxmtp, where
    // NULL means due) it rotates at its first maintenance pass and its old key packages get a
    // deletion time then.
    sql: `ALTER TABLE key_packages ADD COLUMN delete_at_ns INTEGER;
    CREATE INDEX key_packages_by_delete_at ON key_packages (delete_at_ns) WHERE delete_at_ns IS NOT NULL;
    CREATE TABLE key_package_rotation (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 0),
      next_rotation_ns INTEGER,
      rotation_requested INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO key_package_rotation (singleton) VALUES (0);`,
  },
  {
    version: 11,
    name: "pending_remove",
    // libxmtp's pending_remove table: who asked to leave each group (LeaveRequest messages),
    // until a commit removes them.
    sql: `CREATE TABLE pending_remove (
      group_id BLOB NOT NULL,
      inbox_id TEXT NOT NULL,
      message_id BLOB NOT NULL,
      PRIMARY KEY (group_id, inbox_id)
    )`,
  },
  {
    version: 12,
    name: "association_state",
    // libxmtp's association_state cache: an inbox's verified AssociationState (the protobuf) after
    // the update with sequence_id, so resolving it again verifies only the updates after that.
    sql: `CREATE TABLE association_state (
      inbox_id TEXT NOT NULL,
      sequence_id INTEGER NOT NULL,
      state BLOB NOT NULL,
      PRIMARY KEY (inbox_id, sequence_id)
    )`,
  },
  {
    version: 13,
    name: "message_expiry",
    // libxmtp's group_messages.expire_at_ns (2025-07-17 add_delete_at_ns_to_group_messages) and its
    // partial index (2026-02-05 add_missing_indexes): when a disappearing message is hidden and
    // deleted. Rows stored before this migration have none, as in libxmtp, so they never expire.
    sql: `ALTER TABLE group_messages ADD COLUMN expire_at_ns INTEGER;
    CREATE INDEX group_messages_by_expiry ON group_messages (expire_at_ns) WHERE expire_at_ns IS NOT NULL;`,
  },
  {
    version: 14,
    name: "group_paused_versions",
    // libxmtp's groups.paused_for_version (2025-04 add_paused_for_version_to_groups), as a table of
    // its own: the protocol version each paused group waits for (META-08).
    sql: `CREATE TABLE group_paused_versions (
      group_id BLOB PRIMARY KEY,
      min_version TEXT NOT NULL
    )`,
  },
  {
    version: 15,
    name: "last_message_trigger",
    // libxmtp's msg_inserted trigger (2025-03-17 update_dm_trigger): every stored message, of any
    // kind, moves its group's last_message_ns forward (LIST-05); it drives DM dedup and find_groups.
    sql: `CREATE TRIGGER group_messages_last_message AFTER INSERT ON group_messages FOR EACH ROW BEGIN
      UPDATE groups SET last_message_ns = NEW.sent_at_ns
      WHERE id = NEW.group_id AND (last_message_ns IS NULL OR NEW.sent_at_ns > last_message_ns);
    END;`,
  },
  {
    version: 16,
    name: "invites",
    // Parley's invite links (not in libxmtp): invites handed out, join requests received for them,
    // and requests sent for other people's links. See storage/invites.ts.
    sql: `CREATE TABLE invites (
      invite_id TEXT PRIMARY KEY,
      group_id TEXT NOT NULL,
      created_at_ns INTEGER NOT NULL,
      expires_at_ns INTEGER,
      require_approval INTEGER NOT NULL,
      revoked_at_ns INTEGER
    );
    CREATE INDEX invites_by_group ON invites (group_id);
    CREATE TABLE join_requests (
      request_id BLOB PRIMARY KEY,
      dm_id BLOB NOT NULL,
      requester_inbox_id TEXT NOT NULL,
      token TEXT NOT NULL,
      note TEXT,
      state TEXT NOT NULL,
      group_id TEXT,
      reason TEXT,
      received_at_ns INTEGER NOT NULL,
      decided_at_ns INTEGER
    );
    CREATE INDEX join_requests_by_state ON join_requests (state);
    CREATE TABLE outgoing_join_requests (
      request_id BLOB PRIMARY KEY,
      group_id TEXT NOT NULL,
      inviter_inbox_id TEXT NOT NULL,
      dm_id BLOB NOT NULL,
      sent_at_ns INTEGER NOT NULL,
      outcome TEXT,
      reason TEXT,
      answered_at_ns INTEGER
    );`,
  },
  {
    version: 17,
    name: "group_fork_signals",
    // libxmtp's groups.maybe_forked / fork_details (2025-08 add_fork_detection columns), as a table of
    // its own: why an ordered sync thinks the group forked (INTENT-08).
    sql: `CREATE TABLE group_fork_signals (
      group_id BLOB PRIMARY KEY,
      details TEXT NOT NULL
    )`,
  },
]
