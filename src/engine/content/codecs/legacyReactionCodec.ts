// xmtp.org/reaction:1.0, the JSON reactions of older clients (libxmtp 1.10 reaction.rs
// LegacyReaction): `{"action","reference","referenceInboxId"?,"schema","content"}`, read into the
// ReactionV2 model; an action or schema other than the known names reads as unknown. Parley sends
// v2; this codec exists so v1 reactions from other clients are understood.
import { encodedContentOf, type ContentCodec } from "../codec"
import { contentTypeIdToString } from "../contentTypeId"
import { jsonObject, jsonString } from "../json/serdeJsonWrite"
import { readOption, readString, readStruct, requiredField, type FieldSpec } from "../json/serdeStruct"
import type { Reaction, ReactionAction, ReactionSchema } from "../proto/contentTypeMessages"
import { CONTENT_TYPE_IDS } from "./ids"
import { decodeJsonPayload, utf8Bytes } from "./payload"
import { reactionFallback } from "./reactionCodec"

const NAME = contentTypeIdToString(CONTENT_TYPE_IDS.legacyReaction)

const FIELDS: readonly FieldSpec[] = [
  { name: "action" },
  { name: "reference" },
  { name: "referenceInboxId", optional: true },
  { name: "schema" },
  { name: "content" },
]

const ACTIONS = new Map<string, ReactionAction>([
  ["added", "added"],
  ["removed", "removed"],
])
const SCHEMAS = new Map<string, ReactionSchema>([
  ["unicode", "unicode"],
  ["shortcode", "shortcode"],
  ["custom", "custom"],
])

function encodeLegacyReaction(reaction: Reaction): Uint8Array {
  return utf8Bytes(
    jsonObject([
      ["action", jsonString(reaction.action)],
      ["reference", jsonString(reaction.reference)],
      ["referenceInboxId", reaction.referenceInboxId === "" ? undefined : jsonString(reaction.referenceInboxId)],
      ["schema", jsonString(reaction.schema)],
      ["content", jsonString(reaction.content)],
    ]),
  )
}

export const legacyReactionCodec: ContentCodec<Reaction> = {
  contentType: CONTENT_TYPE_IDS.legacyReaction,
  encode: (reaction) => encodedContentOf(legacyReactionCodec, reaction, encodeLegacyReaction(reaction)),
  decode: (encoded) =>
    decodeJsonPayload(encoded.content, NAME, (node) => {
      const fields = readStruct(node, "LegacyReaction", FIELDS)
      const field = (name: string) => readString(requiredField(fields, name))
      return {
        reference: field("reference"),
        referenceInboxId: readOption(fields.get("referenceInboxId"), readString) ?? "",
        action: ACTIONS.get(field("action")) ?? "unknown",
        content: field("content"),
        schema: SCHEMAS.get(field("schema")) ?? "unknown",
      }
    }),
  fallback: reactionFallback,
  shouldPush: () => false,
}
