// xmtp.org/deleteMessage:1.0 (libxmtp 1.10 delete_message.rs): "delete for everyone" of the message
// whose hex id it carries. Protobuf DeleteMessage, no fallback, not pushed; message lists hide it.
import { encodedContentOf, type ContentCodec } from "../codec"
import { contentTypeIdToString } from "../contentTypeId"
import { decodeDeleteMessageMessage, encodeDeleteMessageMessage, type DeleteMessage } from "../proto/contentTypeMessages"
import { CONTENT_TYPE_IDS } from "./ids"

export type { DeleteMessage } from "../proto/contentTypeMessages"

const NAME = contentTypeIdToString(CONTENT_TYPE_IDS.deleteMessage)

export const deleteMessageCodec: ContentCodec<DeleteMessage> = {
  contentType: CONTENT_TYPE_IDS.deleteMessage,
  encode: (request) => encodedContentOf(deleteMessageCodec, request, encodeDeleteMessageMessage(request)),
  decode: (encoded) => decodeDeleteMessageMessage(encoded.content, NAME),
  fallback: () => undefined,
  shouldPush: () => false,
}
