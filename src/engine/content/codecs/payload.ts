// Reading and writing the payload bytes of content types: UTF-8 text and serde_json JSON, with
// failures reported as ContentDecodeError against the content type being decoded.
import { ContentDecodeError } from "../errors"
import { JsonError, parseSerdeJson, type JsonNode } from "../json/serdeJsonParse"

const encoder = new TextEncoder()
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })

export const utf8Bytes = (text: string): Uint8Array => encoder.encode(text)

/** `str::from_utf8` / `String::from_utf8`: invalid UTF-8 is an error, a BOM is kept. */
export function strictUtf8(bytes: Uint8Array, what: string, contentType: string): string {
  try {
    return strictDecoder.decode(bytes)
  } catch (cause) {
    throw new ContentDecodeError("NotUtf8", `${what} is not valid UTF-8`, contentType, { cause })
  }
}

/** Parses a JSON payload and reads it with `read`, as serde_json::from_slice would. */
export function decodeJsonPayload<T>(bytes: Uint8Array, contentType: string, read: (node: JsonNode) => T): T {
  try {
    return read(parseSerdeJson(bytes))
  } catch (error) {
    if (error instanceof JsonError) throw new ContentDecodeError("InvalidJson", error.message, contentType, { cause: error })
    throw error
  }
}
