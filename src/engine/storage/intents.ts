// The group_intents table: outgoing work is a row here before it is a network call (libxmtp
// db/group_intent.rs, same kind and state integers), so a crash leaves it to publish again or to
// be resolved when it is read back from the group.
import type Database from "better-sqlite3-multiple-ciphers"
import { bytes, optionalBig, optionalBytes, optionalText, small, type Row } from "./rows"

export const IntentKind = { SendMessage: 1, KeyUpdate: 2, MetadataUpdate: 3, UpdateGroupMembership: 4, UpdateAdminList: 5, UpdatePermission: 6 } as const
export type IntentKind = (typeof IntentKind)[keyof typeof IntentKind]

export const IntentState = { ToPublish: 1, Published: 2, Committed: 3, Error: 4, Processed: 5, Superseded: 6 } as const
export type IntentState = (typeof IntentState)[keyof typeof IntentState]

const KNOWN_KINDS: readonly number[] = Object.values(IntentKind)

export interface StoredIntent {
  id: number
  kind: IntentKind
  groupId: Uint8Array
  data: Uint8Array
  state: IntentState
  shouldPush: boolean
  publishAttempts: number
  /** sha256 of the published payload: how the sender recognises its own envelope. */
  payloadHash?: Uint8Array
  /** The bytes sent, kept so a crash between saving and sending can resend them unchanged. */
  publishedPayload?: Uint8Array
  publishedInEpoch?: bigint
  /** For a commit: the encoded MLS state the group moves to when the commit is read back. */
  stagedState?: Uint8Array
  /** For a commit: what it changes, as validated before it was sent (for the transcript). */
  commitSummary?: Uint8Array
  /** For a commit: what to do once it is merged (send welcomes). */
  postCommitData?: Uint8Array
  /** The network id the intent's envelope was read back with. */
  sequenceId?: bigint
  /** For a SendMessage intent: the id of the stored message it publishes. */
  messageId?: Uint8Array
  error?: string
}

export interface PublishedIntentUpdate {
  payloadHash: Uint8Array
  publishedPayload: Uint8Array
  publishedInEpoch: bigint
  stagedState?: Uint8Array
  commitSummary?: Uint8Array
  postCommitData?: Uint8Array
}

export class IntentTable {
  constructor(private readonly db: Database.Database) {}

  insert(intent: { kind: IntentKind; groupId: Uint8Array; data: Uint8Array; shouldPush: boolean; messageId?: Uint8Array }): number {
    const result = this.db
      .prepare("INSERT INTO group_intents (kind, group_id, data, state, should_push, message_id) VALUES (?, ?, ?, ?, ?, ?)")
      .run(intent.kind, intent.groupId, intent.data, IntentState.ToPublish, intent.shouldPush ? 1 : 0, intent.messageId ?? null)
    return Number(result.lastInsertRowid)
  }

  find(id: number): StoredIntent | undefined {
    const row = this.db.prepare("SELECT * FROM group_intents WHERE id = ?").get(id) as Row | undefined
    return row && fromRow(row)
  }

  /** In insertion order; rows of kinds this build does not know are left out (DB-04). */
  listByState(groupId: Uint8Array, states: readonly IntentState[]): StoredIntent[] {
    const rows = this.db
      .prepare(`SELECT * FROM group_intents WHERE group_id = ? AND state IN (${states.map(() => "?").join(", ")}) ORDER BY id`)
      .all(groupId, ...states) as Row[]
    return rows.filter((row) => KNOWN_KINDS.includes(small(row.kind))).map(fromRow)
  }

  findByPayloadHash(payloadHash: Uint8Array): StoredIntent | undefined {
    const row = this.db.prepare("SELECT * FROM group_intents WHERE payload_hash = ?").get(payloadHash) as Row | undefined
    return row && fromRow(row)
  }

  setPublished(id: number, update: PublishedIntentUpdate): void {
    this.db
      .prepare(
        `UPDATE group_intents SET state = ?, payload_hash = ?, published_payload = ?, published_in_epoch = ?, staged_state = ?,
           commit_summary = ?, post_commit_data = ? WHERE id = ?`,
      )
      .run(
        IntentState.Published,
        update.payloadHash,
        update.publishedPayload,
        update.publishedInEpoch,
        update.stagedState ?? null,
        update.commitSummary ?? null,
        update.postCommitData ?? null,
        id,
      )
  }

  /**
   * Back to the queue: the next publish builds a new payload in the current epoch. Only a Published
   * intent goes back (libxmtp set_group_intent_to_publish); for any other this does nothing.
   */
  setToPublish(id: number): void {
    this.db
      .prepare(
        `UPDATE group_intents SET state = ?, payload_hash = NULL, published_payload = NULL, published_in_epoch = NULL,
           staged_state = NULL, commit_summary = NULL, post_commit_data = NULL WHERE id = ? AND state = ?`,
      )
      .run(IntentState.ToPublish, id, IntentState.Published)
  }

  /** Abandoned for good, without an error: what a guarded change expected no longer holds (META-03). */
  setSuperseded(id: number): void {
    this.db.prepare("UPDATE group_intents SET state = ?, staged_state = NULL WHERE id = ?").run(IntentState.Superseded, id)
  }

  incrementPublishAttempts(id: number): void {
    this.db.prepare("UPDATE group_intents SET publish_attempts = publish_attempts + 1 WHERE id = ?").run(id)
  }

  setCommitted(id: number, sequenceId: bigint): void {
    this.db
      .prepare("UPDATE group_intents SET state = ?, sequence_id = ?, staged_state = NULL WHERE id = ?")
      .run(IntentState.Committed, sequenceId, id)
  }

  setProcessed(id: number): void {
    this.db.prepare("UPDATE group_intents SET state = ?, post_commit_data = NULL WHERE id = ?").run(IntentState.Processed, id)
  }

  setError(id: number, error: string): void {
    this.db.prepare("UPDATE group_intents SET state = ?, error = ?, staged_state = NULL WHERE id = ?").run(IntentState.Error, error, id)
  }
}

function fromRow(row: Row): StoredIntent {
  const optional = {
    payloadHash: optionalBytes(row.payload_hash),
    publishedPayload: optionalBytes(row.published_payload),
    publishedInEpoch: optionalBig(row.published_in_epoch),
    stagedState: optionalBytes(row.staged_state),
    commitSummary: optionalBytes(row.commit_summary),
    postCommitData: optionalBytes(row.post_commit_data),
    sequenceId: optionalBig(row.sequence_id),
    messageId: optionalBytes(row.message_id),
    error: optionalText(row.error),
  }
  return {
    id: small(row.id),
    kind: small(row.kind) as IntentKind,
    groupId: bytes(row.group_id),
    data: bytes(row.data),
    state: small(row.state) as IntentState,
    shouldPush: small(row.should_push) === 1,
    publishAttempts: small(row.publish_attempts),
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  } as StoredIntent
}
