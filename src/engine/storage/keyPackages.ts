// Key packages this installation published, with the private keys that open welcomes sent to them
// (found by the public key a welcome names, as libxmtp finds them by hpke_public_key: the X25519
// init key, or the X-Wing key of extension 0xff03 when the key package offers one), and the
// rotation schedule (libxmtp identity.next_key_package_rotation_ns, key_package_history.delete_at_ns).
import type Database from "better-sqlite3-multiple-ciphers"
import { big, bytes, optionalBig, optionalBytes, type Row } from "./rows"

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
  uploadedAtNs?: bigint
  /** Set once a newer key package is published: the private keys go at this time. */
  deleteAtNs?: bigint
}

export interface KeyPackageRotationSchedule {
  /** Undefined: rotate at the next chance (as libxmtp treats NULL). */
  nextRotationNs: bigint | undefined
  /** Welcomes arrived since the last maintenance pass. */
  requested: boolean
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

  /** Every key package but `current` that is not yet due for deletion becomes due at `deleteAtNs`. */
  scheduleDeletionOfAllBut(current: Uint8Array, deleteAtNs: bigint): void {
    this.db.prepare("UPDATE key_packages SET delete_at_ns = ? WHERE key_package_ref != ? AND delete_at_ns IS NULL").run(deleteAtNs, current)
  }

  /** Deletes the key packages (with their private keys) due for deletion by `nowNs`; returns how many. */
  deleteDue(nowNs: bigint): number {
    return this.db.prepare("DELETE FROM key_packages WHERE delete_at_ns <= ?").run(nowNs).changes
  }

  rotationSchedule(): KeyPackageRotationSchedule {
    const row = this.db.prepare("SELECT * FROM key_package_rotation WHERE singleton = 0").get() as Row
    return { nextRotationNs: optionalBig(row.next_rotation_ns), requested: big(row.rotation_requested) !== 0n }
  }

  requestRotation(): void {
    this.db.prepare("UPDATE key_package_rotation SET rotation_requested = 1 WHERE singleton = 0").run()
  }

  /** Turns a request into a rotation at `rotateAtNs`, unless one is already due sooner. */
  applyRotationRequest(rotateAtNs: bigint): void {
    this.db
      .prepare(
        `UPDATE key_package_rotation SET rotation_requested = 0,
           next_rotation_ns = CASE WHEN next_rotation_ns > ? THEN ? ELSE next_rotation_ns END
         WHERE singleton = 0 AND rotation_requested = 1`,
      )
      .run(rotateAtNs, rotateAtNs)
  }

  /** Sets the next rotation when none is pending (unset or already due), as after a rotation. */
  rescheduleRotationIfDue(nowNs: bigint, nextRotationNs: bigint): void {
    this.db
      .prepare("UPDATE key_package_rotation SET next_rotation_ns = ? WHERE singleton = 0 AND (next_rotation_ns IS NULL OR next_rotation_ns <= ?)")
      .run(nextRotationNs, nowNs)
  }
}

function fromRow(row: Row): StoredKeyPackage {
  const xwingPublicKey = optionalBytes(row.xwing_public_key)
  const xwingPrivateKey = optionalBytes(row.xwing_private_key)
  const uploadedAtNs = optionalBig(row.uploaded_at_ns)
  const deleteAtNs = optionalBig(row.delete_at_ns)
  return {
    keyPackageRef: bytes(row.key_package_ref),
    initPublicKey: bytes(row.init_public_key),
    ...(xwingPublicKey && xwingPrivateKey ? { xwing: { publicKey: xwingPublicKey, privateKey: xwingPrivateKey } } : {}),
    keyPackage: bytes(row.key_package),
    privateKeyPackage: bytes(row.private_key_package),
    createdAtNs: big(row.created_at_ns),
    ...(uploadedAtNs === undefined ? {} : { uploadedAtNs }),
    ...(deleteAtNs === undefined ? {} : { deleteAtNs }),
  }
}
