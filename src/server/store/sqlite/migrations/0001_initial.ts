// The node's first schema: the production node's tables (group_messages, welcome_messages,
// installations, inbox_log, address_log, commit_log_v2) as SQLite sees them. Ids are
// AUTOINCREMENT so they are never reused, like Postgres BIGSERIAL; times are integer nanoseconds.
import type { Migration } from "../../../../engine/storage/migrate"

export const initialSchema: Migration = {
  version: 1,
  name: "initial schema",
  sql: `
    CREATE TABLE group_messages (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      created_ns INTEGER NOT NULL,
      group_id BLOB NOT NULL,
      data BLOB NOT NULL,
      group_id_data_hash BLOB NOT NULL,
      sender_hmac BLOB,
      should_push INTEGER,
      is_commit INTEGER
    );
    CREATE INDEX idx_group_messages_group_id_id ON group_messages(group_id, id);
    CREATE UNIQUE INDEX idx_group_messages_group_id_data_hash ON group_messages(group_id_data_hash);

    CREATE TABLE welcome_messages (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      created_ns INTEGER NOT NULL,
      installation_key BLOB NOT NULL,
      data BLOB NOT NULL,
      hpke_public_key BLOB,
      installation_key_data_hash BLOB NOT NULL,
      wrapper_algorithm INTEGER NOT NULL DEFAULT 0 CHECK (wrapper_algorithm IN (0, 1, 2)),
      welcome_metadata BLOB,
      message_type INTEGER NOT NULL DEFAULT 0 CHECK (message_type IN (0, 1))
    );
    CREATE INDEX idx_welcome_messages_installation_key_id ON welcome_messages(installation_key, id);
    CREATE UNIQUE INDEX idx_welcome_messages_installation_key_data_hash ON welcome_messages(installation_key_data_hash);

    CREATE TABLE installations (
      id BLOB PRIMARY KEY,
      created_ns INTEGER NOT NULL,
      updated_ns INTEGER NOT NULL,
      key_package BLOB NOT NULL
    );

    CREATE TABLE inbox_log (
      sequence_id INTEGER PRIMARY KEY AUTOINCREMENT,
      inbox_id TEXT NOT NULL,
      server_timestamp_ns INTEGER NOT NULL,
      identity_update_proto BLOB NOT NULL
    );
    CREATE INDEX idx_inbox_log_inbox_id_sequence_id ON inbox_log(inbox_id, sequence_id);

    CREATE TABLE address_log (
      address TEXT NOT NULL,
      inbox_id TEXT NOT NULL,
      association_sequence_id INTEGER,
      revocation_sequence_id INTEGER
    );
    CREATE INDEX idx_address_log_address_inbox_id ON address_log(address, inbox_id);

    CREATE TABLE commit_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      created_ns INTEGER NOT NULL,
      group_id BLOB NOT NULL,
      serialized_entry BLOB NOT NULL,
      serialized_signature BLOB NOT NULL
    );
    CREATE INDEX idx_commit_log_group_id_id ON commit_log(group_id, id);
  `,
}
