// The welcome_messages table: wrapped welcomes and welcome pointers, one row per recipient
// installation. Wrapper algorithms and kinds are stored as the production node's small integers.
import type Database from "better-sqlite3-multiple-ciphers"
import type { NewWelcomeMessage, PageQuery, StoredWelcomeMessage } from "../nodeStore"
import { storedWelcome, WELCOME_INSERT_COLUMNS, welcomeColumnValues, welcomeKindFromCode, wrapperAlgorithmFromCode } from "../welcomeRows"
import { pagedTopicQuery, type PagedTopicQuery } from "./pagedTopicQuery"

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
    kind: welcomeKindFromCode(Number(row.message_type)),
    id: row.id,
    createdNs: row.created_ns,
    installationKey: row.installation_key,
    data: row.data,
    hpkePublicKey: row.hpke_public_key ?? new Uint8Array(),
    wrapperAlgorithm: wrapperAlgorithmFromCode(Number(row.wrapper_algorithm)),
    welcomeMetadata: row.welcome_metadata ?? new Uint8Array(),
  }
}

export class SqliteWelcomeMessages {
  private readonly insertStatement: Database.Statement<unknown[], { id: bigint }>
  private readonly paged: PagedTopicQuery<WelcomeMessageRow>

  constructor(db: Database.Database) {
    this.insertStatement = db.prepare(
      `INSERT INTO welcome_messages (created_ns, ${WELCOME_INSERT_COLUMNS})
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (installation_key_data_hash) DO NOTHING
       RETURNING id`,
    )
    this.paged = pagedTopicQuery<WelcomeMessageRow>(db, "welcome_messages", "installation_key")
  }

  /** Inserts one welcome unless the same bytes were already sent to the installation. Call inside a transaction. */
  insert(message: NewWelcomeMessage, createdNs: bigint): StoredWelcomeMessage | undefined {
    const inserted = this.insertStatement.get(createdNs, ...welcomeColumnValues(message))
    return inserted && storedWelcome(message, inserted.id, createdNs)
  }

  query(installationKey: Uint8Array, page: PageQuery): StoredWelcomeMessage[] {
    return this.paged(installationKey, page).map(fromRow)
  }
}
