// The Postgres schema runner: the version lives in parley_schema_version, a reopened database is
// not migrated again, and a database migrated by a newer build is refused rather than misread.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import pg from "pg"
import { NodeStartError, startNode } from "../../../../../src/server/node"
import { testDatabase, type TestDatabase } from "../../support/databases"

let db: TestDatabase
let url: string

beforeAll(async () => {
  db = await testDatabase("postgres")
  if (db.database.kind !== "postgres") throw new Error("not a postgres database")
  url = db.database.url
})
afterAll(() => db?.remove())

async function sql<Row extends pg.QueryResultRow>(text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<Row>(text)).rows
  } finally {
    await client.end()
  }
}

describe("Postgres migrations", () => {
  it("record each applied version once, across restarts", async () => {
    for (let start = 0; start < 2; start++) {
      const node = await startNode({ port: 0, database: { kind: "postgres", url }, logLevel: "silent" })
      await node.stop()
    }
    const versions = await sql<{ version: number; name: string }>("SELECT version, name FROM parley_schema_version ORDER BY version")
    expect(versions).toEqual([{ version: 1, name: "initial schema" }])
  })

  it("refuse a schema newer than this build knows", async () => {
    await sql("INSERT INTO parley_schema_version (version, name) VALUES (99, 'from the future')")
    const started = startNode({ port: 0, database: { kind: "postgres", url }, logLevel: "silent" })
    await expect(started).rejects.toBeInstanceOf(NodeStartError)
    await expect(started).rejects.toMatchObject({ code: "StoreFailed", cause: { code: "NewerSchema" } })
  })

  it("refuse a database it cannot reach, naming it without its password", async () => {
    const unreachable = new URL(url)
    unreachable.password = "secret"
    unreachable.port = "1"
    const started = startNode({ port: 0, database: { kind: "postgres", url: unreachable.toString() }, logLevel: "silent" })
    await expect(started).rejects.toMatchObject({ code: "StoreFailed" })
    await expect(started).rejects.toThrow(/postgres postgres:\/\/parley:\*\*\*@127\.0\.0\.1:1\//)
  })
})
