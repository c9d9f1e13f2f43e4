// The welcome_messages table on Postgres: wrapped welcomes and welcome pointers, one row per
// recipient installation, with node-go's integer codes for the wrapper algorithm and the kind.
import type { NewWelcomeMessage, PageQuery, StoredWelcomeMessage } from "../nodeStore"
import { storedWelcome, WELCOME_INSERT_COLUMNS, welcomeColumnValues, welcomeKindFromCode, wrapperAlgorithmFromCode } from "../welcomeRows"
import { CREATED_NS } from "./groupMessages"
import { pagedTopicQuery } from "./pagedTopicQuery"
import { int8, type Int8, type Queryable } from "./sql"

const COLUMNS = `id, ${CREATED_NS}, installation_key, data, hpke_public_key, wrapper_algorithm, welcome_metadata, message_type`

interface WelcomeMessageRow {
  id: Int8
  created_ns: Int8
  installation_key: Buffer
  data: Buffer
  hpke_public_key: Buffer | null
  wrapper_algorithm: number
  welcome_metadata: Buffer | null
  message_type: number
}

const fromRow = (row: WelcomeMessageRow): StoredWelcomeMessage => ({
  kind: welcomeKindFromCode(row.message_type),
  id: int8(row.id),
  createdNs: int8(row.created_ns),
  installationKey: row.installation_key,
  data: row.data,
  hpkePublicKey: row.hpke_public_key ?? new Uint8Array(),
  wrapperAlgorithm: wrapperAlgorithmFromCode(row.wrapper_algorithm),
  welcomeMetadata: row.welcome_metadata ?? new Uint8Array(),
})

/** Locks the installations' welcome sequences for this transaction (node-go insert_welcome_message_v4's lock). */
export async function lockInstallations(db: Queryable, installationKeys: Uint8Array[]): Promise<void> {
  await db.query("SELECT lock_topics('welcome_messages', $1::BYTEA[])", [installationKeys])
}

/** Inserts one welcome unless the same bytes were already sent to the installation. Call inside a transaction holding the installation's lock. */
export async function insertWelcomeMessage(db: Queryable, message: NewWelcomeMessage): Promise<StoredWelcomeMessage | undefined> {
  const { rows } = await db.query<{ id: Int8; created_ns: Int8 }>(
    `INSERT INTO welcome_messages (${WELCOME_INSERT_COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (installation_key_data_hash) DO NOTHING
     RETURNING id, ${CREATED_NS}`,
    welcomeColumnValues(message),
  )
  const row = rows[0]
  return row && storedWelcome(message, int8(row.id), int8(row.created_ns))
}

export async function queryWelcomeMessages(db: Queryable, installationKey: Uint8Array, page: PageQuery): Promise<StoredWelcomeMessage[]> {
  const rows = await pagedTopicQuery<WelcomeMessageRow>(
    db,
    { table: "welcome_messages", columns: COLUMNS, topicColumn: "installation_key" },
    installationKey,
    page,
  )
  return rows.map(fromRow)
}

/** The welcomes with these ids, in id order (for envelopes another node process stored). */
export async function welcomeMessagesByIds(db: Queryable, ids: bigint[]): Promise<StoredWelcomeMessage[]> {
  const { rows } = await db.query<WelcomeMessageRow>(`SELECT ${COLUMNS} FROM welcome_messages WHERE id = ANY($1::BIGINT[]) ORDER BY id`, [ids])
  return rows.map(fromRow)
}
