// coinbase.com/intent:1.0 (libxmtp 1.10 intent.rs): serde_json of `{id, actionId, metadata?}`, the
// answer to an Actions message. Metadata over 10 KiB of JSON is refused; `action_id` is read as an
// alias of `actionId`. Fallback `User selected action: <actionId>`, pushed. libxmtp keeps the
// metadata in a HashMap, so with two or more keys its key order (and bytes) vary from run to run.
import { encodedContentOf, type ContentCodec } from "../codec"
import { contentTypeIdToString } from "../contentTypeId"
import { ContentEncodeError } from "../errors"
import type { JsonNode } from "../json/serdeJsonParse"
import { jsonObject, jsonString, jsonValue, type JsonValue } from "../json/serdeJsonWrite"
import { readMap, readOption, readString, readStruct, requiredField, toJsonValue, type FieldSpec } from "../json/serdeStruct"
import { CONTENT_TYPE_IDS } from "./ids"
import { decodeJsonPayload, utf8Bytes } from "./payload"

export interface Intent {
  /** The id of the Actions message answered. */
  id: string
  /** The id of the chosen action. */
  actionId: string
  metadata?: Record<string, JsonValue>
}

const NAME = contentTypeIdToString(CONTENT_TYPE_IDS.intent)
/** INTENT_METADATA_LIMIT, in bytes of serialised JSON. */
export const INTENT_METADATA_LIMIT_BYTES = 10 * 1024

const FIELDS: readonly FieldSpec[] = [{ name: "id" }, { name: "actionId", aliases: ["action_id"] }, { name: "metadata", optional: true }]

function encodeIntent(intent: Intent): Uint8Array {
  let metadata: string | undefined
  if (intent.metadata !== undefined) {
    metadata = jsonValue(intent.metadata)
    if (utf8Bytes(metadata).length > INTENT_METADATA_LIMIT_BYTES) {
      throw new ContentEncodeError("TooLarge", `Intent metadata is too large. (limit: ${INTENT_METADATA_LIMIT_BYTES / 1024}kb)`, NAME)
    }
  }
  return utf8Bytes(
    jsonObject([
      ["id", jsonString(intent.id)],
      ["actionId", jsonString(intent.actionId)],
      ["metadata", metadata],
    ]),
  )
}

function readIntent(node: JsonNode): Intent {
  const fields = readStruct(node, "Intent", FIELDS)
  const metadata = readOption(fields.get("metadata"), (n) => readMap(n, toJsonValue))
  return {
    id: readString(requiredField(fields, "id")),
    actionId: readString(requiredField(fields, "actionId")),
    ...(metadata === undefined ? {} : { metadata }),
  }
}

export const intentCodec: ContentCodec<Intent> = {
  contentType: CONTENT_TYPE_IDS.intent,
  encode: (intent) => encodedContentOf(intentCodec, intent, encodeIntent(intent)),
  decode: (encoded) => decodeJsonPayload(encoded.content, NAME, readIntent),
  fallback: (intent) => `User selected action: ${intent.actionId}`,
  shouldPush: () => true,
}
