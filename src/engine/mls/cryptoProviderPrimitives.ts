// SHA-256, HMAC-SHA256 and HKDF-SHA256 (RFC 5869) on synchronous node:crypto, plus byte helpers
// shared by the provider's modules. Every output is a fresh Uint8Array, never a Buffer: Buffer's
// `slice` shares memory and small Buffers live in a shared pool, both of which would surprise
// ts-mls, which slices and zeroes the arrays it receives.
import { createHash, createHmac, randomFillSync } from "node:crypto"
import { CryptoProviderError } from "./cryptoProviderErrors"

export const SHA256_LENGTH = 32

/** Copies any byte view into a standalone Uint8Array. */
export function toBytes(view: Uint8Array): Uint8Array {
  return new Uint8Array(view)
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0
  for (const part of parts) length += part.length
  const out = new Uint8Array(length)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** Big-endian unsigned integer of `length` bytes (RFC 8017 I2OSP, as RFC 9180 uses it). */
export function i2osp(value: number, length: number): Uint8Array {
  const out = new Uint8Array(length)
  let rest = value
  for (let i = length - 1; i >= 0; i--) {
    out[i] = rest & 0xff
    rest = Math.floor(rest / 256)
  }
  return out
}

export function randomBytes(length: number): Uint8Array {
  return randomFillSync(new Uint8Array(length))
}

export function sha256(data: Uint8Array): Uint8Array {
  return toBytes(createHash("sha256").update(data).digest())
}

export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  return toBytes(createHmac("sha256", key).update(data).digest())
}

/** HKDF-Extract; an empty salt is HMAC's all-zero key of hash length, as RFC 5869 says. */
export function hkdfExtract(salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return hmacSha256(salt, ikm)
}

/** HKDF-Expand, written out because node:crypto only offers extract-and-expand in one call. */
export function hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  if (!Number.isInteger(length) || length < 0 || length > 255 * SHA256_LENGTH) {
    throw new CryptoProviderError("InvalidLength", `HKDF-Expand cannot produce ${length} bytes`)
  }
  const out = new Uint8Array(length)
  let previous: Uint8Array = new Uint8Array(0)
  let offset = 0
  for (let counter = 1; offset < length; counter++) {
    previous = hmacSha256(prk, concatBytes(previous, info, Uint8Array.of(counter)))
    out.set(previous.subarray(0, Math.min(previous.length, length - offset)), offset)
    offset += previous.length
  }
  return out
}
