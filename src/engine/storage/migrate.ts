// Numbered schema migrations, tracked in SQLite's user_version. Each migration runs in its own
// transaction together with the version bump, so a crash leaves the schema at a whole version.
import type Database from "better-sqlite3-multiple-ciphers"

export interface Migration {
  /** 1, 2, 3...: contiguous, never reused. */
  version: number
  name: string
  sql: string
}

export class MigrationError extends Error {
  override readonly name = "MigrationError"
  constructor(
    readonly code: "NewerSchema" | "Failed" | "BadMigrationList",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** Applies the migrations above the database's version; returns the resulting version. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError("BadMigrationList", `migration ${m.name} has version ${m.version}, expected ${i + 1}`)
  })
  const current = db.pragma("user_version", { simple: true }) as number
  if (current > migrations.length) {
    throw new MigrationError("NewerSchema", `schema version ${current} is newer than this build knows (${migrations.length})`)
  }
  for (const m of migrations.slice(current)) {
    try {
      db.transaction(() => {
        db.exec(m.sql)
        db.pragma(`user_version = ${m.version}`)
      })()
    } catch (cause) {
      throw new MigrationError("Failed", `migration ${m.version} (${m.name}) failed`, { cause })
    }
  }
  return migrations.length
}
