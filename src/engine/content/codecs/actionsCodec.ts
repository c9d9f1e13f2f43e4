// coinbase.com/actions:1.0 (libxmtp 1.10 actions.rs): serde_json of a menu of 1 to 10 actions with
// unique ids; expiry times are written in UTC with milliseconds (`2025-01-15T12:30:45.123Z`) and
// read as any RFC 3339 date-time. `expires_at` and `image_url` are read as aliases. The fallback
// lists the actions as `[n] label` lines; pushed.
import { encodedContentOf, type ContentCodec } from "../codec"
import { contentTypeIdToString } from "../contentTypeId"
import { ContentEncodeError } from "../errors"
import { formatUtcMillis, parseRfc3339Ns } from "../json/rfc3339"
import type { JsonNode } from "../json/serdeJsonParse"
import { jsonArray, jsonObject, jsonString } from "../json/serdeJsonWrite"
import { readOption, readString, readStruct, readUnitEnum, readVec, requiredField, type FieldSpec } from "../json/serdeStruct"
import { CONTENT_TYPE_IDS } from "./ids"
import { decodeJsonPayload, utf8Bytes } from "./payload"

export type ActionStyle = "primary" | "secondary" | "danger"

export interface Action {
  id: string
  label: string
  imageUrl?: string
  style?: ActionStyle
  /** Unix nanoseconds; written with millisecond precision. */
  expiresAtNs?: bigint
}

export interface Actions {
  id: string
  description: string
  actions: Action[]
  expiresAtNs?: bigint
}

const NAME = contentTypeIdToString(CONTENT_TYPE_IDS.actions)
const MAX_ACTIONS = 10
const STYLES: readonly ActionStyle[] = ["primary", "secondary", "danger"]
const I64_MIN = -(1n << 63n)
const I64_MAX = (1n << 63n) - 1n

const ACTIONS_FIELDS: readonly FieldSpec[] = [
  { name: "id" },
  { name: "description" },
  { name: "actions" },
  { name: "expiresAt", aliases: ["expires_at"], optional: true, hasDefault: true },
]
const ACTION_FIELDS: readonly FieldSpec[] = [
  { name: "id" },
  { name: "label" },
  { name: "imageUrl", aliases: ["image_url"], optional: true },
  { name: "style", optional: true },
  { name: "expiresAt", aliases: ["expires_at"], optional: true, hasDefault: true },
]

function expiryJson(ns: bigint | undefined): string | undefined {
  if (ns === undefined) return undefined
  if (ns < I64_MIN || ns > I64_MAX) throw new ContentEncodeError("InvalidValue", `expiry ${ns} ns is outside the i64 range`, NAME)
  return jsonString(formatUtcMillis(ns))
}

function checkActions(actions: Actions): void {
  if (actions.actions.length === 0) throw new ContentEncodeError("InvalidValue", "Actions must contain at least one action.", NAME)
  if (actions.actions.length > MAX_ACTIONS) throw new ContentEncodeError("InvalidValue", "Actions cannot exceed 10 actions for UX reasons.", NAME)
  if (new Set(actions.actions.map((a) => a.id)).size !== actions.actions.length) {
    throw new ContentEncodeError("InvalidValue", "Action ids must be unique.", NAME)
  }
}

function encodeActions(actions: Actions): Uint8Array {
  checkActions(actions)
  const actionJson = (action: Action) =>
    jsonObject([
      ["id", jsonString(action.id)],
      ["label", jsonString(action.label)],
      ["imageUrl", action.imageUrl === undefined ? undefined : jsonString(action.imageUrl)],
      ["style", action.style === undefined ? undefined : jsonString(action.style)],
      ["expiresAt", expiryJson(action.expiresAtNs)],
    ])
  return utf8Bytes(
    jsonObject([
      ["id", jsonString(actions.id)],
      ["description", jsonString(actions.description)],
      ["actions", jsonArray(actions.actions.map(actionJson))],
      ["expiresAt", expiryJson(actions.expiresAtNs)],
    ]),
  )
}

const readExpiry = (node: JsonNode | undefined): bigint | undefined => readOption(node, (n) => parseRfc3339Ns(readString(n)))

function readAction(node: JsonNode): Action {
  const fields = readStruct(node, "Action", ACTION_FIELDS)
  const imageUrl = readOption(fields.get("imageUrl"), readString)
  const style = readOption(fields.get("style"), (n) => readUnitEnum(n, STYLES))
  const expiresAtNs = readExpiry(fields.get("expiresAt"))
  return {
    id: readString(requiredField(fields, "id")),
    label: readString(requiredField(fields, "label")),
    ...(imageUrl === undefined ? {} : { imageUrl }),
    ...(style === undefined ? {} : { style }),
    ...(expiresAtNs === undefined ? {} : { expiresAtNs }),
  }
}

function readActions(node: JsonNode): Actions {
  const fields = readStruct(node, "Actions", ACTIONS_FIELDS)
  const expiresAtNs = readExpiry(fields.get("expiresAt"))
  return {
    id: readString(requiredField(fields, "id")),
    description: readString(requiredField(fields, "description")),
    actions: readVec(requiredField(fields, "actions"), readAction),
    ...(expiresAtNs === undefined ? {} : { expiresAtNs }),
  }
}

export const actionsCodec: ContentCodec<Actions> = {
  contentType: CONTENT_TYPE_IDS.actions,
  encode: (actions) => encodedContentOf(actionsCodec, actions, encodeActions(actions)),
  decode: (encoded) => decodeJsonPayload(encoded.content, NAME, readActions),
  fallback: (actions) =>
    `${actions.description}\n\n${actions.actions.map((a, i) => `[${i + 1}] ${a.label}`).join("\n")}\n\nReply with the number to select`,
  shouldPush: () => true,
}
