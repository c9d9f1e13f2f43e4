// Where codecs live: Parley's built-ins (every content type of libxmtp 1.10) and whatever an app
// registers. Decoding looks a codec up by authority, type and major version; for the built-ins,
// as libxmtp does, by type and major version alone (any authority's "text" is text). Content of
// an unknown type decodes to a `custom` result that keeps the original bytes; a codec that fails
// raises ContentDecodeError and nothing else.
import type { ContentCodec } from "./codec"
import { actionsCodec } from "./codecs/actionsCodec"
import { attachmentCodec } from "./codecs/attachmentCodec"
import { deleteMessageCodec } from "./codecs/deleteMessageCodec"
import { groupMembershipChangeCodec } from "./codecs/groupMembershipChangeCodec"
import { groupUpdatedCodec } from "./codecs/groupUpdatedCodec"
import { intentCodec } from "./codecs/intentCodec"
import { leaveRequestCodec } from "./codecs/leaveRequestCodec"
import { legacyReactionCodec } from "./codecs/legacyReactionCodec"
import { markdownCodec } from "./codecs/markdownCodec"
import { multiRemoteAttachmentCodec } from "./codecs/multiRemoteAttachmentCodec"
import { reactionCodec } from "./codecs/reactionCodec"
import { readReceiptCodec } from "./codecs/readReceiptCodec"
import { remoteAttachmentCodec } from "./codecs/remoteAttachmentCodec"
import { replyCodec } from "./codecs/replyCodec"
import { textCodec } from "./codecs/textCodec"
import { transactionReferenceCodec } from "./codecs/transactionReferenceCodec"
import { walletSendCallsCodec } from "./codecs/walletSendCallsCodec"
import { decompressContent } from "./compression"
import { contentTypeIdToString, type ContentTypeId } from "./contentTypeId"
import { ContentDecodeError, ContentEncodeError } from "./errors"
import { decodeEncodedContent, encodeEncodedContent, type EncodedContent } from "./proto/encodedContentMessage"

// The registry holds codecs of many value types; each result says which codec produced it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodec = ContentCodec<any>

export const BUILT_IN_CODECS: readonly AnyCodec[] = [
  textCodec,
  markdownCodec,
  reactionCodec,
  legacyReactionCodec,
  replyCodec,
  readReceiptCodec,
  attachmentCodec,
  remoteAttachmentCodec,
  multiRemoteAttachmentCodec,
  transactionReferenceCodec,
  walletSendCallsCodec,
  groupUpdatedCodec,
  groupMembershipChangeCodec,
  leaveRequestCodec,
  deleteMessageCodec,
  actionsCodec,
  intentCodec,
]

export type DecodedContent =
  | {
      kind: "content"
      contentType: ContentTypeId
      codec: AnyCodec
      value: unknown
      fallback?: string
    }
  | {
      /** No codec for this type (or none declared): shown by its fallback, kept as it came. */
      kind: "custom"
      contentType?: ContentTypeId
      encoded: EncodedContent
      /** The EncodedContent as received (for decodeEncoded, as re-encoded). */
      bytes: Uint8Array
      fallback?: string
    }

/** The value of `decoded` when `codec` produced it. */
export function contentOf<T>(decoded: DecodedContent, codec: ContentCodec<T>): T | undefined {
  return decoded.kind === "content" && decoded.codec === codec ? (decoded.value as T) : undefined
}

const exactKey = (id: ContentTypeId) => `${id.authorityId}/${id.typeId}:${id.versionMajor}`
const typeKey = (id: ContentTypeId) => `${id.typeId}:${id.versionMajor}`

export class CodecRegistry {
  private readonly exact = new Map<string, AnyCodec>()
  private readonly builtInByType = new Map<string, AnyCodec>()

  /** A registry of the built-in codecs. */
  constructor() {
    for (const codec of BUILT_IN_CODECS) {
      this.exact.set(exactKey(codec.contentType), codec)
      this.builtInByType.set(typeKey(codec.contentType), codec)
    }
  }

  /** Adds (or replaces) the codec for its authority, type and major version. */
  register<T>(codec: ContentCodec<T>): this {
    this.exact.set(exactKey(codec.contentType), codec)
    return this
  }

  codecFor(id: ContentTypeId): AnyCodec | undefined {
    return this.exact.get(exactKey(id)) ?? this.builtInByType.get(typeKey(id))
  }

  /** `codec.encode(value)`, with anything but a ContentEncodeError reported as one. */
  encode<T>(codec: ContentCodec<T>, value: T): EncodedContent {
    try {
      return codec.encode(value)
    } catch (error) {
      if (error instanceof ContentEncodeError) throw error
      const name = contentTypeIdToString(codec.contentType)
      throw new ContentEncodeError("CodecFailed", `the codec failed: ${String(error)}`, name, { cause: error })
    }
  }

  encodeToBytes<T>(codec: ContentCodec<T>, value: T): Uint8Array {
    return encodeEncodedContent(this.encode(codec, value))
  }

  /** Decodes a message's EncodedContent bytes. Throws ContentDecodeError only. */
  decode(bytes: Uint8Array): DecodedContent {
    return this.decodeWith(decodeEncodedContent(bytes), bytes)
  }

  /** Decodes an EncodedContent already parsed (a reply's inner content). Throws ContentDecodeError only. */
  decodeEncoded(encoded: EncodedContent): DecodedContent {
    return this.decodeWith(encoded, undefined)
  }

  private decodeWith(encoded: EncodedContent, bytes: Uint8Array | undefined): DecodedContent {
    const contentType = encoded.type
    const codec = contentType && this.codecFor(contentType)
    const fallback = encoded.fallback === undefined ? {} : { fallback: encoded.fallback }
    if (!contentType || !codec) {
      return { kind: "custom", ...(contentType ? { contentType } : {}), encoded, bytes: bytes ?? encodeEncodedContent(encoded), ...fallback }
    }
    const name = contentTypeIdToString(contentType)
    const plain = decompressContent(encoded, name)
    try {
      return { kind: "content", contentType, codec, value: codec.decode(plain), ...fallback }
    } catch (error) {
      if (error instanceof ContentDecodeError) throw error
      throw new ContentDecodeError("CodecFailed", `the codec failed: ${String(error)}`, name, { cause: error })
    }
  }
}
