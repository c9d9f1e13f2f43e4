// The group_messages table: every MLS message published to a group, with the flags the node
// derived from it.
import type Database from "better-sqlite3-multiple-ciphers"
import type { NewGroupMessage, PageQuery, StoredGroupMessage } from "../nodeStore"
import { topicPayloadHash } from "../contentHash"
import { pagedTopicQuery, type PagedTopicQuery } from "./pagedTopicQuery"

interface GroupMessageRow {
  id: bigint
  created_ns: bigint
  group_id: Buffer
  data: Buffer
  sender_hmac: Buffer | null
  should_push: bigint | null
  is_commit: bigint | null
}

const fromRow = (row: GroupMessageRow): StoredGroupMessage => ({
  id: row.id,
  createdNs: row.created_ns,
  groupId: row.group_id,
  data: row.data,
  senderHmac: row.sender_hmac ?? new Uint8Array(),
  shouldPush: row.should_push === 1n,
  isCommit: row.is_commit === 1n,
})

export class SqliteGroupMessages {
  private readonly insertStatement: Database.Statement<unknown[], { id: bigint }>
  private readonly newestStatement: Database.Statement<[Uint8Array], GroupMessageRow>
  private readonly paged: PagedTopicQuery<GroupMessageRow>

  constructor(db: Database.Database) {
    this.insertStatement = db.prepare(
      `INSERT INTO group_messages (created_ns, group_id, data, group_id_data_hash, sender_hmac, should_push, is_commit)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (group_id_data_hash) DO NOTHING
       RETURNING id`,
    )
    this.newestStatement = db.prepare("SELECT * FROM group_messages WHERE group_id = ? ORDER BY id DESC LIMIT 1")
    this.paged = pagedTopicQuery<GroupMessageRow>(db, "group_messages", "group_id")
  }

  /** Inserts one message unless the same bytes were already published to the group. Call inside a transaction. */
  insert(message: NewGroupMessage, createdNs: bigint): StoredGroupMessage | undefined {
    const inserted = this.insertStatement.get(
      createdNs,
      message.groupId,
      message.data,
      topicPayloadHash(message.groupId, message.data),
      message.senderHmac,
      message.shouldPush ? 1n : 0n,
      message.isCommit ? 1n : 0n,
    )
    return inserted && { ...message, id: inserted.id, createdNs }
  }

  query(groupId: Uint8Array, page: PageQuery): StoredGroupMessage[] {
    return this.paged(groupId, page).map(fromRow)
  }

  newest(groupId: Uint8Array): StoredGroupMessage | undefined {
    const row = this.newestStatement.get(groupId)
    return row && fromRow(row)
  }
}
