// xmtp.org/multiRemoteStaticAttachment:1.0 (libxmtp 1.10 multi_remote_attachment.rs): a protobuf
// MultiRemoteAttachment of RemoteAttachmentInfo entries, one fixed fallback, pushed.
import { encodedContentOf, type ContentCodec } from "../codec"
import { contentTypeIdToString } from "../contentTypeId"
import { decodeMultiRemoteAttachmentMessage, encodeMultiRemoteAttachmentMessage, type MultiRemoteAttachment } from "../proto/contentTypeMessages"
import { CONTENT_TYPE_IDS } from "./ids"

export type { MultiRemoteAttachment } from "../proto/contentTypeMessages"

const NAME = contentTypeIdToString(CONTENT_TYPE_IDS.multiRemoteAttachment)

export const multiRemoteAttachmentCodec: ContentCodec<MultiRemoteAttachment> = {
  contentType: CONTENT_TYPE_IDS.multiRemoteAttachment,
  encode: (multi) => encodedContentOf(multiRemoteAttachmentCodec, multi, encodeMultiRemoteAttachmentMessage(multi)),
  decode: (encoded) => decodeMultiRemoteAttachmentMessage(encoded.content, NAME),
  fallback: () => "Can't display this content. This app doesn't support multiple remote attachments.",
  shouldPush: () => true,
}
