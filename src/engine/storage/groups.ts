// The groups table: one row per conversation, holding its MLS state (a versioned blob from
// src/engine/mls/stateCodec.ts) beside the facts libxmtp keeps per group (db/group.rs).
import type Database from "better-sqlite3-multiple-ciphers"
import { big, bytes, optionalBig, optionalText, small, text, type Row } from "./rows"

/** libxmtp's GroupMembershipState integers. */
export const StoredMembershipState = { Allowed: 1, Rejected: 2, Pending: 3, Restored: 4, PendingRemove: 5 } as const
export type StoredMembershipState = (typeof StoredMembershipState)[keyof typeof StoredMembershipState]

/** libxmtp's ConversationType integers. */
export const StoredConversationType = { Group: 1, Dm: 2, Sync: 3, Oneshot: 4 } as const
export type StoredConversationType = (typeof StoredConversationType)[keyof typeof StoredConversationType]

export interface StoredGroup {
  id: Uint8Array
  createdAtNs: bigint
  membershipState: StoredMembershipState
  conversationType: StoredConversationType
  dmId?: string
  addedByInboxId: string
  /** The network id of the welcome this group was joined from. */
  welcomeSequenceId?: bigint
  rotatedAtNs: bigint
  installationsLastCheckedNs: bigint
  lastMessageNs?: bigint
  mlsState: Uint8Array
  epoch: bigint
  isActive: boolean
}

export class GroupTable {
  constructor(private readonly db: Database.Database) {}

  insert(group: StoredGroup): void {
    this.db
      .prepare(
        `INSERT INTO groups (id, created_at_ns, membership_state, conversation_type, dm_id, added_by_inbox_id, welcome_sequence_id,
           rotated_at_ns, installations_last_checked_ns, last_message_ns, mls_state, mls_epoch, is_active)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        group.id,
        group.createdAtNs,
        group.membershipState,
        group.conversationType,
        group.dmId ?? null,
        group.addedByInboxId,
        group.welcomeSequenceId ?? null,
        group.rotatedAtNs,
        group.installationsLastCheckedNs,
        group.lastMessageNs ?? null,
        group.mlsState,
        group.epoch,
        group.isActive ? 1 : 0,
      )
  }

  /**
   * A welcome for a group that is already stored (a re-add): the new MLS state and welcome id
   * replace the old ones; the rest of the row stays (libxmtp insert_or_replace_group).
   */
  replaceFromWelcome(id: Uint8Array, welcomeSequenceId: bigint, mlsState: Uint8Array, epoch: bigint): void {
    this.db
      .prepare("UPDATE groups SET welcome_sequence_id = ?, mls_state = ?, mls_epoch = ?, is_active = 1 WHERE id = ?")
      .run(welcomeSequenceId, mlsState, epoch, id)
  }

  find(id: Uint8Array): StoredGroup | undefined {
    const row = this.db.prepare("SELECT * FROM groups WHERE id = ?").get(id) as Row | undefined
    return row && fromRow(row)
  }

  /** Oldest first, as they were created or joined. */
  list(): StoredGroup[] {
    return (this.db.prepare("SELECT * FROM groups ORDER BY created_at_ns, rowid").all() as Row[]).map(fromRow)
  }

  /** DMs with this dm id that are not restored from a backup, most recently active first. */
  findDms(dmId: string): StoredGroup[] {
    const rows = this.db
      .prepare(
        "SELECT * FROM groups WHERE dm_id = ? AND membership_state != ? ORDER BY COALESCE(last_message_ns, 0) DESC, id DESC",
      )
      .all(dmId, StoredMembershipState.Restored) as Row[]
    return rows.map(fromRow)
  }

  updateMlsState(id: Uint8Array, mlsState: Uint8Array, epoch: bigint, isActive: boolean): void {
    this.db.prepare("UPDATE groups SET mls_state = ?, mls_epoch = ?, is_active = ? WHERE id = ?").run(mlsState, epoch, isActive ? 1 : 0, id)
  }

  setMembershipState(id: Uint8Array, state: StoredMembershipState): void {
    this.db.prepare("UPDATE groups SET membership_state = ? WHERE id = ?").run(state, id)
  }

  setRotatedAt(id: Uint8Array, atNs: bigint): void {
    this.db.prepare("UPDATE groups SET rotated_at_ns = ? WHERE id = ?").run(atNs, id)
  }

  setInstallationsChecked(id: Uint8Array, atNs: bigint): void {
    this.db.prepare("UPDATE groups SET installations_last_checked_ns = ? WHERE id = ?").run(atNs, id)
  }

  /** Keeps the latest activity time only. */
  touchLastMessage(id: Uint8Array, atNs: bigint): void {
    this.db
      .prepare("UPDATE groups SET last_message_ns = ? WHERE id = ? AND (last_message_ns IS NULL OR last_message_ns < ?)")
      .run(atNs, id, atNs)
  }
}

function fromRow(row: Row): StoredGroup {
  const dmId = optionalText(row.dm_id)
  const welcomeSequenceId = optionalBig(row.welcome_sequence_id)
  const lastMessageNs = optionalBig(row.last_message_ns)
  return {
    id: bytes(row.id),
    createdAtNs: big(row.created_at_ns),
    membershipState: small(row.membership_state) as StoredMembershipState,
    conversationType: small(row.conversation_type) as StoredConversationType,
    ...(dmId === undefined ? {} : { dmId }),
    addedByInboxId: text(row.added_by_inbox_id),
    ...(welcomeSequenceId === undefined ? {} : { welcomeSequenceId }),
    rotatedAtNs: big(row.rotated_at_ns),
    installationsLastCheckedNs: big(row.installations_last_checked_ns),
    ...(lastMessageNs === undefined ? {} : { lastMessageNs }),
    mlsState: bytes(row.mls_state),
    epoch: big(row.mls_epoch),
    isActive: small(row.is_active) === 1,
  }
}

/** For queries over groups joined with other tables (conversationList.ts). */
export { fromRow as storedGroupFromRow }
