// The prost-exact protobuf reader and writer (shared with the group context extensions) adapted to
// the content layer: proto3 `optional` fields, uint32, and failures reported as ContentDecodeError.
import { GroupExtensionError } from "../../groups/extensions/errors"
import { ProtoReader, ProtoWriter, WIRE_LENGTH_DELIMITED, WIRE_VARINT, type FieldKey } from "../../groups/extensions/protoWire"
import { ContentDecodeError, type ContentDecodeErrorCode } from "../errors"

export { MessageChunks, WIRE_LENGTH_DELIMITED, WIRE_VARINT, type FieldKey, type ProtoReader } from "../../groups/extensions/protoWire"

const utf8 = new TextEncoder()

export class ContentProtoWriter extends ProtoWriter {
  /** A proto3 uint32, omitted when zero. */
  uint32(field: number, value: number): this {
    return this.enumValue(field, value)
  }

  /** A proto3 `optional uint32`: written whenever present, zero included. */
  optionalUint32(field: number, value: number | undefined): this {
    return value === undefined ? this : this.enumAlways(field, value)
  }

  /** A proto3 `optional` enum: written whenever present, zero included. */
  optionalEnum(field: number, value: number | undefined): this {
    return value === undefined ? this : this.enumAlways(field, value)
  }

  /** A proto3 `optional string`: written whenever present, the empty string included. */
  optionalString(field: number, value: string | undefined): this {
    return value === undefined ? this : this.message(field, utf8.encode(value))
  }

  /** A proto3 `optional bytes`: written whenever present, empty included. */
  optionalBytes(field: number, value: Uint8Array | undefined): this {
    return value === undefined ? this : this.message(field, value)
  }
}

/**
 * A reader over `bytes` as a plain Uint8Array: a Node Buffer's slice() is a view, not a copy, so
 * reading from one would hand out values that share (and pin) the caller's buffer.
 */
export function contentReader(bytes: Uint8Array): ProtoReader {
  return new ProtoReader(Buffer.isBuffer(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes)
}

/** prost truncates a uint32's varint to its low 32 bits. */
function readUint32(reader: ProtoReader): number {
  return Number(reader.varint() & 0xffff_ffffn)
}

/**
 * Runs a protobuf decoder and turns the shared reader's failures into a ContentDecodeError with
 * `code` (NotUtf8 for strings that are not UTF-8, as prost reports them).
 */
export function decodeProto<T>(code: ContentDecodeErrorCode, what: string, decode: () => T, contentType?: string): T {
  try {
    return decode()
  } catch (error) {
    if (error instanceof GroupExtensionError) {
      const failure: ContentDecodeErrorCode = error.code === "NotUtf8" ? "NotUtf8" : code
      throw new ContentDecodeError(failure, `${what}: ${error.message}`, contentType, { cause: error })
    }
    throw error
  }
}

/**
 * Runs `read` over `bytes` as a content type's protobuf payload, reporting what prost would refuse
 * as a MalformedProtobuf (or NotUtf8) ContentDecodeError.
 */
export function decodeContentMessage<T>(bytes: Uint8Array, what: string, contentType: string | undefined, read: (reader: ProtoReader) => T): T {
  return decodeProto("MalformedProtobuf", what, () => read(contentReader(bytes)), contentType)
}

/** Reads every field; `onField` consumes the known ones and returns false for the rest, which are skipped. */
export function readFields(reader: ProtoReader, onField: (reader: ProtoReader, key: FieldKey) => boolean): void {
  while (!reader.done()) {
    const key = reader.key()
    if (!onField(reader, key)) reader.skip(key)
  }
}

/** How each known field of a message is read, by field number. */
export type FieldReaders = Readonly<Partial<Record<number, (reader: ProtoReader, key: FieldKey) => void>>>

/** Reads every field: a field with an entry in `readers` is consumed by it, any other is skipped. */
export function readKnownFields(reader: ProtoReader, readers: FieldReaders): void {
  readFields(reader, (r, key) => {
    const read = readers[key.field]
    if (read === undefined) return false
    read(r, key)
    return true
  })
}

/** A length-delimited field read as an embedded message. */
export function readNested(reader: ProtoReader, key: FieldKey, what: string): ProtoReader {
  reader.expectWireType(key, WIRE_LENGTH_DELIMITED, what)
  return reader.nested(reader.lengthDelimited())
}

/** An int32 or (open) enum field. */
export function readInt32Field(reader: ProtoReader, key: FieldKey, what: string): number {
  reader.expectWireType(key, WIRE_VARINT, what)
  return reader.int32()
}

/** A uint32 field. */
export function readUint32Field(reader: ProtoReader, key: FieldKey, what: string): number {
  reader.expectWireType(key, WIRE_VARINT, what)
  return readUint32(reader)
}

export function readString(reader: ProtoReader, key: FieldKey, what: string): string {
  reader.expectWireType(key, WIRE_LENGTH_DELIMITED, what)
  return reader.string(what)
}

export function readBytes(reader: ProtoReader, key: FieldKey, what: string): Uint8Array {
  reader.expectWireType(key, WIRE_LENGTH_DELIMITED, what)
  return reader.lengthDelimited().slice()
}
