// Numbered schema migrations for the Postgres node database. The applied version lives in the
// table parley_schema_version (Postgres has no user_version); each migration commits together
// with its version row, so a crash leaves the schema at a whole version. A session advisory lock
// keeps node processes that start at the same time from migrating at once.
import type { Pool } from "pg"
import { MigrationError, type Migration } from "../../../engine/storage/migrate"
import { transactionOn } from "./sql"

// An arbitrary constant: the advisory lock key only this runner takes.
const MIGRATION_LOCK_KEY = 0x7061726c6579n

/** Applies the migrations above the database's version; returns the resulting version. */
export async function migratePostgres(pool: Pool, migrations: readonly Migration[]): Promise<number> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError("BadMigrationList", `migration ${m.name} has version ${m.version}, expected ${i + 1}`)
  })
  const session = await pool.connect()
  let broken: Error | undefined
  try {
    await session.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY])
    try {
      await session.query(
        "CREATE TABLE IF NOT EXISTS parley_schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
      )
      const { rows } = await session.query<{ version: number | null }>("SELECT max(version) AS version FROM parley_schema_version")
      const current = rows[0]?.version ?? 0
      if (current > migrations.length) {
        throw new MigrationError("NewerSchema", `schema version ${current} is newer than this build knows (${migrations.length})`)
      }
      for (const m of migrations.slice(current)) {
        try {
          await transactionOn(
            session,
            async (client) => {
              await client.query(m.sql)
              await client.query("INSERT INTO parley_schema_version (version, name) VALUES ($1, $2)", [m.version, m.name])
            },
            (error) => (broken = error),
          )
        } catch (cause) {
          throw new MigrationError("Failed", `migration ${m.version} (${m.name}) failed: ${String(cause)}`, { cause })
        }
      }
    } finally {
      await session.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch((error: Error) => (broken ??= error))
    }
  } finally {
    // Dropped rather than pooled if it could not roll back (it still holds the lock then).
    session.release(broken)
  }
  return migrations.length
}
