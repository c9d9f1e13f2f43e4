// The refresh_state table: how far each topic has been processed. A cursor only moves forward, and
// moves in the same transaction as whatever it covers was stored (libxmtp db/refresh_state.rs).
// With the v3 API every group message and welcome carries one node-wide id, so one cursor per
// (topic, kind) does what libxmtp's per-originator cursors do.
import type Database from "better-sqlite3-multiple-ciphers"
import { big, type Row } from "./rows"

/** libxmtp's EntityKind integers for the two kinds Parley tracks. */
export const CursorKind = { Welcome: 1, Group: 2 } as const
export type CursorKind = (typeof CursorKind)[keyof typeof CursorKind]

export class CursorTable {
  constructor(private readonly db: Database.Database) {}

  get(entityId: Uint8Array, kind: CursorKind): bigint {
    const row = this.db.prepare("SELECT sequence_id FROM refresh_state WHERE entity_id = ? AND entity_kind = ?").get(entityId, kind) as
      | Row
      | undefined
    return row ? big(row.sequence_id) : 0n
  }

  /** Moves the cursor to `sequenceId` if that is further; returns whether it moved. */
  advance(entityId: Uint8Array, kind: CursorKind, sequenceId: bigint): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO refresh_state (entity_id, entity_kind, sequence_id) VALUES (?, ?, ?)
         ON CONFLICT (entity_id, entity_kind) DO UPDATE SET sequence_id = excluded.sequence_id
         WHERE excluded.sequence_id > refresh_state.sequence_id`,
      )
      .run(entityId, kind, sequenceId)
    return result.changes > 0
  }
}
