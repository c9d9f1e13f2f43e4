// The installations table: each installation's current key package. A new upload replaces the
// previous one (libxmtp rotates key packages; only the newest may be used to add it to groups).
import type Database from "better-sqlite3-multiple-ciphers"

export class SqliteInstallations {
  private readonly upsert: Database.Statement<[Uint8Array, bigint, bigint, Uint8Array]>
  private readonly select: Database.Statement<[Uint8Array], { key_package: Buffer }>

  constructor(db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO installations (id, created_ns, updated_ns, key_package) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET key_package = excluded.key_package, updated_ns = excluded.updated_ns`,
    )
    this.select = db.prepare("SELECT key_package FROM installations WHERE id = ?")
  }

  save(installationKey: Uint8Array, keyPackage: Uint8Array, nowNs: bigint): void {
    this.upsert.run(installationKey, nowNs, nowNs, keyPackage)
  }

  keyPackage(installationKey: Uint8Array): Uint8Array | undefined {
    return this.select.get(installationKey)?.key_package
  }
}
