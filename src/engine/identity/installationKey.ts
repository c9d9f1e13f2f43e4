// Installation keys: Ed25519 keys whose signatures over identity updates are Ed25519ph (RFC 8032,
// SHA-512 prehash) with the context "IDENTITY UPDATE SIGNATURE" (libxmtp constants.rs).
import { ed25519, ed25519ph } from "@noble/curves/ed25519.js"
import { bytesToNumberLE, concatBytes } from "@noble/curves/utils.js"
import { sha512 } from "@noble/hashes/sha2.js"
import { utf8ToBytes } from "@noble/hashes/utils.js"
import { INSTALLATION_KEY_SIGNATURE_CONTEXT } from "./constants"

export interface InstallationKey {
  /** The 32-byte Ed25519 public key, which is also the installation id. */
  publicKey: Uint8Array
  /** The 32-byte Ed25519 seed. */
  privateKey: Uint8Array
  /** Ed25519ph signature (64 bytes) of `text` with the identity-update context. */
  sign(text: string): Uint8Array
}

export function createInstallationKey(privateKey: Uint8Array = ed25519.utils.randomSecretKey()): InstallationKey {
  const seed = Uint8Array.from(privateKey)
  return {
    publicKey: ed25519.getPublicKey(seed),
    privateKey: seed,
    sign: (text) => ed25519ph.sign(utf8ToBytes(text), seed, { context: INSTALLATION_KEY_SIGNATURE_CONTEXT }),
  }
}

const Point = ed25519.Point
const GROUP_ORDER = Point.Fn.ORDER
const DOM2_PREFIX = utf8ToBytes("SigEd25519 no Ed25519 collisions")

/**
 * ed25519-dalek 2.2 `verify_prehashed`, which libxmtp uses: s must be canonical, the public key must
 * decompress (non-canonical encodings are accepted, as dalek does), and [s]B - [k]A must encode to
 * exactly the R bytes of the signature (the cofactorless check; noble's own verify is cofactored).
 */
export function verifyInstallationSignature(text: string, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false
  const rBytes = signature.subarray(0, 32)
  const s = bytesToNumberLE(signature.subarray(32))
  if (s >= GROUP_ORDER) return false
  let A: InstanceType<typeof Point>
  try {
    A = Point.fromBytes(publicKey, true)
  } catch {
    return false
  }
  const context = INSTALLATION_KEY_SIGNATURE_CONTEXT
  const dom2 = concatBytes(DOM2_PREFIX, Uint8Array.of(1, context.length), context)
  const k = bytesToNumberLE(sha512(concatBytes(dom2, rBytes, publicKey, sha512(utf8ToBytes(text))))) % GROUP_ORDER
  const expectedR = Point.BASE.multiplyUnsafe(s).subtract(A.multiplyUnsafe(k)).toBytes()
  return expectedR.every((byte, i) => byte === rBytes[i])
}

/** Whether 32 bytes decompress to an Ed25519 point, as an installation public key must. */
export function isInstallationPublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32) return false
  try {
    Point.fromBytes(publicKey, true)
    return true
  } catch {
    return false
  }
}
