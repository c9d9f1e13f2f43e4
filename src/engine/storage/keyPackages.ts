// Key packages this installation published, with the private keys that open welcomes sent to them
// (found by the public key a welcome names, as libxmtp finds them by hpke_public_key: the X25519
// init key, or the X-Wing key of extension 0xff03 when the key package offers one).
import type Database from "better-sqlite3-multiple-ciphers"
import { big, bytes, optionalBytes, type Row } from "./rows"

export interface StoredKeyPackage {
  keyPackageRef: Uint8Array
  initPublicKey: Uint8Array
  /** The 0xff03 welcome key and its 32-byte seed, when the key package offers one. */
  xwing?: { publicKey: Uint8Array; privateKey: Uint8Array }
  /** The TLS KeyPackage. */
  keyPackage: Uint8Array
  /** ts-mls's encoding of the PrivateKeyPackage. */
  privateKeyPackage: Uint8Array
  createdAtNs: bigint
}

export class KeyPackageTable {
  constructor(private readonly db: Database.Database) {}

  insert(keyPackage: StoredKeyPackage): void {
    this.db
      .prepare(
        `INSERT INTO key_packages (key_package_ref, init_public_key, xwing_public_key, xwing_private_key, key_package, private_key_package, created_at_ns)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        keyPackage.keyPackageRef,
        keyPackage.initPublicKey,
        keyPackage.xwing?.publicKey ?? null,
        keyPackage.xwing?.privateKey ?? null,
        keyPackage.keyPackage,
        keyPackage.privateKeyPackage,
        keyPackage.createdAtNs,
      )
  }

  markUploaded(keyPackageRef: Uint8Array, atNs: bigint): void {
    this.db.prepare("UPDATE key_packages SET uploaded_at_ns = ? WHERE key_package_ref = ?").run(atNs, keyPackageRef)
  }

  /** The key package whose init key or X-Wing key is `publicKey`. */
  findByWelcomeKey(publicKey: Uint8Array): StoredKeyPackage | undefined {
    const row = this.db.prepare("SELECT * FROM key_packages WHERE init_public_key = ? OR xwing_public_key = ?").get(publicKey, publicKey) as
      | Row
      | undefined
    return row && fromRow(row)
  }

  newest(): StoredKeyPackage | undefined {
    const row = this.db.prepare("SELECT * FROM key_packages ORDER BY created_at_ns DESC LIMIT 1").get() as Row | undefined
    return row && fromRow(row)
  }
}

function fromRow(row: Row): StoredKeyPackage {
  const xwingPublicKey = optionalBytes(row.xwing_public_key)
  const xwingPrivateKey = optionalBytes(row.xwing_private_key)
  return {
    keyPackageRef: bytes(row.key_package_ref),
    initPublicKey: bytes(row.init_public_key),
    ...(xwingPublicKey && xwingPrivateKey ? { xwing: { publicKey: xwingPublicKey, privateKey: xwingPrivateKey } } : {}),
    keyPackage: bytes(row.key_package),
    privateKeyPackage: bytes(row.private_key_package),
    createdAtNs: big(row.created_at_ns),
  }
}
