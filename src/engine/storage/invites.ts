// Invite links (Parley's own, not libxmtp's): the invites this installation handed out, the join
// requests it received for them, and the ones it sent for other people's links. Invite ids and
// group ids are hex TEXT (they are what tokens and the API carry); request ids are message ids.
import type Database from "better-sqlite3-multiple-ciphers"
import { big, bytes, optionalBig, optionalText, small, text, type Row } from "./rows"

export interface StoredInvite {
  inviteId: string
  groupId: string
  createdAtNs: bigint
  expiresAtNs?: bigint
  requireApproval: boolean
  revokedAtNs?: bigint
}

/** What became of a join request: received (not yet looked at), pending (awaiting approval), added, declined, invalid, or ignored (another installation's invite). */
export const JOIN_REQUEST_STATES = ["received", "pending", "approved", "added", "declined", "invalid", "ignored"] as const
export type JoinRequestState = (typeof JOIN_REQUEST_STATES)[number]

export interface StoredJoinRequest {
  /** The request message's id. */
  requestId: Uint8Array
  /** The DM it came in. */
  dmId: Uint8Array
  requesterInboxId: string
  /** The token as sent (validated when processed, not on receipt). */
  token: string
  note?: string
  state: JoinRequestState
  /** The group, once the token was read. */
  groupId?: string
  reason?: string
  receivedAtNs: bigint
  decidedAtNs?: bigint
}

export interface StoredOutgoingJoinRequest {
  requestId: Uint8Array
  groupId: string
  inviterInboxId: string
  dmId: Uint8Array
  sentAtNs: bigint
  outcome?: string
  reason?: string
  answeredAtNs?: bigint
}

export class InviteTable {
  constructor(private readonly db: Database.Database) {}

  insertInvite(invite: StoredInvite): void {
    this.db
      .prepare("INSERT INTO invites (invite_id, group_id, created_at_ns, expires_at_ns, require_approval) VALUES (?, ?, ?, ?, ?)")
      .run(invite.inviteId, invite.groupId, invite.createdAtNs, invite.expiresAtNs ?? null, invite.requireApproval ? 1 : 0)
  }

  findInvite(inviteId: string): StoredInvite | undefined {
    const row = this.db.prepare("SELECT * FROM invites WHERE invite_id = ?").get(inviteId) as Row | undefined
    return row && inviteFromRow(row)
  }

  /** The group's invites that are not revoked, newest first (expired ones included: the UI says so). */
  listInvites(groupId: string): StoredInvite[] {
    return (this.db.prepare("SELECT * FROM invites WHERE group_id = ? AND revoked_at_ns IS NULL ORDER BY created_at_ns DESC, rowid DESC").all(groupId) as Row[]).map(inviteFromRow)
  }

  /** True when the invite existed and was not revoked yet. */
  revokeInvite(inviteId: string, atNs: bigint): boolean {
    return this.db.prepare("UPDATE invites SET revoked_at_ns = ? WHERE invite_id = ? AND revoked_at_ns IS NULL").run(atNs, inviteId).changes > 0
  }

  /** Idempotent: a request seen again (a re-sync) keeps its first row. */
  insertJoinRequest(request: Omit<StoredJoinRequest, "state" | "decidedAtNs" | "reason" | "groupId">): boolean {
    return (
      this.db
        .prepare("INSERT OR IGNORE INTO join_requests (request_id, dm_id, requester_inbox_id, token, note, state, received_at_ns) VALUES (?, ?, ?, ?, ?, 'received', ?)")
        .run(request.requestId, request.dmId, request.requesterInboxId, request.token, request.note ?? null, request.receivedAtNs).changes > 0
    )
  }

  findJoinRequest(requestId: Uint8Array): StoredJoinRequest | undefined {
    const row = this.db.prepare("SELECT * FROM join_requests WHERE request_id = ?").get(requestId) as Row | undefined
    return row && joinRequestFromRow(row)
  }

  joinRequestsIn(states: readonly JoinRequestState[]): StoredJoinRequest[] {
    const marks = states.map(() => "?").join(", ")
    return (this.db.prepare(`SELECT * FROM join_requests WHERE state IN (${marks}) ORDER BY received_at_ns, rowid`).all(...states) as Row[]).map(joinRequestFromRow)
  }

  /** Moves a request on; `from` guards against deciding one twice. True when it moved. */
  setJoinRequestState(requestId: Uint8Array, from: readonly JoinRequestState[], to: JoinRequestState, details: { groupId?: string; reason?: string; atNs: bigint }): boolean {
    const marks = from.map(() => "?").join(", ")
    return (
      this.db
        .prepare(`UPDATE join_requests SET state = ?, group_id = COALESCE(?, group_id), reason = ?, decided_at_ns = ? WHERE request_id = ? AND state IN (${marks})`)
        .run(to, details.groupId ?? null, details.reason ?? null, details.atNs, requestId, ...from).changes > 0
    )
  }

  insertOutgoing(request: Omit<StoredOutgoingJoinRequest, "outcome" | "reason" | "answeredAtNs">): void {
    this.db
      .prepare("INSERT OR IGNORE INTO outgoing_join_requests (request_id, group_id, inviter_inbox_id, dm_id, sent_at_ns) VALUES (?, ?, ?, ?, ?)")
      .run(request.requestId, request.groupId, request.inviterInboxId, request.dmId, request.sentAtNs)
  }

  /** Records the inviter's answer; only the first answer from the inviter counts. */
  answerOutgoing(requestId: Uint8Array, fromInboxId: string, outcome: string, reason: string | undefined, atNs: bigint): boolean {
    return (
      this.db
        .prepare("UPDATE outgoing_join_requests SET outcome = ?, reason = ?, answered_at_ns = ? WHERE request_id = ? AND inviter_inbox_id = ? AND outcome IS NULL")
        .run(outcome, reason ?? null, atNs, requestId, fromInboxId).changes > 0
    )
  }

  listOutgoing(): StoredOutgoingJoinRequest[] {
    return (this.db.prepare("SELECT * FROM outgoing_join_requests ORDER BY sent_at_ns DESC, rowid DESC").all() as Row[]).map((row) => ({
      requestId: bytes(row.request_id),
      groupId: text(row.group_id),
      inviterInboxId: text(row.inviter_inbox_id),
      dmId: bytes(row.dm_id),
      sentAtNs: big(row.sent_at_ns),
      ...optional("outcome", optionalText(row.outcome)),
      ...optional("reason", optionalText(row.reason)),
      ...optional("answeredAtNs", optionalBig(row.answered_at_ns)),
    }))
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}

function inviteFromRow(row: Row): StoredInvite {
  return {
    inviteId: text(row.invite_id),
    groupId: text(row.group_id),
    createdAtNs: big(row.created_at_ns),
    requireApproval: small(row.require_approval) === 1,
    ...optional("expiresAtNs", optionalBig(row.expires_at_ns)),
    ...optional("revokedAtNs", optionalBig(row.revoked_at_ns)),
  }
}

function joinRequestFromRow(row: Row): StoredJoinRequest {
  return {
    requestId: bytes(row.request_id),
    dmId: bytes(row.dm_id),
    requesterInboxId: text(row.requester_inbox_id),
    token: text(row.token),
    state: text(row.state) as JoinRequestState,
    receivedAtNs: big(row.received_at_ns),
    ...optional("note", optionalText(row.note)),
    ...optional("groupId", optionalText(row.group_id)),
    ...optional("reason", optionalText(row.reason)),
    ...optional("decidedAtNs", optionalBig(row.decided_at_ns)),
  }
}
