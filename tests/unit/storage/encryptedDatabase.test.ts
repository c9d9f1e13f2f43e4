import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { randomBytes } from "node:crypto"
import Database from "better-sqlite3-multiple-ciphers"
import { describe, expect, it } from "vitest"
import { openEncryptedDatabase } from "../../../src/engine/storage/encryptedDatabase"
import { StorageError } from "../../../src/engine/storage/errors"
import type { Migration } from "../../../src/engine/storage/migrate"

const migrations: Migration[] = [
  { version: 1, name: "notes", sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)" },
  { version: 2, name: "notes_author", sql: "ALTER TABLE notes ADD COLUMN author TEXT" },
]

const tempPath = () => join(mkdtempSync(join(tmpdir(), "parley-db-")), "client.db")

function expectStorageError(fn: () => unknown, code: StorageError["code"]) {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(StorageError)
    expect((e as StorageError).code).toBe(code)
    return
  }
  throw new Error(`expected StorageError ${code}`)
}

describe("encrypted database", () => {
  it("stores data encrypted: no plaintext and no SQLite header on disk", () => {
    const path = tempPath()
    const db = openEncryptedDatabase(path, randomBytes(32), migrations)
    db.prepare("INSERT INTO notes (body, author) VALUES (?, ?)").run("the launch code is 0000", "alice")
    db.pragma("wal_checkpoint(TRUNCATE)")
    db.close()
    const bytes = readFileSync(path)
    expect(bytes.includes(Buffer.from("launch code"))).toBe(false)
    expect(bytes.subarray(0, 15).toString("latin1")).not.toBe("SQLite format 3")
  })

  it("reopens with the same key and keeps the data and schema version", () => {
    const path = tempPath()
    const key = randomBytes(32)
    const db = openEncryptedDatabase(path, key, migrations)
    db.prepare("INSERT INTO notes (body) VALUES (?)").run("kept")
    db.close()
    const again = openEncryptedDatabase(path, key, migrations)
    expect(again.prepare("SELECT body FROM notes").all()).toEqual([{ body: "kept" }])
    expect(again.pragma("user_version", { simple: true })).toBe(2)
    again.close()
  })

  it("refuses a wrong key with a typed error and leaves the file byte for byte untouched", () => {
    const path = tempPath()
    const db = openEncryptedDatabase(path, randomBytes(32), migrations)
    db.prepare("INSERT INTO notes (body) VALUES (?)").run("x")
    db.pragma("wal_checkpoint(TRUNCATE)")
    db.close()
    const before = readFileSync(path)
    expectStorageError(() => openEncryptedDatabase(path, randomBytes(32), migrations), "WrongKey")
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it("refuses a plaintext database instead of using it", () => {
    const path = tempPath()
    const plain = new Database(path)
    plain.exec("CREATE TABLE t (a)")
    plain.close()
    const before = readFileSync(path)
    expectStorageError(() => openEncryptedDatabase(path, randomBytes(32), migrations), "NotEncrypted")
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it("rejects keys that are not 32 bytes", () => {
    expectStorageError(() => openEncryptedDatabase(tempPath(), randomBytes(16), migrations), "InvalidKey")
  })

  it("refuses a database written by a newer schema", () => {
    const path = tempPath()
    const key = randomBytes(32)
    openEncryptedDatabase(path, key, migrations).close()
    expectStorageError(() => openEncryptedDatabase(path, key, migrations.slice(0, 1)), "NewerSchema")
  })

  it("rolls a failed migration back whole, leaving the previous version", () => {
    const path = tempPath()
    const key = randomBytes(32)
    openEncryptedDatabase(path, key, migrations.slice(0, 1)).close()
    const broken: Migration[] = [
      migrations[0]!,
      { version: 2, name: "half", sql: "CREATE TABLE half (a); INSERT INTO nowhere VALUES (1);" },
    ]
    expectStorageError(() => openEncryptedDatabase(path, key, broken), "MigrationFailed")
    const db = openEncryptedDatabase(path, key, migrations.slice(0, 1))
    expect(db.pragma("user_version", { simple: true })).toBe(1)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").all()).toEqual([])
    db.close()
  })
})
