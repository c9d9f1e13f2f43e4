// The node's first Postgres schema: the production node's tables as xmtp-node-go keeps them
// (pkg/migrations/mls): BIGSERIAL ids, BYTEA keys, inbox ids stored as their hex-decoded bytes,
// the address log keyed by address and inbox, the same indexes. Envelope times are TIMESTAMPTZ
// (node-go: TIMESTAMP, which depends on the session time zone) set by the database at insert.
// lock_topics() is node-go's per-topic advisory lock, taken for all of a batch's topics at once.
import type { Migration } from "../../../../engine/storage/migrate"

export const initialSchema: Migration = {
  version: 1,
  name: "initial schema",
  sql: `
    CREATE TABLE group_messages (
      id BIGSERIAL PRIMARY KEY,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      group_id BYTEA NOT NULL,
      data BYTEA NOT NULL,
      group_id_data_hash BYTEA NOT NULL,
      sender_hmac BYTEA,
      should_push BOOLEAN,
      is_commit BOOLEAN
    );
    CREATE INDEX idx_group_messages_group_id_id ON group_messages(group_id, id);
    CREATE UNIQUE INDEX idx_group_messages_group_id_data_hash ON group_messages(group_id_data_hash);

    CREATE TABLE welcome_messages (
      id BIGSERIAL PRIMARY KEY,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      installation_key BYTEA NOT NULL,
      data BYTEA NOT NULL,
      hpke_public_key BYTEA,
      installation_key_data_hash BYTEA NOT NULL,
      wrapper_algorithm SMALLINT NOT NULL DEFAULT 0 CHECK (wrapper_algorithm IN (0, 1, 2)),
      welcome_metadata BYTEA,
      message_type SMALLINT NOT NULL DEFAULT 0 CHECK (message_type IN (0, 1))
    );
    CREATE INDEX idx_welcome_messages_installation_key_id ON welcome_messages(installation_key, id);
    CREATE UNIQUE INDEX idx_welcome_messages_installation_key_data_hash ON welcome_messages(installation_key_data_hash);

    CREATE TABLE installations (
      id BYTEA PRIMARY KEY,
      created_ns BIGINT NOT NULL,
      updated_ns BIGINT NOT NULL,
      key_package BYTEA NOT NULL
    );

    CREATE TABLE inbox_log (
      sequence_id BIGSERIAL PRIMARY KEY,
      inbox_id BYTEA NOT NULL,
      server_timestamp_ns BIGINT NOT NULL,
      identity_update_proto BYTEA NOT NULL
    );
    CREATE INDEX idx_inbox_log_inbox_id_sequence_id ON inbox_log(inbox_id, sequence_id);

    CREATE TABLE address_log (
      address TEXT NOT NULL,
      inbox_id BYTEA NOT NULL,
      association_sequence_id BIGINT,
      revocation_sequence_id BIGINT
    );
    CREATE INDEX idx_address_log_address_inbox_id ON address_log(address, inbox_id);

    CREATE TABLE commit_log (
      id BIGSERIAL PRIMARY KEY,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      group_id BYTEA NOT NULL,
      serialized_entry BYTEA NOT NULL,
      serialized_signature BYTEA NOT NULL
    );
    CREATE INDEX idx_commit_log_group_id_id ON commit_log(group_id, id);

    -- Holds, until the transaction ends, one advisory lock per topic of a namespace. A topic's
    -- writers then commit in the order they took their ids, so a topic's ids never become
    -- visible out of order. Locks are taken sorted, so overlapping batches cannot deadlock.
    CREATE FUNCTION lock_topics(namespace TEXT, topics BYTEA[]) RETURNS VOID LANGUAGE plpgsql AS $$
    DECLARE
      lock_key BIGINT;
    BEGIN
      FOR lock_key IN
        SELECT DISTINCT hashtextextended(namespace || ':' || encode(topic, 'hex'), 0) AS k FROM unnest(topics) AS topic ORDER BY k
      LOOP
        PERFORM pg_advisory_xact_lock(lock_key);
      END LOOP;
    END
    $$;
  `,
}
