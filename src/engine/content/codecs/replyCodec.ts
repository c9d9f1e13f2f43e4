// xmtp.org/reply:1.0 (libxmtp 1.10 reply.rs): the payload is the reply's own EncodedContent;
// parameters carry `reference` (hex id of the message replied to), `contentType` (the inner type as
// `authority/type:major.minor`, when it has one) and, when known, `referenceInboxId`. Pushed.
import { encodedContentOf, type ContentCodec } from "../codec"
import { contentTypeIdToString } from "../contentTypeId"
import { ContentDecodeError } from "../errors"
import { decodeEncodedContent, encodeEncodedContent, type EncodedContent } from "../proto/encodedContentMessage"
import { CONTENT_TYPE_IDS } from "./ids"
import { textCodec } from "./textCodec"

const NAME = contentTypeIdToString(CONTENT_TYPE_IDS.reply)

export interface Reply {
  /** Hex id of the message replied to; empty when the parameter is missing. */
  reference: string
  referenceInboxId?: string
  /** The reply itself, of any content type (decode it with the registry). */
  content: EncodedContent
}

function replyFallback(reply: Reply): string {
  // libxmtp quotes the reply when its inner type id is "text" (any authority) and decodes as text.
  if (reply.content.type?.typeId === CONTENT_TYPE_IDS.text.typeId) {
    try {
      return `Replied with "${textCodec.decode(reply.content)}" to an earlier message`
    } catch (error) {
      if (!(error instanceof ContentDecodeError)) throw error
    }
  }
  return "Replied to an earlier message"
}

function replyParameters(reply: Reply): Array<[string, string]> {
  const parameters: Array<[string, string]> = [["reference", reply.reference]]
  if (reply.content.type) parameters.push(["contentType", contentTypeIdToString(reply.content.type)])
  if (reply.referenceInboxId !== undefined) parameters.push(["referenceInboxId", reply.referenceInboxId])
  return parameters
}

export const replyCodec: ContentCodec<Reply> = {
  contentType: CONTENT_TYPE_IDS.reply,
  encode: (reply) => encodedContentOf(replyCodec, reply, encodeEncodedContent(reply.content), replyParameters(reply)),
  decode(encoded) {
    let content: EncodedContent
    try {
      content = decodeEncodedContent(encoded.content)
    } catch (error) {
      if (error instanceof ContentDecodeError) throw new ContentDecodeError(error.code, `the replied content: ${error.message}`, NAME, { cause: error })
      throw error
    }
    const referenceInboxId = encoded.parameters.get("referenceInboxId")
    return {
      reference: encoded.parameters.get("reference") ?? "",
      ...(referenceInboxId === undefined ? {} : { referenceInboxId }),
      content,
    }
  },
  fallback: replyFallback,
  shouldPush: () => true,
}
