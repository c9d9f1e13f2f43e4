// Which database a node stores in, and opening its NodeStore: SQLite (one file, the embedded
// default) or PostgreSQL (for scale; several node processes may share one database).
import type { Logger } from "../logger"
import type { NodeStore } from "./nodeStore"
import { openPostgresNodeStore } from "./postgres/postgresNodeStore"
import { openSqliteNodeStore } from "./sqlite/sqliteNodeStore"

export type NodeDatabase =
  /** A file path, or ":memory:". */
  | { kind: "sqlite"; path: string }
  /** A libpq-style URL, e.g. postgres://user@127.0.0.1:5432/parley. */
  | { kind: "postgres"; url: string }

export async function openNodeStore(database: NodeDatabase, log: Logger): Promise<NodeStore> {
  if (database.kind === "sqlite") return openSqliteNodeStore(database.path)
  return openPostgresNodeStore(database.url, log)
}

/** The database as a log line may name it: a Postgres URL without its password. */
export function describeDatabase(database: NodeDatabase): string {
  if (database.kind === "sqlite") return `sqlite ${database.path}`
  try {
    const url = new URL(database.url)
    if (url.password) url.password = "***"
    return `postgres ${url.toString()}`
  } catch {
    return "postgres (unparsable URL)"
  }
}
