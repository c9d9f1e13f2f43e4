// The two conversation queries of libxmtp (db/conversation_list.rs fetch_conversation_list and
// db/group.rs find_groups) over the groups, group_messages and consent_records tables. They share
// their filters (GroupQueryArgs) and differ in ordering and in what "last activity" means: the list
// view counts only the newest displayable message (LIST-04), find_groups the raw last_message_ns
// that every stored message bumps (LIST-05).
import type Database from "better-sqlite3-multiple-ciphers"
import { ConsentEntityType, StoredConsentState } from "./consent"
import { StoredConversationType, storedGroupFromRow, type StoredGroup, type StoredMembershipState } from "./groups"
import { StoredContentType, StoredMessageKind } from "./messages"
import { optionalBytes, type Row } from "./rows"

/** libxmtp GroupQueryArgs with Parley's stored integers; validated by the caller (LIST-01). */
export interface GroupQuery {
  allowedStates?: readonly StoredMembershipState[]
  createdAfterNs?: bigint
  createdBeforeNs?: bigint
  lastActivityAfterNs?: bigint
  lastActivityBeforeNs?: bigint
  /** As SQLite's LIMIT: 0 returns nothing, a negative number no limit. */
  limit?: number
  conversationType?: StoredConversationType
  /** None or empty means [Allowed, Unknown] (CONSENT-06). */
  consentStates?: readonly StoredConsentState[]
  includeDuplicateDms?: boolean
  orderBy?: "createdAt" | "lastActivity"
}

export interface ListedConversation {
  group: StoredGroup
  /** The newest displayable message (LIST-04), if any. */
  lastMessageId?: Uint8Array
}

/** Content types the list view shows as a conversation's last message (libxmtp conversation_list view). */
const DISPLAYABLE_CONTENT_TYPES = [
  StoredContentType.Unknown,
  StoredContentType.Text,
  StoredContentType.Reaction,
  StoredContentType.Reply,
  StoredContentType.Attachment,
  StoredContentType.RemoteAttachment,
  StoredContentType.TransactionReference,
  StoredContentType.WalletSendCalls,
]

/** Sync and Oneshot groups are never conversations; Parley stores none, so include_sync_groups has nothing to add. */
const VIRTUAL_TYPES = [StoredConversationType.Sync, StoredConversationType.Oneshot]

const LAST_MESSAGE_JOIN = `LEFT JOIN group_messages lm ON lm.id = (
    SELECT m.id FROM group_messages m
    WHERE m.group_id = g.id AND m.kind = ${StoredMessageKind.Application}
      AND m.content_type IN (${DISPLAYABLE_CONTENT_TYPES.join(", ")})
    ORDER BY m.sent_at_ns DESC, m.rowid DESC LIMIT 1)`

export class ConversationListTable {
  constructor(private readonly db: Database.Database) {}

  /**
   * list_conversations: newest activity first by default (LIST-03), where activity is the newest
   * displayable message's sent time, else the creation time; CreatedAt is newest first.
   */
  listConversations(query: GroupQuery): ListedConversation[] {
    const activity = "COALESCE(lm.sent_at_ns, g.created_at_ns)"
    const order = query.orderBy === "createdAt" ? "g.created_at_ns DESC, g.rowid DESC" : `${activity} DESC, g.rowid DESC`
    const { where, params } = filters(query, activity)
    const rows = this.db
      .prepare(`SELECT g.*, lm.id AS last_message_id FROM groups g ${LAST_MESSAGE_JOIN} ${consentJoin} WHERE ${where} ORDER BY ${order}${limitClause(query, params)}`)
      .all(...params) as Row[]
    return rows.map((row) => {
      const lastMessageId = optionalBytes(row.last_message_id)
      return { group: storedGroupFromRow(row), ...(lastMessageId ? { lastMessageId } : {}) }
    })
  }

  /** find_groups: oldest first by default (LIST-02); LastActivity orders by the raw last_message_ns, newest first. */
  findGroups(query: GroupQuery): StoredGroup[] {
    const activity = "COALESCE(g.last_message_ns, g.created_at_ns)"
    const order = query.orderBy === "lastActivity" ? `${activity} DESC, g.rowid DESC` : "g.created_at_ns ASC, g.rowid ASC"
    const { where, params } = filters(query, activity)
    const rows = this.db.prepare(`SELECT g.* FROM groups g ${consentJoin} WHERE ${where} ORDER BY ${order}${limitClause(query, params)}`).all(...params) as Row[]
    return rows.map(storedGroupFromRow)
  }
}

const consentJoin = `LEFT JOIN consent_records c ON c.entity_type = ${ConsentEntityType.ConversationId} AND c.entity = lower(hex(g.id))`

function filters(query: GroupQuery, activity: string): { where: string; params: unknown[] } {
  const clauses = [`g.conversation_type NOT IN (${VIRTUAL_TYPES.join(", ")})`]
  const params: unknown[] = []
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause)
    params.push(...values)
  }
  if (!query.includeDuplicateDms) {
    // Of the DMs with the same members only the most recently active is listed (ties: the larger id).
    // Only DMs have duplicates; matching on dm_id alone lets the dm_id index answer.
    add(`(g.dm_id IS NULL OR NOT EXISTS (SELECT 1 FROM groups g2 WHERE g2.dm_id = g.dm_id
      AND (COALESCE(g2.last_message_ns, 0) > COALESCE(g.last_message_ns, 0)
        OR (COALESCE(g2.last_message_ns, 0) = COALESCE(g.last_message_ns, 0) AND g2.id > g.id))))`)
  }
  if (query.allowedStates) add(`g.membership_state IN (${marks(query.allowedStates)})`, ...query.allowedStates)
  if (query.lastActivityAfterNs !== undefined) add(`${activity} > ?`, query.lastActivityAfterNs)
  if (query.createdAfterNs !== undefined) add("g.created_at_ns > ?", query.createdAfterNs)
  if (query.lastActivityBeforeNs !== undefined) add(`${activity} < ?`, query.lastActivityBeforeNs)
  if (query.createdBeforeNs !== undefined) add("g.created_at_ns < ?", query.createdBeforeNs)
  if (query.conversationType !== undefined) add("g.conversation_type = ?", query.conversationType)
  const consent = consentClause(query.consentStates)
  if (consent) add(consent.clause, ...consent.params)
  return { where: clauses.join(" AND "), params }
}

/**
 * libxmtp's consent filter (CONSENT-06): no states or none means [Allowed, Unknown]; three states
 * (it counts entries, as libxmtp does) filter nothing; with Unknown, a group without a record
 * passes; without it, only groups whose record holds one of the states.
 */
function consentClause(requested: readonly StoredConsentState[] | undefined): { clause: string; params: unknown[] } | undefined {
  const states = requested && requested.length > 0 ? requested : [StoredConsentState.Allowed, StoredConsentState.Unknown]
  if (states.length === 3) return undefined
  const named = states.filter((state) => state !== StoredConsentState.Unknown)
  const inNamed = named.length > 0 ? `c.state IN (${marks(named)})` : "0"
  if (states.includes(StoredConsentState.Unknown)) {
    return { clause: `(c.state IS NULL OR c.state = ${StoredConsentState.Unknown} OR ${inNamed})`, params: named }
  }
  return { clause: inNamed, params: named }
}

function limitClause(query: GroupQuery, params: unknown[]): string {
  if (query.limit === undefined) return ""
  params.push(query.limit)
  return " LIMIT ?"
}

const marks = (values: readonly unknown[]) => values.map(() => "?").join(", ")
