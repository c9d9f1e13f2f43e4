// EncodedContent.compression on receipt. libxmtp 1.10 itself ignores the field (its codecs read
// compressed bytes as they are), but the XMTP mobile SDKs send compressed content when asked and
// inflate it before decoding (android EncodedContentCompression.kt, ios ContentCodec.swift): deflate
// is zlib-wrapped from Android and JavaScript and raw from iOS; gzip is gzip. Unknown values are
// left alone, as those SDKs leave them.
import { gunzipSync, inflateRawSync, inflateSync } from "node:zlib"
import { ContentDecodeError } from "./errors"
import { COMPRESSION_DEFLATE, COMPRESSION_GZIP, type EncodedContent } from "./proto/encodedContentMessage"

/** Largest inflated content accepted: libxmtp's gRPC payload limit, so no bomb outgrows a message. */
export const DECOMPRESSED_CONTENT_LIMIT_BYTES = 25 * 1024 * 1024

const LIMIT = { maxOutputLength: DECOMPRESSED_CONTENT_LIMIT_BYTES }

function inflateDeflate(bytes: Uint8Array): Buffer {
  try {
    return inflateSync(bytes, LIMIT)
  } catch (error) {
    if ((error as { code?: string }).code !== "Z_DATA_ERROR") throw error
    return inflateRawSync(bytes, LIMIT)
  }
}

const gunzip = (bytes: Uint8Array): Buffer => gunzipSync(bytes, LIMIT)

/** The content with `compression` undone, or as it is when it has none (or an unknown one). */
export function decompressContent(encoded: EncodedContent, contentType?: string): EncodedContent {
  const inflate = encoded.compression === COMPRESSION_DEFLATE ? inflateDeflate : encoded.compression === COMPRESSION_GZIP ? gunzip : undefined
  if (!inflate) return encoded
  let content: Uint8Array
  try {
    content = new Uint8Array(inflate(encoded.content))
  } catch (cause) {
    const tooLarge = (cause as { code?: string }).code === "ERR_BUFFER_TOO_LARGE"
    const reason = tooLarge ? `inflates past ${DECOMPRESSED_CONTENT_LIMIT_BYTES} bytes` : `does not inflate (${String(cause)})`
    throw new ContentDecodeError("Decompression", `the compressed content ${reason}`, contentType, { cause })
  }
  const { compression: _compression, ...rest } = encoded
  return { ...rest, content }
}
