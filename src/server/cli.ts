// Runs the delivery node standalone, on SQLite or PostgreSQL:
//   npm run node -- --port 5556 --db ./node.db [--host H] [--tls-cert F --tls-key F] [--log-level debug]
//   npm run node -- --port 5556 --postgres postgres://user@127.0.0.1:5432/parley   (or --db-url URL)
// The attachment blob store runs beside it: [--blob-dir DIR] [--blob-port N] [--blob-public-url URL]
// or --no-blob-store. Attachment URLs embed the store's address, so a node that should serve old
// attachments after a restart needs a fixed --blob-port or a --blob-public-url (a proxy in front).
// Uploads need the token in PARLEY_BLOB_UPLOAD_TOKEN (kept off the command line, which other local
// users can read); without it the store makes a random one that no client knows.
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
  `[--tls-cert cert.pem --tls-key key.pem] [--log-level ${LOG_LEVELS.join("|")}] ` +
  "[--blob-dir DIR] [--blob-port N] [--blob-public-url URL | --no-blob-store] (uploads need PARLEY_BLOB_UPLOAD_TOKEN set)"

function databaseFrom(values: { db?: string; postgres?: string; "db-url"?: string }): NodeDatabase {
  const given = [values.db, values.postgres, values["db-url"]].filter(Boolean)
  if (given.length !== 1) throw new UsageError("give one database: --db FILE (SQLite, or :memory:) or --postgres URL (also --db-url URL)")
  if (values.db) return { kind: "sqlite", path: values.db }
  const url = values.postgres ?? values["db-url"] ?? ""
  if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`--postgres takes a postgres:// URL, got ${JSON.stringify(url)}`)
  return { kind: "postgres", url }
}

function portFrom(flag: string, value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`${flag} must be 0..65535, got ${value}`)
  return port
}

function blobStoreFrom(
  values: { "blob-dir"?: string; "blob-port"?: string; "blob-public-url"?: string; "no-blob-store"?: boolean },
  uploadToken: string | undefined,
): NodeOptions["blobStore"] {
  const settings = [values["blob-dir"], values["blob-port"], values["blob-public-url"]].some((v) => v !== undefined)
  if (values["no-blob-store"]) {
    if (settings) throw new UsageError("--no-blob-store turns the blob store off: it takes no --blob-dir, --blob-port or --blob-public-url")
    return false
  }
  const publicUrl = values["blob-public-url"]
  if (publicUrl !== undefined && !/^https?:\/\/[^/]/.test(publicUrl)) throw new UsageError(`--blob-public-url takes an http(s) URL, got ${JSON.stringify(publicUrl)}`)
  return {
    ...(values["blob-dir"] === undefined ? {} : { dir: values["blob-dir"] }),
    ...(values["blob-port"] === undefined ? {} : { port: portFrom("--blob-port", values["blob-port"]) }),
    ...(publicUrl === undefined ? {} : { publicUrl }),
    ...(uploadToken ? { uploadToken } : {}),
  }
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
      "blob-dir": { type: "string" },
      "blob-port": { type: "string" },
      "blob-public-url": { type: "string" },
      "no-blob-store": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  })
  if (values.help) throw new UsageError(USAGE)
  const port = portFrom("--port", values.port)
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
    blobStore: blobStoreFrom(values, process.env.PARLEY_BLOB_UPLOAD_TOKEN),
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
