// Throwaway PostgreSQL clusters (scripts/with-postgres.sh) and fresh databases on a server, for
// the tests' global setup, the storage suites and the node benchmark.
import { execFileSync } from "node:child_process"
import { randomBytes } from "node:crypto"
import { fileURLToPath } from "node:url"
import pg from "pg"

/** Set by scripts/with-postgres.sh: the server to create test databases on. */
export const POSTGRES_URL_VARIABLE = "PARLEY_TEST_POSTGRES_URL"

const script = fileURLToPath(new URL("../../../../scripts/with-postgres.sh", import.meta.url))

export interface ThrowawayCluster {
  /** The cluster's admin database, as the trusted superuser. */
  url: string
  dir: string
}

/** Starts a cluster (fsync off unless `durable`); throws with the script's explanation when it cannot. */
export function startThrowawayCluster(options: { durable?: boolean } = {}): ThrowawayCluster {
  const env = { ...process.env, PARLEY_POSTGRES_DURABLE: options.durable ? "1" : "" }
  let output: string
  try {
    output = execFileSync("sh", [script, "--start"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env })
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim()
    throw new Error(stderr || String(error), { cause: error })
  }
  const field = (name: string) => new RegExp(`^${name}=(.+)$`, "m").exec(output)?.[1]
  const url = field("url")
  const dir = field("dir")
  if (!url || !dir) throw new Error(`with-postgres.sh --start printed no url and dir: ${output}`)
  return { url, dir }
}

/** Stops the cluster and deletes its files. */
export function stopThrowawayCluster(cluster: ThrowawayCluster): void {
  execFileSync("sh", [script, "--stop", cluster.dir], { stdio: "inherit" })
}

/** A new, empty database on the server at `serverUrl`, and how to drop it. */
export async function createDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `parley_test_${randomBytes(8).toString("hex")}`
  await onServer(serverUrl, `CREATE DATABASE ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
