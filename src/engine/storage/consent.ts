// The consent_records table (libxmtp db/consent_record.rs): whether the user allowed or denied a
// conversation or an inbox. No record means Unknown.
import type Database from "better-sqlite3-multiple-ciphers"
import { small, type Row } from "./rows"

/** libxmtp's ConsentType integers. */
export const ConsentEntityType = { ConversationId: 1, InboxId: 2 } as const
export type ConsentEntityType = (typeof ConsentEntityType)[keyof typeof ConsentEntityType]

/** libxmtp's ConsentState integers. */
export const StoredConsentState = { Unknown: 0, Allowed: 1, Denied: 2 } as const
export type StoredConsentState = (typeof StoredConsentState)[keyof typeof StoredConsentState]

export class ConsentTable {
  constructor(private readonly db: Database.Database) {}

  set(entityType: ConsentEntityType, entity: string, state: StoredConsentState, atNs: bigint): void {
    this.db
      .prepare(
        `INSERT INTO consent_records (entity_type, entity, state, consented_at_ns) VALUES (?, ?, ?, ?)
         ON CONFLICT (entity_type, entity) DO UPDATE SET state = excluded.state, consented_at_ns = excluded.consented_at_ns`,
      )
      .run(entityType, entity, state, atNs)
  }

  get(entityType: ConsentEntityType, entity: string): StoredConsentState {
    const row = this.db.prepare("SELECT state FROM consent_records WHERE entity_type = ? AND entity = ?").get(entityType, entity) as
      | Row
      | undefined
    return row ? (small(row.state) as StoredConsentState) : StoredConsentState.Unknown
  }
}
