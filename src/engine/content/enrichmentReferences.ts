// The message a reaction, reply or delete points at, as libxmtp stores it in a row's reference_id
// (groups/mod.rs QueryableContentFields): reply v1's `reference` parameter, a reaction's
// `reference` (ReactionV2 protobuf from major 2, the legacy JSON below), deleteMessage v1's
// `message_id`, each hex-decoded. Like libxmtp it reads the payload as stored (no decompression),
// and anything that does not decode, or is not hex, points nowhere.
import { deleteMessageCodec } from "./codecs/deleteMessageCodec"
import { fromHex } from "./codecs/hex"
import { CONTENT_TYPE_IDS } from "./codecs/ids"
import { legacyReactionCodec } from "./codecs/legacyReactionCodec"
import { reactionCodec } from "./codecs/reactionCodec"
import { replyCodec } from "./codecs/replyCodec"
import { ContentDecodeError } from "./errors"
import type { EncodedContent } from "./proto/encodedContentMessage"

/** The referenced message id, or undefined when the content references nothing readable. */
export function referencedMessageId(encoded: EncodedContent): Uint8Array | undefined {
  const type = encoded.type
  if (!type) return undefined
  const hexId = referenceOf(encoded, type.typeId, type.versionMajor)
  return hexId === undefined ? undefined : fromHex(hexId)
}

function referenceOf(encoded: EncodedContent, typeId: string, major: number): string | undefined {
  try {
    if (typeId === CONTENT_TYPE_IDS.reply.typeId && major === CONTENT_TYPE_IDS.reply.versionMajor) return replyCodec.decode(encoded).reference
    if (typeId === CONTENT_TYPE_IDS.reaction.typeId) {
      return (major >= CONTENT_TYPE_IDS.reaction.versionMajor ? reactionCodec : legacyReactionCodec).decode(encoded).reference
    }
    if (typeId === CONTENT_TYPE_IDS.deleteMessage.typeId && major === CONTENT_TYPE_IDS.deleteMessage.versionMajor) {
      return deleteMessageCodec.decode(encoded).messageId
    }
  } catch (error) {
    if (!(error instanceof ContentDecodeError)) throw error
  }
  return undefined
}
