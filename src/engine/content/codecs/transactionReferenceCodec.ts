// xmtp.org/transactionReference:1.0 (libxmtp 1.10 transaction_reference.rs): serde_json of
// `{namespace?, networkId, reference, metadata?}`. networkId is written as a string and read from
// a string or a number (printed as serde_json prints it: `1e3` reads as "1000.0"). Pushed.
import { encodedContentOf, type ContentCodec } from "../codec"
import { contentTypeIdToString } from "../contentTypeId"
import { ContentEncodeError } from "../errors"
import { JsonError, type JsonNode } from "../json/serdeJsonParse"
import { jsonF64, jsonInteger, jsonObject, jsonString } from "../json/serdeJsonWrite"
import { numberText, readF64, readOption, readString, readStruct, readU32, requiredField, type FieldSpec } from "../json/serdeStruct"
import { CONTENT_TYPE_IDS } from "./ids"
import { decodeJsonPayload, utf8Bytes } from "./payload"

export interface TransactionMetadata {
  transactionType: string
  currency: string
  /** f64. */
  amount: number
  /** u32. */
  decimals: number
  fromAddress: string
  toAddress: string
}

export interface TransactionReference {
  /** e.g. "eip155". */
  namespace?: string
  networkId: string
  /** The transaction hash. */
  reference: string
  metadata?: TransactionMetadata
}

const NAME = contentTypeIdToString(CONTENT_TYPE_IDS.transactionReference)

const REFERENCE_FIELDS: readonly FieldSpec[] = [
  { name: "namespace", optional: true },
  { name: "networkId" },
  { name: "reference" },
  { name: "metadata", optional: true },
]

const METADATA_FIELDS: readonly FieldSpec[] = [
  { name: "transactionType" },
  { name: "currency" },
  { name: "amount" },
  { name: "decimals" },
  { name: "fromAddress" },
  { name: "toAddress" },
]

function metadataJson(metadata: TransactionMetadata): string {
  if (!Number.isFinite(metadata.amount)) {
    // serde_json would write null, which no client (libxmtp included) can read back.
    throw new ContentEncodeError("InvalidValue", `the amount ${metadata.amount} is not a finite number`, NAME)
  }
  if (!Number.isInteger(metadata.decimals) || metadata.decimals < 0 || metadata.decimals > 0xffff_ffff) {
    throw new ContentEncodeError("InvalidValue", `decimals must be a u32, not ${metadata.decimals}`, NAME)
  }
  return jsonObject([
    ["transactionType", jsonString(metadata.transactionType)],
    ["currency", jsonString(metadata.currency)],
    ["amount", jsonF64(metadata.amount)],
    ["decimals", jsonInteger(metadata.decimals)],
    ["fromAddress", jsonString(metadata.fromAddress)],
    ["toAddress", jsonString(metadata.toAddress)],
  ])
}

function encodeTransactionReference(reference: TransactionReference): Uint8Array {
  return utf8Bytes(
    jsonObject([
      ["namespace", reference.namespace === undefined ? undefined : jsonString(reference.namespace)],
      ["networkId", jsonString(reference.networkId)],
      ["reference", jsonString(reference.reference)],
      ["metadata", reference.metadata === undefined ? undefined : metadataJson(reference.metadata)],
    ]),
  )
}

function readNetworkId(node: JsonNode): string {
  if (node.kind === "string") return node.value
  if (node.kind === "number") return numberText(node)
  throw new JsonError("networkId must be a string or number")
}

function readMetadata(node: JsonNode): TransactionMetadata {
  const fields = readStruct(node, "TransactionMetadata", METADATA_FIELDS)
  const text = (name: string) => readString(requiredField(fields, name))
  return {
    transactionType: text("transactionType"),
    currency: text("currency"),
    amount: readF64(requiredField(fields, "amount")),
    decimals: readU32(requiredField(fields, "decimals")),
    fromAddress: text("fromAddress"),
    toAddress: text("toAddress"),
  }
}

function readTransactionReference(node: JsonNode): TransactionReference {
  const fields = readStruct(node, "TransactionReference", REFERENCE_FIELDS)
  const namespace = readOption(fields.get("namespace"), readString)
  const metadata = readOption(fields.get("metadata"), readMetadata)
  return {
    ...(namespace === undefined ? {} : { namespace }),
    networkId: readNetworkId(requiredField(fields, "networkId")),
    reference: readString(requiredField(fields, "reference")),
    ...(metadata === undefined ? {} : { metadata }),
  }
}

export const transactionReferenceCodec: ContentCodec<TransactionReference> = {
  contentType: CONTENT_TYPE_IDS.transactionReference,
  encode: (reference) => encodedContentOf(transactionReferenceCodec, reference, encodeTransactionReference(reference)),
  decode: (encoded) => decodeJsonPayload(encoded.content, NAME, readTransactionReference),
  fallback: (reference) =>
    reference.reference === ""
      ? "Crypto transaction"
      : `[Crypto transaction] Use a blockchain explorer to learn more using the transaction hash: ${reference.reference}`,
  shouldPush: () => true,
}
