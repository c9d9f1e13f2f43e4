// What the Postgres table modules share: something to run a query on (the pool, or the client of
// an open transaction), the transaction wrapper, and the conversion of BIGINT columns, which pg
// returns as decimal strings so no 64-bit value loses precision.
import type { Pool, PoolClient, QueryResult, QueryResultRow } from "pg"

export interface Queryable {
  query<Row extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<Row>>
}

/** A BIGINT column as pg returns it. */
export type Int8 = string

export const int8 = (value: Int8): bigint => BigInt(value)

/** Runs `work` in one transaction on one pooled connection; commits if it resolves, else rolls back. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    return await transactionOn(client, work, (error) => (broken = error))
  } finally {
    // A connection that could not roll back is dropped, not returned to the pool.
    client.release(broken)
  }
}

/** Runs `work` in one transaction on `client`; `onBroken` hears of a failed rollback. */
export async function transactionOn<T>(
  client: PoolClient,
  work: (client: PoolClient) => Promise<T>,
  onBroken: (error: Error) => void = () => undefined,
): Promise<T> {
  await client.query("BEGIN")
  try {
    const result = await work(client)
    await client.query("COMMIT")
    return result
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: unknown) => {
      onBroken(rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)))
    })
    throw error
  }
}

/** Lowercase hex of bytes, the key by which answers are matched to requests. */
export const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex")
