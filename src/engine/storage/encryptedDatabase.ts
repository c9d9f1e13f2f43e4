// Opens an installation's SQLite file encrypted at rest (SQLite3MultipleCiphers, ChaCha20-Poly1305
// by default) and brings its schema up to date. A wrong key or a plaintext file is refused before
// anything is written, so the file is left exactly as it was.
import { openSync, readSync, closeSync, existsSync } from "node:fs"
import Database from "better-sqlite3-multiple-ciphers"
import { StorageError } from "./errors"
import { migrate, MigrationError, type Migration } from "./migrate"

const SQLITE_PLAINTEXT_HEADER = Buffer.from("SQLite format 3\0", "latin1")

function hasPlaintextHeader(path: string): boolean {
  if (path === ":memory:" || !existsSync(path)) return false
  const fd = openSync(path, "r")
  try {
    const head = Buffer.alloc(SQLITE_PLAINTEXT_HEADER.length)
    const read = readSync(fd, head, 0, head.length, 0)
    return read === head.length && head.equals(SQLITE_PLAINTEXT_HEADER)
  } finally {
    closeSync(fd)
  }
}

export function openEncryptedDatabase(path: string, key: Uint8Array, migrations: readonly Migration[]): Database.Database {
  if (key.length !== 32) throw new StorageError("InvalidKey", path)
  if (hasPlaintextHeader(path)) throw new StorageError("NotEncrypted", path)
  const db = new Database(path)
  try {
    db.pragma(`hexkey='${Buffer.from(key).toString("hex")}'`)
    // Reading the schema is the first access that needs the key; it writes nothing.
    db.prepare("SELECT count(*) FROM sqlite_master").get()
  } catch (cause) {
    db.close()
    throw new StorageError("WrongKey", path, { cause })
  }
  try {
    if (path !== ":memory:") db.pragma("journal_mode = WAL")
    db.pragma("foreign_keys = ON")
    db.pragma("synchronous = NORMAL")
    migrate(db, migrations)
  } catch (cause) {
    db.close()
    if (cause instanceof MigrationError && cause.code === "NewerSchema") throw new StorageError("NewerSchema", path, { cause })
    throw new StorageError("MigrationFailed", path, { cause })
  }
  return db
}
