// Protobuf wire format as prost (libxmtp's protobuf library) reads and writes it, for the group
// context extensions. The generated ts-proto codecs cannot serve here: they write map entries with
// default keys and values that prost omits, replace invalid UTF-8 instead of refusing it, and
// @xmtp/proto ships no codec for group_permissions.proto at all.
//
// Reading follows prost 0.13 (encoding.rs): field number 0 and wire types 6/7 are errors, a known
// field with the wrong wire type is an error, unknown fields (groups included) are skipped, strings
// must be UTF-8, varints are at most 10 bytes with a 10th byte of 0 or 1, and nesting is limited to
// 100 messages. Writing follows prost's rules: fields in tag order, proto3 scalars omitted when
// zero or empty, present messages always written (even when empty), and each map entry written as
// a nested message whose key and value are omitted when they equal their defaults.
import { GroupExtensionError } from "./errors"

export const WIRE_VARINT = 0
export const WIRE_FIXED64 = 1
export const WIRE_LENGTH_DELIMITED = 2
const WIRE_START_GROUP = 3
const WIRE_END_GROUP = 4
export const WIRE_FIXED32 = 5

/** prost's DecodeContext recursion limit. */
const RECURSION_LIMIT = 100
const MAX_FIELD_NUMBER = (1 << 29) - 1
const U64_MAX = (1n << 64n) - 1n

const malformed = (message: string) => new GroupExtensionError("Malformed", message)
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })
const utf8 = new TextEncoder()

export interface FieldKey {
  field: number
  wireType: number
}

export class ProtoReader {
  private offset = 0

  constructor(
    private readonly bytes: Uint8Array,
    private readonly depth = 0,
  ) {
    if (depth > RECURSION_LIMIT) throw malformed(`protobuf messages nested deeper than ${RECURSION_LIMIT}`)
  }

  done(): boolean {
    return this.offset >= this.bytes.length
  }

  key(): FieldKey {
    const key = this.varint()
    if (key > 0xffffffffn) throw malformed(`invalid protobuf key ${key}`)
    const wireType = Number(key & 7n)
    const field = Number(key >> 3n)
    if (wireType > WIRE_FIXED32) throw malformed(`invalid protobuf wire type ${wireType}`)
    if (field === 0 || field > MAX_FIELD_NUMBER) throw malformed(`invalid protobuf field number ${field}`)
    return { field, wireType }
  }

  varint(): bigint {
    let value = 0n
    for (let i = 0; i < 10; i++) {
      const byte = this.bytes[this.offset++]
      if (byte === undefined) throw malformed("truncated protobuf varint")
      if (i === 9 && byte > 1) throw malformed("protobuf varint overflows 64 bits")
      value |= BigInt(byte & 0x7f) << BigInt(7 * i)
      if ((byte & 0x80) === 0) return value
    }
    throw malformed("protobuf varint longer than 10 bytes")
  }

  /** A proto3 enum or int32: prost keeps the low 32 bits of the varint as a signed value. */
  int32(): number {
    return Number(BigInt.asIntN(32, this.varint()))
  }

  lengthDelimited(): Uint8Array {
    const length = this.varint()
    if (length > BigInt(this.bytes.length - this.offset)) throw malformed("protobuf length-delimited field overruns its message")
    const start = this.offset
    this.offset += Number(length)
    return this.bytes.subarray(start, this.offset)
  }

  string(what: string): string {
    try {
      return strictUtf8.decode(this.lengthDelimited())
    } catch (error) {
      if (error instanceof GroupExtensionError) throw error
      throw new GroupExtensionError("NotUtf8", `${what} is not valid UTF-8`)
    }
  }

  /** A reader for a nested message's bytes, one level deeper. */
  nested(bytes: Uint8Array): ProtoReader {
    return new ProtoReader(bytes, this.depth + 1)
  }

  expectWireType(key: FieldKey, wireType: number, what: string): void {
    if (key.wireType !== wireType) throw malformed(`${what} has wire type ${key.wireType}, expected ${wireType}`)
  }

  skip(key: FieldKey): void {
    switch (key.wireType) {
      case WIRE_VARINT:
        this.varint()
        return
      case WIRE_FIXED64:
        this.advance(8)
        return
      case WIRE_LENGTH_DELIMITED:
        this.lengthDelimited()
        return
      case WIRE_START_GROUP:
        this.skipGroup(key.field, this.depth + 1)
        return
      case WIRE_END_GROUP:
        throw malformed("unexpected protobuf end-group tag")
      default:
        this.advance(4)
    }
  }

