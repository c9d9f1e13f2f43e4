// The databases the node's storage suites run on, each test database fresh and private to its
// suite: SQLite, a file in a temp dir; PostgreSQL, a new database on the test server.
import { afterAll, beforeAll } from "vitest"
import type { NodeDatabase } from "../../../../src/server/node"
import { testDir } from "./fixtures"
import { createDatabase } from "./postgresCluster"
import { postgresServerUrl } from "./postgresServer"

export const BACKENDS = ["sqlite", "postgres"] as const
export type Backend = (typeof BACKENDS)[number]

export interface TestDatabase {
  database: NodeDatabase
  /** Deletes the database; call once no node uses it. */
  remove(): Promise<void>
}

export async function testDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === "sqlite") {
    const dir = await testDir()
    return { database: { kind: "sqlite", path: dir.dbPath }, remove: dir.remove }
  }
  const created = await createDatabase(postgresServerUrl())
  return { database: { kind: "postgres", url: created.url }, remove: created.drop }
}

/** In the calling describe block: a fresh `backend` database for its tests, removed after them. */
export function suiteDatabase(backend: Backend): { readonly database: NodeDatabase } {
  let current: TestDatabase | undefined
  beforeAll(async () => {
    current = await testDatabase(backend)
  })
  afterAll(async () => {
    await current?.remove()
    current = undefined
  })
  return {
    get database(): NodeDatabase {
      if (!current) throw new Error("the suite's database exists only while its tests run")
      return current.database
    },
  }
}
