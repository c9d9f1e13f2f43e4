// Runs the delivery node standalone, on SQLite or PostgreSQL:
//   npm run node -- --port 5556 --db ./node.db [--host H] [--tls-cert F --tls-key F] [--log-level debug]
//   npm run node -- --port 5556 --postgres postgres://user@127.0.0.1:5432/parley   (or --db-url URL)
// SIGINT or SIGTERM stops it gracefully (open streams end, running writes finish, the database closes).
import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"
import { isLogLevel, LOG_LEVELS } from "./logger"
import { startNode, type NodeDatabase, type NodeOptions } from "./node"

class UsageError extends Error {
  override readonly name = "UsageError"
  readonly code = "BadArguments"
}

const USAGE =
  "usage: npm run node -- --port 5556 (--db ./node.db | --postgres postgres://user@host:5432/db) [--host 127.0.0.1] " +
  `[--tls-cert cert.pem --tls-key key.pem] [--log-level ${LOG_LEVELS.join("|")}]`

function databaseFrom(values: { db?: string; postgres?: string; "db-url"?: string }): NodeDatabase {
  const given = [values.db, values.postgres, values["db-url"]].filter(Boolean)
  if (given.length !== 1) throw new UsageError("give one database: --db FILE (SQLite, or :memory:) or --postgres URL (also --db-url URL)")
  if (values.db) return { kind: "sqlite", path: values.db }
  const url = values.postgres ?? values["db-url"] ?? ""
  if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`--postgres takes a postgres:// URL, got ${JSON.stringify(url)}`)
  return { kind: "postgres", url }
}

function optionsFrom(argv: string[]): NodeOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string", default: "5556" },
      db: { type: "string" },
      postgres: { type: "string" },
      "db-url": { type: "string" },
      host: { type: "string" },
      "tls-cert": { type: "string" },
      "tls-key": { type: "string" },
      "log-level": { type: "string", default: "info" },
      help: { type: "boolean", short: "h" },
    },
  })
  if (values.help) throw new UsageError(USAGE)
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be 0..65535, got ${values.port}`)
  const logLevel = values["log-level"]
  if (!isLogLevel(logLevel)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(", ")}`)
  const certPath = values["tls-cert"]
  const keyPath = values["tls-key"]
  if ((certPath === undefined) !== (keyPath === undefined)) throw new UsageError("--tls-cert and --tls-key go together")
  return {
    port,
    database: databaseFrom(values),
    host: values.host,
    logLevel,
    tls: certPath && keyPath ? { cert: readFileSync(certPath), key: readFileSync(keyPath) } : undefined,
  }
}

async function main(): Promise<void> {
  let options: NodeOptions
  try {
    options = optionsFrom(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`)
    process.exitCode = 2
    return
  }
  const node = await startNode(options)
  const shutdown = () => {
    node.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`stop failed: ${String(error)}\n`)
        process.exit(1)
      },
    )
  }
  process.once("SIGINT", shutdown)
  process.once("SIGTERM", shutdown)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
