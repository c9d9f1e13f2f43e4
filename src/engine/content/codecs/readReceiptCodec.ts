// xmtp.org/readReceipt:1.0 (libxmtp 1.10 read_receipt.rs): empty content, no fallback, never
// pushed; any content decodes, as libxmtp ignores it.
import { encodedContentOf, type ContentCodec } from "../codec"
import { CONTENT_TYPE_IDS } from "./ids"

/** A read receipt carries nothing: it is its own timestamp. */
export type ReadReceipt = Record<string, never>

export const readReceiptCodec: ContentCodec<ReadReceipt> = {
  contentType: CONTENT_TYPE_IDS.readReceipt,
  encode: (receipt) => encodedContentOf(readReceiptCodec, receipt, new Uint8Array()),
  decode: () => ({}),
  fallback: () => undefined,
  shouldPush: () => false,
}