  private advance(count: number): void {
    if (this.offset + count > this.bytes.length) throw malformed("protobuf fixed-size field overruns its message")
    this.offset += count
  }

  private skipGroup(field: number, depth: number): void {
    if (depth > RECURSION_LIMIT) throw malformed(`protobuf groups nested deeper than ${RECURSION_LIMIT}`)
    for (;;) {
      if (this.done()) throw malformed("unterminated protobuf group")
      const inner = this.key()
      if (inner.wireType === WIRE_END_GROUP) {
        if (inner.field !== field) throw malformed("mismatched protobuf end-group tag")
        return
      }
      if (inner.wireType === WIRE_START_GROUP) this.skipGroup(inner.field, depth + 1)
      else this.skip(inner)
    }
  }
}

/**
 * Collects every occurrence of a singular message field: protobuf merges repeated occurrences,
 * which is the same as parsing their concatenation, so the caller decodes `merged()` once.
 */
export class MessageChunks {
  private readonly chunks: Uint8Array[] = []

  add(chunk: Uint8Array): void {
    this.chunks.push(chunk)
  }

  get present(): boolean {
    return this.chunks.length > 0
  }

  merged(): Uint8Array {
    // prost parses each occurrence on its own, so one that ends inside a field is an error even
    // when the next occurrence would complete it: check that every chunk is whole fields first.
    if (this.chunks.length > 1) {
      for (const chunk of this.chunks) {
        const reader = new ProtoReader(chunk)
        while (!reader.done()) reader.skip(reader.key())
      }
    }
    return concat(this.chunks)
  }
}

export class ProtoWriter {
  private readonly parts: Uint8Array[] = []

  private key(field: number, wireType: number): void {
    this.varint(BigInt(field * 8 + wireType))
  }

  private varint(value: bigint): void {
    const out: number[] = []
    let rest = BigInt.asUintN(64, value)
    while (rest >= 0x80n) {
      out.push(Number(rest & 0x7fn) | 0x80)
      rest >>= 7n
    }
    out.push(Number(rest))
    this.parts.push(Uint8Array.from(out))
  }

  /** A proto3 uint64, omitted when zero. */
  uint64(field: number, value: bigint): this {
    if (value < 0n || value > U64_MAX) throw new GroupExtensionError("InvalidValue", `${value} is not a uint64`)
    if (value !== 0n) {
      this.key(field, WIRE_VARINT)
      this.varint(value)
    }
    return this
  }

  /** A proto3 enum, omitted when zero; negative values take ten bytes, as int32 does. */
  enumValue(field: number, value: number): this {
    if (value !== 0) this.enumAlways(field, value)
    return this
  }

  /** An enum inside a oneof: prost writes it whenever the oneof is set, zero included. */
  enumAlways(field: number, value: number): this {
    this.key(field, WIRE_VARINT)
    this.varint(BigInt(value))
    return this
  }

  /** A proto3 string, omitted when empty. */
  string(field: number, value: string): this {
    if (value !== "") this.lengthDelimited(field, utf8.encode(value))
    return this
  }

  /** A proto3 bytes field, omitted when empty. */
  bytes(field: number, value: Uint8Array): this {
    if (value.length > 0) this.lengthDelimited(field, value)
    return this
  }

  repeatedString(field: number, values: readonly string[]): this {
    for (const value of values) this.lengthDelimited(field, utf8.encode(value))
    return this
  }

  repeatedBytes(field: number, values: readonly Uint8Array[]): this {
    for (const value of values) this.lengthDelimited(field, value)
    return this
  }

  /** A present (Some) message field: written even when its encoding is empty. */
  message(field: number, encoded: Uint8Array): this {
    this.lengthDelimited(field, encoded)
    return this
  }

  repeatedMessage(field: number, encoded: readonly Uint8Array[]): this {
    for (const message of encoded) this.lengthDelimited(field, message)
    return this
  }

  /**
   * A map field in the given entry order. `writeEntry` writes key (field 1) and value (field 2)
   * with the scalar methods above, which already omit defaults as prost's map encoding does.
   */
  map<K, V>(field: number, entries: Iterable<readonly [K, V]>, writeEntry: (entry: ProtoWriter, key: K, value: V) => void): this {
    for (const [key, value] of entries) {
      const entry = new ProtoWriter()
      writeEntry(entry, key, value)
      this.lengthDelimited(field, entry.finish())
    }
    return this
  }

  finish(): Uint8Array {
    return concat(this.parts)
  }

  private lengthDelimited(field: number, value: Uint8Array): void {
    this.key(field, WIRE_LENGTH_DELIMITED)
    this.varint(BigInt(value.length))
    this.parts.push(value)
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}
