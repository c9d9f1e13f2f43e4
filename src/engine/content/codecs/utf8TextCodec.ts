// The two plain-text content types (xmtp.org/text and xmtp.org/markdown, libxmtp 1.10 text.rs and
// markdown.rs): UTF-8 bytes with the parameter `encoding=UTF-8`, no fallback, pushed. A missing
// `encoding` reads as UTF-8; any other declared encoding is refused.
import { encodedContentOf, type ContentCodec } from "../codec"
import { contentTypeIdToString, type ContentTypeId } from "../contentTypeId"
import { ContentDecodeError } from "../errors"
import { strictUtf8, utf8Bytes } from "./payload"

const ENCODING = "encoding"
const UTF8 = "UTF-8"

export function utf8TextCodec(contentType: ContentTypeId): ContentCodec<string> {
  const name = contentTypeIdToString(contentType)
  const codec: ContentCodec<string> = {
    contentType,
    encode: (text) => encodedContentOf(codec, text, utf8Bytes(text), [[ENCODING, UTF8]]),
    decode(encoded) {
      const encoding = encoded.parameters.get(ENCODING) ?? UTF8
      if (encoding !== UTF8) throw new ContentDecodeError("UnsupportedEncoding", `unsupported text encoding ${encoding}`, name)
      return strictUtf8(encoded.content, "the text", name)
    },
    fallback: () => undefined,
    shouldPush: () => true,
  }
  return codec
}
