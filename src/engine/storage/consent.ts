// The consent_records table (libxmtp db/consent_record.rs): whether the user allowed or denied a
// conversation or an inbox. No record means Unknown.
import type Database from "better-sqlite3-multiple-ciphers"
import { big, small, text, type Row } from "./rows"

/** libxmtp's ConsentType integers. */
export const ConsentEntityType = { ConversationId: 1, InboxId: 2 } as const
export type ConsentEntityType = (typeof ConsentEntityType)[keyof typeof ConsentEntityType]

/** libxmtp's ConsentState integers. */
export const StoredConsentState = { Unknown: 0, Allowed: 1, Denied: 2 } as const
export type StoredConsentState = (typeof StoredConsentState)[keyof typeof StoredConsentState]

export interface ConsentRecord {
  entityType: ConsentEntityType
  entity: string
  state: StoredConsentState
  consentedAtNs: bigint
}

export class ConsentTable {
  constructor(private readonly db: Database.Database) {}

  /**
   * Upserts the record (libxmtp insert_or_replace_consent_records): a new record takes `atNs`; an
   * existing one changes its state only and keeps its consented_at_ns. True when the state changed
   * or the record is new (CONSENT-04).
   */
  set(entityType: ConsentEntityType, entity: string, state: StoredConsentState, atNs: bigint): boolean {
    const before = this.find(entityType, entity)
    this.db
      .prepare(
        `INSERT INTO consent_records (entity_type, entity, state, consented_at_ns) VALUES (?, ?, ?, ?)
         ON CONFLICT (entity_type, entity) DO UPDATE SET state = excluded.state`,
      )
      .run(entityType, entity, state, atNs)
    return before?.state !== state
  }

  /**
   * Stores the record unless one exists that is as new or newer, or already holds that state
   * (libxmtp insert_newer_consent_record, CONSENT-05). True when it was stored.
   */
  insertNewer(record: ConsentRecord): boolean {
    const existing = this.find(record.entityType, record.entity)
    if (existing && (existing.state === record.state || existing.consentedAtNs >= record.consentedAtNs)) return false
    this.set(record.entityType, record.entity, record.state, record.consentedAtNs)
    return true
  }

  find(entityType: ConsentEntityType, entity: string): ConsentRecord | undefined {
    const row = this.db.prepare("SELECT * FROM consent_records WHERE entity_type = ? AND entity = ?").get(entityType, entity) as Row | undefined
    return row && fromRow(row)
  }

  /** The conversation records of every group with this dm id, newest first (libxmtp find_consent_by_dm_id). */
  findByDmId(dmId: string): ConsentRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM consent_records WHERE entity_type = ? AND entity IN (SELECT lower(hex(id)) FROM groups WHERE dm_id = ?)
         ORDER BY consented_at_ns DESC`,
      )
      .all(ConsentEntityType.ConversationId, dmId) as Row[]
    return rows.map(fromRow)
  }

  get(entityType: ConsentEntityType, entity: string): StoredConsentState {
    const row = this.db.prepare("SELECT state FROM consent_records WHERE entity_type = ? AND entity = ?").get(entityType, entity) as
      | Row
      | undefined
    return row ? (small(row.state) as StoredConsentState) : StoredConsentState.Unknown
  }
}

function fromRow(row: Row): ConsentRecord {
  return {
    entityType: small(row.entity_type) as ConsentEntityType,
    entity: text(row.entity),
    state: small(row.state) as StoredConsentState,
    consentedAtNs: big(row.consented_at_ns),
  }
}
