// The welcome_messages table: wrapped welcomes and welcome pointers, one row per recipient
// installation. Wrapper algorithms are stored as the production node's small integers.
import type Database from "better-sqlite3-multiple-ciphers"
import type { NewWelcomeMessage, PageQuery, StoredWelcomeMessage, StoredWrapperAlgorithm } from "../nodeStore"
import { topicPayloadHash } from "../contentHash"
import { pagedTopicQuery, type PagedTopicQuery } from "./pagedTopicQuery"

// node-go types.WrapperAlgorithm: the row values must never change meaning.
const algorithmCodes: Record<StoredWrapperAlgorithm, bigint> = {
  curve25519: 0n,
  "xwing-mlkem768-draft6": 1n,
  "symmetric-key": 2n,
}
const algorithmFromCode = (code: bigint): StoredWrapperAlgorithm =>
  code === 1n ? "xwing-mlkem768-draft6" : code === 2n ? "symmetric-key" : "curve25519"

const MESSAGE_TYPE_V1 = 0n
const MESSAGE_TYPE_POINTER = 1n

interface WelcomeMessageRow {
  id: bigint
  created_ns: bigint
  installation_key: Buffer
  data: Buffer
  hpke_public_key: Buffer | null
  wrapper_algorithm: bigint
  welcome_metadata: Buffer | null
  message_type: bigint
}

function fromRow(row: WelcomeMessageRow): StoredWelcomeMessage {
  return {
    kind: row.message_type === MESSAGE_TYPE_POINTER ? "pointer" : "v1",
    id: row.id,
    createdNs: row.created_ns,
    installationKey: row.installation_key,
    data: row.data,
    hpkePublicKey: row.hpke_public_key ?? new Uint8Array(),
    wrapperAlgorithm: algorithmFromCode(row.wrapper_algorithm),
    welcomeMetadata: row.welcome_metadata ?? new Uint8Array(),
  }
}

export class SqliteWelcomeMessages {
  private readonly insertStatement: Database.Statement<unknown[], { id: bigint }>
  private readonly paged: PagedTopicQuery<WelcomeMessageRow>

  constructor(db: Database.Database) {
    this.insertStatement = db.prepare(
      `INSERT INTO welcome_messages
         (created_ns, installation_key, data, hpke_public_key, installation_key_data_hash, wrapper_algorithm, welcome_metadata, message_type)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (installation_key_data_hash) DO NOTHING
       RETURNING id`,
    )
    this.paged = pagedTopicQuery<WelcomeMessageRow>(db, "welcome_messages", "installation_key")
  }

  /** Inserts one welcome unless the same bytes were already sent to the installation. Call inside a transaction. */
  insert(message: NewWelcomeMessage, createdNs: bigint): StoredWelcomeMessage | undefined {
    const pointer = message.kind === "pointer"
    const inserted = this.insertStatement.get(
      createdNs,
      message.installationKey,
      message.data,
      message.hpkePublicKey,
      topicPayloadHash(message.installationKey, message.data),
      algorithmCodes[message.wrapperAlgorithm],
      // Pointers carry no metadata in the production schema.
      pointer ? null : message.welcomeMetadata,
      pointer ? MESSAGE_TYPE_POINTER : MESSAGE_TYPE_V1,
    )
    if (!inserted) return undefined
    return { ...message, welcomeMetadata: pointer ? new Uint8Array() : message.welcomeMetadata, id: inserted.id, createdNs }
  }

  query(installationKey: Uint8Array, page: PageQuery): StoredWelcomeMessage[] {
    return this.paged(installationKey, page).map(fromRow)
  }
}
