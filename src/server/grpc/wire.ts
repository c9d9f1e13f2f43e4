// Just enough of the protobuf wire format for the messages @xmtp/proto 3.89 has no codec for here
// (google.protobuf.Empty requests, xmtp.migration.api.v1.FetchD14nCutoverResponse).

const WIRE_VARINT = 0
const WIRE_FIXED64 = 1
const WIRE_LENGTH_DELIMITED = 2
const WIRE_FIXED32 = 5

export class WireFormatError extends Error {
  override readonly name = "WireFormatError"
  readonly code = "Malformed"
}

function readVarint(bytes: Uint8Array, offset: number): { value: bigint; next: number } {
  let value = 0n
  for (let i = 0; i < 10; i++) {
    const byte = bytes[offset + i]
    if (byte === undefined) throw new WireFormatError("truncated varint")
    value |= BigInt(byte & 0x7f) << BigInt(7 * i)
    if ((byte & 0x80) === 0) return { value, next: offset + i + 1 }
  }
  throw new WireFormatError("varint longer than 10 bytes")
}

/** Throws unless `bytes` is a sequence of well-formed fields (any content, groups refused). */
export function assertWellFormedMessage(bytes: Uint8Array): void {
  let offset = 0
  while (offset < bytes.length) {
    const tag = readVarint(bytes, offset)
    offset = tag.next
    if (tag.value >> 3n === 0n) throw new WireFormatError("field number 0")
    const wireType = Number(tag.value & 7n)
    if (wireType === WIRE_VARINT) offset = readVarint(bytes, offset).next
    else if (wireType === WIRE_FIXED64) offset += 8
    else if (wireType === WIRE_FIXED32) offset += 4
    else if (wireType === WIRE_LENGTH_DELIMITED) {
      const length = readVarint(bytes, offset)
      offset = length.next + Number(length.value)
    } else throw new WireFormatError(`unsupported wire type ${wireType}`)
    if (offset > bytes.length) throw new WireFormatError("field runs past the end of the message")
  }
}

function encodeVarint(value: bigint): number[] {
  const out: number[] = []
  let rest = value
  do {
    const low = Number(rest & 0x7fn)
    rest >>= 7n
    out.push(rest === 0n ? low : low | 0x80)
  } while (rest !== 0n)
  return out
}

/** A message holding one uint64 field; proto3 leaves a zero value out. */
export function encodeUint64Message(fieldNumber: number, value: bigint): Uint8Array {
  if (value === 0n) return new Uint8Array()
  return Uint8Array.from([...encodeVarint((BigInt(fieldNumber) << 3n) | BigInt(WIRE_VARINT)), ...encodeVarint(value)])
}
