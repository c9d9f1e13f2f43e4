// Ethereum primitives of the identity layer: EIP-191 hashing, addresses, and recovery of the
// `personal_sign` signer with the exact acceptance rules of libxmtp 1.10 (alloy-primitives 1.5 and
// k256 behind `VerifiedSignature::from_recoverable_ecdsa`).
import { secp256k1 } from "@noble/curves/secp256k1.js"
import { keccak_256 } from "@noble/hashes/sha3.js"
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js"
import { bytesToNumberBE, numberToBytesBE } from "@noble/curves/utils.js"

const CURVE_ORDER = secp256k1.Point.CURVE().n
const HALF_ORDER = CURVE_ORDER >> 1n

/** keccak256("\x19Ethereum Signed Message:\n" + byte length + message). */
export function eip191Hash(message: string | Uint8Array): Uint8Array {
  const body = typeof message === "string" ? utf8ToBytes(message) : message
  const prefix = utf8ToBytes(`\x19Ethereum Signed Message:\n${body.length}`)
  const data = new Uint8Array(prefix.length + body.length)
  data.set(prefix, 0)
  data.set(body, prefix.length)
  return keccak_256(data)
}

/** Lowercase 0x address of a SEC1 secp256k1 public key (compressed or uncompressed). */
export function ethereumAddressFromPublicKey(publicKey: Uint8Array): string {
  const uncompressed = secp256k1.Point.fromBytes(publicKey).toBytes(false)
  return `0x${bytesToHex(keccak_256(uncompressed.subarray(1)).subarray(12))}`
}

export function isEthereumAddress(value: string): boolean {
  return /^0x[0-9a-fA-F]{40}$/.test(value)
}

export interface RecoveredEcdsaSigner {
  /** Lowercase 0x address. */
  address: string
  /** The signature with s lowered, as libxmtp records it against replay. */
  normalizedBytes: Uint8Array
}

/**
 * The signer of a 65-byte r || s || v `personal_sign` signature over `message`, or undefined when
 * libxmtp would refuse it. As in libxmtp, a high s is replaced by n - s while v is kept, so only
 * low-s signatures (what every wallet produces) recover to their real signer.
 */
export function recoverPersonalSign(message: string | Uint8Array, signature: Uint8Array): RecoveredEcdsaSigner | undefined {
  if (signature.length !== 65) return undefined
  const r = bytesToNumberBE(signature.subarray(0, 32))
  let s = bytesToNumberBE(signature.subarray(32, 64))
  if (r === 0n || r >= CURVE_ORDER || s === 0n || s >= CURVE_ORDER) return undefined
  const yParity = parityOfV(signature[64]!)
  if (yParity === undefined) return undefined
  if (s > HALF_ORDER) s = CURVE_ORDER - s
  const normalizedBytes = new Uint8Array(65)
  normalizedBytes.set(signature.subarray(0, 32), 0)
  normalizedBytes.set(numberToBytesBE(s, 32), 32)
  normalizedBytes[64] = signature[64]!
  const recoverable = new Uint8Array(65)
  recoverable[0] = yParity
  recoverable.set(normalizedBytes.subarray(0, 64), 1)
  try {
    const publicKey = secp256k1.recoverPublicKey(recoverable, eip191Hash(message), { prehash: false })
    return { address: ethereumAddressFromPublicKey(publicKey), normalizedBytes }
  } catch {
    return undefined
  }
}

/** alloy's `normalize_v`: 0/1 raw, 27/28 legacy, 35+ EIP-155; anything else is invalid. */
function parityOfV(v: number): 0 | 1 | undefined {
  if (v === 0 || v === 1) return v
  if (v === 27 || v === 28 || v >= 35) return v % 2 === 0 ? 1 : 0
  return undefined
}

