// xmtp.org/reaction:2.0 (libxmtp 1.10 reaction.rs): a protobuf ReactionV2, never pushed, with the
// fallback `Reacted with "👍" to an earlier message` or `Removed "👍" from an earlier message`.
import { encodedContentOf, type ContentCodec } from "../codec"
import { contentTypeIdToString } from "../contentTypeId"
import { decodeReactionMessage, encodeReactionMessage, type Reaction } from "../proto/contentTypeMessages"
import { CONTENT_TYPE_IDS } from "./ids"

export type { Reaction, ReactionAction, ReactionSchema } from "../proto/contentTypeMessages"

const NAME = contentTypeIdToString(CONTENT_TYPE_IDS.reaction)

/** Shared by both versions: only an explicit removal reads as one. */
export function reactionFallback(reaction: Pick<Reaction, "action" | "content">): string {
  return reaction.action === "removed"
    ? `Removed "${reaction.content}" from an earlier message`
    : `Reacted with "${reaction.content}" to an earlier message`
}

export const reactionCodec: ContentCodec<Reaction> = {
  contentType: CONTENT_TYPE_IDS.reaction,
  encode: (reaction) => encodedContentOf(reactionCodec, reaction, encodeReactionMessage(reaction)),
  decode: (encoded) => decodeReactionMessage(encoded.content, NAME),
  fallback: reactionFallback,
  shouldPush: () => false,
}
