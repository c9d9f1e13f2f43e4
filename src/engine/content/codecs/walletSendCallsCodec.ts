// xmtp.org/walletSendCalls:1.0 (libxmtp 1.10 wallet_send_calls.rs): serde_json of an EIP-5792
// `wallet_sendCalls` request. A call's metadata must hold `description` and `transactionType`;
// its other keys (string values only) follow them. The fallback is `[Transaction request
// generated]: ` and the same JSON. Pushed. libxmtp keeps capabilities and extra metadata in
// HashMaps, so with two or more of them its key order (and bytes) vary from run to run.
import { encodedContentOf, type ContentCodec } from "../codec"
import { contentTypeIdToString } from "../contentTypeId"
import { ContentEncodeError } from "../errors"
import type { JsonNode } from "../json/serdeJsonParse"
import { jsonArray, jsonObject, jsonString, jsonStringMap } from "../json/serdeJsonWrite"
import { readMap, readOption, readString, readStruct, readVec, requiredField, unclaimedEntries, type FieldSpec } from "../json/serdeStruct"
import { CONTENT_TYPE_IDS } from "./ids"
import { decodeJsonPayload, utf8Bytes } from "./payload"

export interface WalletCall {
  to?: string
  data?: string
  value?: string
  gas?: string
  /** Must hold `description` and `transactionType`; any other keys are extra metadata. */
  metadata?: Record<string, string>
}

export interface WalletSendCalls {
  version: string
  chainId: string
  from: string
  calls: WalletCall[]
  capabilities?: Record<string, string>
}

const NAME = contentTypeIdToString(CONTENT_TYPE_IDS.walletSendCalls)

const SEND_CALLS_FIELDS: readonly FieldSpec[] = [
  { name: "version" },
  { name: "chainId" },
  { name: "from" },
  { name: "calls" },
  { name: "capabilities", optional: true },
]
const CALL_FIELDS: readonly FieldSpec[] = ["to", "data", "value", "gas", "metadata"].map((name) => ({ name, optional: true }))
const METADATA_FIELDS: readonly FieldSpec[] = [{ name: "description" }, { name: "transactionType" }]

const optionalString = (value: string | undefined) => (value === undefined ? undefined : jsonString(value))

function metadataJson(metadata: Record<string, string>): string {
  const { description, transactionType, ...extra } = metadata
  for (const [name, value] of [["description", description], ["transactionType", transactionType]] as const) {
    if (typeof value !== "string") throw new ContentEncodeError("InvalidValue", `a call's metadata lacks \`${name}\``, NAME)
  }
  return jsonObject([
    ["description", optionalString(description)],
    ["transactionType", optionalString(transactionType)],
    ...Object.entries(extra).map(([key, value]) => [key, jsonString(value)] as const),
  ])
}

function callJson(call: WalletCall): string {
  return jsonObject([
    ["to", optionalString(call.to)],
    ["data", optionalString(call.data)],
    ["value", optionalString(call.value)],
    ["gas", optionalString(call.gas)],
    ["metadata", call.metadata === undefined ? undefined : metadataJson(call.metadata)],
  ])
}

function walletSendCallsJson(request: WalletSendCalls): string {
  return jsonObject([
    ["version", jsonString(request.version)],
    ["chainId", jsonString(request.chainId)],
    ["from", jsonString(request.from)],
    ["calls", jsonArray(request.calls.map(callJson))],
    ["capabilities", request.capabilities === undefined ? undefined : jsonStringMap(request.capabilities)],
  ])
}

function readMetadata(node: JsonNode): Record<string, string> {
  // A #[serde(flatten)] struct: an object only, the named fields first, every other key a string.
  const fields = readStruct(node, "WalletCallMetadata", METADATA_FIELDS, false)
  const extra = readMap({ kind: "object", entries: unclaimedEntries(node, METADATA_FIELDS) }, readString)
  return {
    description: readString(requiredField(fields, "description")),
    transactionType: readString(requiredField(fields, "transactionType")),
    ...extra,
  }
}

function readCall(node: JsonNode): WalletCall {
  const fields = readStruct(node, "WalletCall", CALL_FIELDS)
  const call: WalletCall = {}
  for (const name of ["to", "data", "value", "gas"] as const) {
    const value = readOption(fields.get(name), readString)
    if (value !== undefined) call[name] = value
  }
  const metadata = readOption(fields.get("metadata"), readMetadata)
  return metadata === undefined ? call : { ...call, metadata }
}

function readWalletSendCalls(node: JsonNode): WalletSendCalls {
  const fields = readStruct(node, "WalletSendCalls", SEND_CALLS_FIELDS)
  const capabilities = readOption(fields.get("capabilities"), (n) => readMap(n, readString))
  return {
    version: readString(requiredField(fields, "version")),
    chainId: readString(requiredField(fields, "chainId")),
    from: readString(requiredField(fields, "from")),
    calls: readVec(requiredField(fields, "calls"), readCall),
    ...(capabilities === undefined ? {} : { capabilities }),
  }
}

export const walletSendCallsCodec: ContentCodec<WalletSendCalls> = {
  contentType: CONTENT_TYPE_IDS.walletSendCalls,
  encode: (request) => encodedContentOf(walletSendCallsCodec, request, utf8Bytes(walletSendCallsJson(request))),
  decode: (encoded) => decodeJsonPayload(encoded.content, NAME, readWalletSendCalls),
  fallback: (request) => `[Transaction request generated]: ${walletSendCallsJson(request)}`,
  shouldPush: () => true,
}
