// The identity table: this installation's inbox and Ed25519 key (one row).
import type Database from "better-sqlite3-multiple-ciphers"
import { big, bytes, optionalBig, text, type Row } from "./rows"

export interface StoredIdentity {
  inboxId: string
  /** The lowercase 0x address of the account the installation signs in with. */
  accountAddress: string
  installationPublicKey: Uint8Array
  installationPrivateKey: Uint8Array
  createdAtNs: bigint
  /** Set once the installation's identity update is on the network. */
  registeredAtNs?: bigint
}

export class IdentityTable {
  constructor(private readonly db: Database.Database) {}

  get(): StoredIdentity | undefined {
    const row = this.db.prepare("SELECT * FROM identity WHERE singleton = 0").get() as Row | undefined
    if (!row) return undefined
    const registeredAtNs = optionalBig(row.registered_at_ns)
    return {
      inboxId: text(row.inbox_id),
      accountAddress: text(row.account_address),
      installationPublicKey: bytes(row.installation_public_key),
      installationPrivateKey: bytes(row.installation_private_key),
      createdAtNs: big(row.created_at_ns),
      ...(registeredAtNs === undefined ? {} : { registeredAtNs }),
    }
  }

  insert(identity: StoredIdentity): void {
    this.db
      .prepare(
        `INSERT INTO identity (singleton, inbox_id, account_address, installation_public_key, installation_private_key, created_at_ns, registered_at_ns)
         VALUES (0, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        identity.inboxId,
        identity.accountAddress,
        identity.installationPublicKey,
        identity.installationPrivateKey,
        identity.createdAtNs,
        identity.registeredAtNs ?? null,
      )
  }

  markRegistered(atNs: bigint): void {
    this.db.prepare("UPDATE identity SET registered_at_ns = ? WHERE singleton = 0").run(atNs)
  }
}
