// Where the signed parts of a canonically encoded KeyPackage lie (RFC 9420 section 10 and 7.2),
// and the variable-length integer rules of RFC 9420 section 2.1.2. ts-mls does not export its
// signature checks for key packages and leaf nodes; with these spans the checks are plain
// SignWithLabel verifications over the received bytes.
import type { KeyPackage } from "ts-mls"

/** Bytes of the length prefix RFC 9420 section 2.1.2 requires (the minimum) for `length`. */
export function lengthPrefixSize(length: number): number {
  if (length < 0x40) return 1
  if (length < 0x4000) return 2
  if (length < 0x40000000) return 4
  throw new RangeError(`length ${length} exceeds the 30-bit limit of MLS vectors`)
}

/** Encoded size of an `opaque data<V>` holding `length` bytes. */
export function opaqueSize(length: number): number {
  return lengthPrefixSize(length) + length
}

/**
 * Reads an `opaque data<V>` at the start of `bytes`; trailing bytes are allowed, as OpenMLS
 * reads an extension's payload without requiring it to be consumed. Returns undefined when the
 * prefix is not minimal, uses the 8-byte form, or overruns `bytes`.
 */
export function readOpaque(bytes: Uint8Array): Uint8Array | undefined {
  const first = bytes[0]
  if (first === undefined) return undefined
  const prefix = first >> 6
  if (prefix === 3) return undefined
  const size = 1 << prefix
  if (bytes.length < size) return undefined
  let length = first & 0x3f
  for (let i = 1; i < size; i++) length = length * 256 + (bytes[i] as number)
  if (lengthPrefixSize(length) !== size || size + length > bytes.length) return undefined
  return bytes.subarray(size, size + length)
}

export interface KeyPackageSignedSpans {
  /** KeyPackageTBS: everything before the key package signature. */
  keyPackageTbs: Uint8Array
  /** LeafNodeTBS for a key_package leaf: the leaf node without its signature. */
  leafNodeTbs: Uint8Array
}

/**
 * Locates the two signed spans in `bytes`, which must be the canonical encoding of `keyPackage`
 * (the caller checks that by re-encoding). Layout: version(2) cipher_suite(2) init_key<V>
 * leaf_node extensions<V> signature<V>, the leaf node ending with its own signature<V>.
 */
export function keyPackageSignedSpans(bytes: Uint8Array, keyPackage: KeyPackage): KeyPackageSignedSpans {
  const tbsEnd = bytes.length - opaqueSize(keyPackage.signature.length)
  const extensionsBody = keyPackage.extensions.reduce((sum, e) => sum + 2 + opaqueSize(e.extensionData.length), 0)
  const leafStart = 4 + opaqueSize(keyPackage.initKey.length)
  const leafEnd = tbsEnd - opaqueSize(extensionsBody)
  const leafTbsEnd = leafEnd - opaqueSize(keyPackage.leafNode.signature.length)
  return { keyPackageTbs: bytes.subarray(0, tbsEnd), leafNodeTbs: bytes.subarray(leafStart, leafTbsEnd) }
}

/** The SignContent that SignWithLabel signs (RFC 9420 section 5.1.2). */
export function signContent(label: string, content: Uint8Array): Uint8Array {
  const fullLabel = new TextEncoder().encode(`MLS 1.0 ${label}`)
  const out = new Uint8Array(opaqueSize(fullLabel.length) + opaqueSize(content.length))
  writeOpaque(out, writeOpaque(out, 0, fullLabel), content)
  return out
}

function writeOpaque(out: Uint8Array, offset: number, data: Uint8Array): number {
  const size = lengthPrefixSize(data.length)
  let length = data.length
  for (let i = size - 1; i >= 0; i--) {
    out[offset + i] = length & 0xff
    length = Math.floor(length / 256)
  }
  out[offset] = (out[offset] as number) | ([0, 0x40, 0, 0x80][size - 1] as number)
  out.set(data, offset + size)
  return offset + size + data.length
}

/** `data` as an `opaque<V>` (minimal length prefix, then the bytes). */
export function encodeOpaque(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(opaqueSize(data.length))
  writeOpaque(out, 0, data)
  return out
}
