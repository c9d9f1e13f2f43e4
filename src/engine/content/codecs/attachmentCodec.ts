// xmtp.org/attachment:1.0 (libxmtp 1.10 attachment.rs): the file's bytes inline, with parameters
// `mimeType` and, when named, `filename`. Pushed. Files over the inline limit go remote instead
// (see attachments/prepareAttachment.ts).
import { encodedContentOf, type ContentCodec } from "../codec"
import { CONTENT_TYPE_IDS } from "./ids"

export interface Attachment {
  filename?: string
  mimeType: string
  content: Uint8Array
}

export const attachmentCodec: ContentCodec<Attachment> = {
  contentType: CONTENT_TYPE_IDS.attachment,
  encode: (attachment) =>
    encodedContentOf(attachmentCodec, attachment, attachment.content, [
      ["mimeType", attachment.mimeType],
      ...(attachment.filename === undefined ? [] : [["filename", attachment.filename] as [string, string]]),
    ]),
  decode(encoded) {
    const filename = encoded.parameters.get("filename")
    return {
      ...(filename === undefined ? {} : { filename }),
      mimeType: encoded.parameters.get("mimeType") ?? "",
      content: encoded.content,
    }
  },
  fallback: (attachment) => `Can't display ${attachment.filename ?? "this content"}. This app doesn't support attachments.`,
  shouldPush: () => true,
}
