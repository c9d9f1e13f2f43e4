// EncodedContent and ContentTypeId (proto commit 6d7c607c, mls/message_contents/content.proto), read
// and written as prost does in libxmtp 1.10: fields in tag order (content, 4, before compression,
// 5), proto3 `optional` fallback and compression written whenever present, parameters in the
// order given (prost's HashMap has none, so no byte order of two or more parameters is canonical).
import type { ContentTypeId } from "../contentTypeId"
import {
  ContentProtoWriter,
  contentReader,
  decodeProto,
  MessageChunks,
  readBytes,
  readInt32Field,
  readKnownFields,
  readNested,
  readString,
  readUint32Field,
  WIRE_LENGTH_DELIMITED,
  type ProtoReader,
} from "./contentWire"

/** Content.Compression: how `content` is compressed, when `compression` is present. */
export const COMPRESSION_DEFLATE = 0
export const COMPRESSION_GZIP = 1

export interface EncodedContent {
  /** Absent on the wire is possible; such content has no codec. */
  type?: ContentTypeId
  /** In wire order. */
  parameters: ReadonlyMap<string, string>
  fallback?: string
  /** A Content.Compression value (open enum: unknown values are kept). */
  compression?: number
  content: Uint8Array
}

export function encodeContentTypeIdMessage(id: ContentTypeId): Uint8Array {
  return new ContentProtoWriter()
    .string(1, id.authorityId)
    .string(2, id.typeId)
    .uint32(3, id.versionMajor)
    .uint32(4, id.versionMinor)
    .finish()
}

export function encodeEncodedContent(encoded: EncodedContent): Uint8Array {
  const writer = new ContentProtoWriter()
  if (encoded.type) writer.message(1, encodeContentTypeIdMessage(encoded.type))
  return writer
    .map(2, encoded.parameters, (entry, key, value) => entry.string(1, key).string(2, value))
    .optionalString(3, encoded.fallback)
    .bytes(4, encoded.content)
    .optionalEnum(5, encoded.compression)
    .finish()
}

/** Throws ContentDecodeError (MalformedEncodedContent or NotUtf8) when prost would refuse the bytes. */
export function decodeEncodedContent(bytes: Uint8Array): EncodedContent {
  return decodeProto("MalformedEncodedContent", "EncodedContent", () => readEncodedContent(contentReader(bytes)))
}

function readEncodedContent(reader: ProtoReader): EncodedContent {
  const type = new MessageChunks()
  const parameters = new Map<string, string>()
  let fallback: string | undefined
  let compression: number | undefined
  let content: Uint8Array = new Uint8Array()
  readKnownFields(reader, {
    1: (r, key) => {
      r.expectWireType(key, WIRE_LENGTH_DELIMITED, "EncodedContent.type")
      type.add(r.lengthDelimited())
    },
    2: (r, key) => parameters.set(...readParameter(readNested(r, key, "EncodedContent.parameters"))),
    3: (r, key) => (fallback = readString(r, key, "EncodedContent.fallback")),
    4: (r, key) => (content = readBytes(r, key, "EncodedContent.content")),
    5: (r, key) => (compression = readInt32Field(r, key, "EncodedContent.compression")),
  })
  return {
    ...(type.present ? { type: readContentTypeId(reader.nested(type.merged())) } : {}),
    parameters,
    ...(fallback === undefined ? {} : { fallback }),
    ...(compression === undefined ? {} : { compression }),
    content,
  }
}

function readContentTypeId(reader: ProtoReader): ContentTypeId {
  const id: ContentTypeId = { authorityId: "", typeId: "", versionMajor: 0, versionMinor: 0 }
  readKnownFields(reader, {
    1: (r, key) => (id.authorityId = readString(r, key, "ContentTypeId.authority_id")),
    2: (r, key) => (id.typeId = readString(r, key, "ContentTypeId.type_id")),
    3: (r, key) => (id.versionMajor = readUint32Field(r, key, "ContentTypeId.version_major")),
    4: (r, key) => (id.versionMinor = readUint32Field(r, key, "ContentTypeId.version_minor")),
  })
  return id
}

function readParameter(reader: ProtoReader): [string, string] {
  let name = ""
  let value = ""
  readKnownFields(reader, {
    1: (r, key) => (name = readString(r, key, "a parameter's name")),
    2: (r, key) => (value = readString(r, key, "a parameter's value")),
  })
  return [name, value]
}
