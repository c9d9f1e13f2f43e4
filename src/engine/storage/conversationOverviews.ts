// The light reads behind conversation overviews (a list row per conversation): a DM's group ids
// without their MLS states, consent, the newest message's id and a count over the newest messages,
// made in SQL so that no message row is materialised for it. Statements are prepared once per
// shape, since a list makes the same few queries for every conversation.
import type Database from "better-sqlite3-multiple-ciphers"
import { type ConsentEntityType, StoredConsentState } from "./consent"
import { StoredMembershipState } from "./groups"
import { bytes, small, type Row } from "./rows"

export interface RecentMessagesQuery {
  /** Content types that are never listed (the enriched lists' hidden types). */
  excludeContentTypes: readonly number[]
  /** How many of the newest listed messages are looked at. */
  limit: number
  /** Messages that expired by then are hidden, as every message query hides them (QUERY-04). */
  nowNs: bigint
}

/** Which of the looked-at messages to count. */
export interface RecentMessagesFilter {
  sentAfterNs: bigint
  excludeSenderInboxIds: readonly string[]
  contentTypes: readonly number[]
}

export interface RecentMessagesCount {
  matching: number
  /** The matching messages that a deletion record names (to be judged by the caller). */
  withDeletionRecords: Uint8Array[]
}

export class ConversationOverviewTable {
  readonly #statements = new Map<string, Database.Statement>()

  constructor(private readonly db: Database.Database) {}

  /** The DMs with this dm id that lists merge (libxmtp group_id_filter): every one not restored from a backup. */
  dmGroupIds(dmId: string): Uint8Array[] {
    const rows = this.statement("SELECT id FROM groups WHERE dm_id = ? AND membership_state != ?").all(dmId, StoredMembershipState.Restored) as Row[]
    return rows.map((row) => bytes(row.id))
  }

  /** As ConsentTable.get, on a statement prepared once. */
  consentState(entityType: ConsentEntityType, entity: string): StoredConsentState {
    const row = this.statement("SELECT state FROM consent_records WHERE entity_type = ? AND entity = ?").get(entityType, entity) as Row | undefined
    return row ? (small(row.state) as StoredConsentState) : StoredConsentState.Unknown
  }

  /** The id of the newest listed message, ordered exactly as MessageTable.list orders them. */
  newestMessageId(groupIds: readonly Uint8Array[], query: Omit<RecentMessagesQuery, "limit">): Uint8Array | undefined {
    const { sql, params } = recentWindow(groupIds, { ...query, limit: 1 })
    const row = this.statement(`SELECT id FROM (${sql})`).get(...params) as Row | undefined
    return row && bytes(row.id)
  }

  /** How many of the newest `limit` listed messages pass the filter, counted in SQL. */
  countRecent(groupIds: readonly Uint8Array[], query: RecentMessagesQuery, filter: RecentMessagesFilter): RecentMessagesCount {
    const window = recentWindow(groupIds, query)
    const match = `sent_at_ns > ? AND sender_inbox_id NOT IN (${marks(filter.excludeSenderInboxIds)}) AND content_type IN (${marks(filter.contentTypes)})`
    const params = [...window.params, filter.sentAfterNs, ...filter.excludeSenderInboxIds, ...filter.contentTypes]
    const counted = this.statement(`SELECT count(*) AS n FROM (${window.sql}) WHERE ${match}`).get(...params) as Row
    const matching = small(counted.n)
    if (matching === 0) return { matching, withDeletionRecords: [] }
    const named = this.statement(
      `SELECT r.id FROM (${window.sql}) r WHERE ${match} AND EXISTS (SELECT 1 FROM message_deletions d WHERE d.deleted_message_id = r.id)`,
    ).all(...params) as Row[]
    return { matching, withDeletionRecords: named.map((row) => bytes(row.id)) }
  }

  private statement(sql: string): Database.Statement {
    let statement = this.#statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.#statements.set(sql, statement)
    }
    return statement
  }
}

/** The newest `limit` listed messages of these groups, as MessageTable.list selects and orders them. */
function recentWindow(groupIds: readonly Uint8Array[], query: RecentMessagesQuery): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT id, sent_at_ns, sender_inbox_id, content_type FROM group_messages
      WHERE group_id IN (${marks(groupIds)}) AND content_type NOT IN (${marks(query.excludeContentTypes)})
        AND (expire_at_ns IS NULL OR expire_at_ns > ?)
      ORDER BY sent_at_ns DESC, rowid DESC LIMIT ?`,
    params: [...groupIds, ...query.excludeContentTypes, query.nowNs, query.limit],
  }
}

const marks = (values: readonly unknown[]) => values.map(() => "?").join(", ")
