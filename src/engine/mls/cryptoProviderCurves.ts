// Raw 32-byte X25519 and Ed25519 keys (the encodings MLS and HPKE put on the wire) as node:crypto
// KeyObjects. Keys go in and out as JWK, not DER: under OpenSSL 3 a PKCS#8 or SPKI import costs
// 80-380 us (its generic decoder), a JWK import 10-60 us, which is most of a signature's cost.
import {
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
  type KeyObject,
} from "node:crypto"
import { CryptoProviderError } from "./cryptoProviderErrors"
import { toBytes } from "./cryptoProviderPrimitives"

export const CURVE25519_KEY_LENGTH = 32
const ED25519_SIGNATURE_LENGTH = 64

type Curve = "Ed25519" | "X25519"

const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url")
const fromBase64url = (text: string | undefined) => Uint8Array.from(Buffer.from(text ?? "", "base64url"))

// Node builds a private OKP key from `d` alone and derives the public half itself; `x` is only
// checked to be a string (lib/internal/crypto/keys.js). The RFC 8032 signature test in
// tests/unit/mls/tsmls-cryptoProvider.test.ts fails if that ever changes.
const UNUSED_PUBLIC_HALF = base64url(new Uint8Array(CURVE25519_KEY_LENGTH))

function checkRawKey(key: Uint8Array, what: string): void {
  if (key.length !== CURVE25519_KEY_LENGTH) {
    throw new CryptoProviderError("InvalidKey", `${what} must be ${CURVE25519_KEY_LENGTH} bytes, got ${key.length}`)
  }
}

function importPrivate(curve: Curve, raw: Uint8Array): KeyObject {
  checkRawKey(raw, `An ${curve} private key`)
  return createPrivateKey({ key: { kty: "OKP", crv: curve, d: base64url(raw), x: UNUSED_PUBLIC_HALF }, format: "jwk" })
}

function importPublic(curve: Curve, raw: Uint8Array): KeyObject {
  checkRawKey(raw, `An ${curve} public key`)
  try {
    return createPublicKey({ key: { kty: "OKP", crv: curve, x: base64url(raw) }, format: "jwk" })
  } catch (cause) {
    throw new CryptoProviderError("InvalidKey", `Not an ${curve} public key: ${String(cause)}`)
  }
}

function rawPrivate(key: KeyObject): Uint8Array {
  return fromBase64url(key.export({ format: "jwk" }).d)
}

function rawPublic(key: KeyObject): Uint8Array {
  return fromBase64url(createPublicKey(key).export({ format: "jwk" }).x)
}

export const x25519PublicKey = (raw: Uint8Array): KeyObject => importPublic("X25519", raw)

export interface X25519KeyObjects {
  privateKey: KeyObject
  privateRaw: Uint8Array
  publicKey: KeyObject
  publicRaw: Uint8Array
}

/** Both halves as KeyObjects and raw bytes; `privateRaw` given: that key, otherwise a fresh one. */
export function x25519KeyPair(privateRaw?: Uint8Array): X25519KeyObjects {
  const privateKey = privateRaw === undefined ? generateKeyPairSync("x25519").privateKey : importPrivate("X25519", privateRaw)
  const publicKey = createPublicKey(privateKey)
  return {
    privateKey,
    privateRaw: privateRaw === undefined ? rawPrivate(privateKey) : toBytes(privateRaw),
    publicKey,
    publicRaw: fromBase64url(publicKey.export({ format: "jwk" }).x),
  }
}

/** X25519(sk, pk), refusing the all-zero output a small-order public key produces. */
export function x25519(privateKey: KeyObject, publicKey: KeyObject): Uint8Array {
  let shared: Uint8Array
  try {
    shared = toBytes(diffieHellman({ privateKey, publicKey }))
  } catch (cause) {
    throw new CryptoProviderError("DegenerateSharedSecret", `X25519 failed: ${String(cause)}`)
  }
  if (shared.every((byte) => byte === 0)) {
    throw new CryptoProviderError("DegenerateSharedSecret", "X25519 produced the all-zero shared secret")
  }
  return shared
}

// ts-mls keeps one signature key per group state and signs with it over and over; the KeyObject
// is cached per key array, and re-imported if the array's bytes change (e.g. zeroed by a caller).
const signingKeys = new WeakMap<Uint8Array, { bytes: Uint8Array; key: KeyObject }>()

/**
 * Accepts a 32-byte Ed25519 seed (RFC 8032, noble, XMTP installation keys) or the PKCS#8 encoding
 * ts-mls's default provider generates, so state written with either provider keeps signing.
 */
function ed25519SigningKey(signKey: Uint8Array): KeyObject {
  const cached = signingKeys.get(signKey)
  if (cached !== undefined && Buffer.compare(cached.bytes, signKey) === 0) return cached.key
  let key: KeyObject
  try {
    key =
      signKey.length === CURVE25519_KEY_LENGTH
        ? importPrivate("Ed25519", signKey)
        : createPrivateKey({ key: Buffer.from(signKey), format: "der", type: "pkcs8" })
  } catch (cause) {
    throw new CryptoProviderError("InvalidKey", `Not an Ed25519 private key: ${String(cause)}`)
  }
  if (key.asymmetricKeyType !== "ed25519") throw new CryptoProviderError("InvalidKey", "Not an Ed25519 private key")
  signingKeys.set(signKey, { bytes: toBytes(signKey), key })
  return key
}

export function ed25519Sign(signKey: Uint8Array, message: Uint8Array): Uint8Array {
  return toBytes(nodeSign(null, message, ed25519SigningKey(signKey)))
}

/** False (never a throw) for malformed keys or signatures: they are simply not valid. */
export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== CURVE25519_KEY_LENGTH || signature.length !== ED25519_SIGNATURE_LENGTH) return false
  try {
    return nodeVerify(null, message, importPublic("Ed25519", publicKey), signature)
  } catch {
    return false
  }
}

export function ed25519Keygen(): { publicKey: Uint8Array; signKey: Uint8Array } {
  const { privateKey } = generateKeyPairSync("ed25519")
  return { signKey: rawPrivate(privateKey), publicKey: rawPublic(privateKey) }
}
