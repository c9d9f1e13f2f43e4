// What a content type is to Parley: the shape of @xmtp/content-type-primitives' ContentCodec (the
// one apps already write for the official SDKs), over Parley's EncodedContent.
import type { ContentTypeId } from "./contentTypeId"
import type { EncodedContent } from "./proto/encodedContentMessage"

export interface ContentCodec<T> {
  readonly contentType: ContentTypeId
  /** The EncodedContent to send, its fallback included. Throws ContentEncodeError. */
  encode(value: T): EncodedContent
  /** Reads content already decompressed. Throws ContentDecodeError. */
  decode(encoded: EncodedContent): T
  /** Text for clients that cannot render the type; undefined when the type has none. */
  fallback(value: T): string | undefined
  /** Whether receivers' push notification servers should notify for this message. */
  shouldPush(value: T): boolean
}

/** An EncodedContent of `codec`'s type with the codec's fallback for `value`. */
export function encodedContentOf<T>(
  codec: Pick<ContentCodec<T>, "contentType" | "fallback">,
  value: T,
  content: Uint8Array,
  parameters: Iterable<readonly [string, string]> = [],
): EncodedContent {
  const fallback = codec.fallback(value)
  return {
    type: codec.contentType,
    parameters: new Map(parameters),
    ...(fallback === undefined ? {} : { fallback }),
    content,
  }
}
