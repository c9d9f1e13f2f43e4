// A minimal MLSMessage carrying a PrivateMessage (RFC 9420 §6.3), enough for the node's header
// check: the node never decrypts, so the ciphertext can be any bytes. Built by hand from the RFC so
// the test does not lean on the encoder of the library whose decoder the node uses.

const MLS10 = 1
const WIRE_FORMAT_PRIVATE_MESSAGE = 2
export const CONTENT_TYPE = { application: 1, proposal: 2, commit: 3 } as const

/** RFC 9420 §2.1.2 variable-length integer, as used for opaque<V> lengths. */
function varint(n: number): number[] {
  if (n < 0x40) return [n]
  if (n < 0x4000) return [0x40 | (n >> 8), n & 0xff]
  if (n < 0x40000000) return [0x80 | (n >>> 24), (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]
  throw new RangeError(`${n} is too long for an MLS opaque<V>`)
}

function opaque(bytes: Uint8Array): number[] {
  return [...varint(bytes.length), ...bytes]
}

function uint16(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff]
}

function uint64(n: bigint): number[] {
  const out: number[] = []
  for (let shift = 56n; shift >= 0n; shift -= 8n) out.push(Number((n >> shift) & 0xffn))
  return out
}

export interface PrivateMessageFields {
  groupId: Uint8Array
  epoch?: bigint
  contentType?: (typeof CONTENT_TYPE)[keyof typeof CONTENT_TYPE]
  authenticatedData?: Uint8Array
  encryptedSenderData?: Uint8Array
  ciphertext: Uint8Array
}

export function privateMessageFrame(fields: PrivateMessageFields): Uint8Array {
  return Uint8Array.from([
    ...uint16(MLS10),
    ...uint16(WIRE_FORMAT_PRIVATE_MESSAGE),
    ...opaque(fields.groupId),
    ...uint64(fields.epoch ?? 1n),
    fields.contentType ?? CONTENT_TYPE.application,
    ...opaque(fields.authenticatedData ?? new Uint8Array()),
    ...opaque(fields.encryptedSenderData ?? new Uint8Array(16).fill(0xee)),
    ...opaque(fields.ciphertext),
  ])
}
