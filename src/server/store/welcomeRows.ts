// How both backends store a welcome: node-go's small integers for the wrapper algorithm
// (types.WrapperAlgorithm) and the kind (welcome_messages.message_type), whose values must never
// change meaning, and the same column values in the same order.
import { topicPayloadHash } from "./contentHash"
import type { NewWelcomeMessage, StoredWelcomeMessage, StoredWrapperAlgorithm } from "./nodeStore"

const WRAPPER_ALGORITHM_CODES: Record<StoredWrapperAlgorithm, number> = {
  curve25519: 0,
  "xwing-mlkem768-draft6": 1,
  "symmetric-key": 2,
}

export const wrapperAlgorithmFromCode = (code: number): StoredWrapperAlgorithm =>
  code === 1 ? "xwing-mlkem768-draft6" : code === 2 ? "symmetric-key" : "curve25519"

const MESSAGE_TYPE_V1 = 0
const MESSAGE_TYPE_POINTER = 1

export const welcomeKindFromCode = (code: number): StoredWelcomeMessage["kind"] => (code === MESSAGE_TYPE_POINTER ? "pointer" : "v1")

/** The columns a new welcome fills, in the order of welcomeColumnValues. */
export const WELCOME_INSERT_COLUMNS =
  "installation_key, data, hpke_public_key, installation_key_data_hash, wrapper_algorithm, welcome_metadata, message_type"

export function welcomeColumnValues(message: NewWelcomeMessage): unknown[] {
  const pointer = message.kind === "pointer"
  return [
    message.installationKey,
    message.data,
    message.hpkePublicKey,
    topicPayloadHash(message.installationKey, message.data),
    WRAPPER_ALGORITHM_CODES[message.wrapperAlgorithm],
    // Pointers carry no metadata in the production schema.
    pointer ? null : message.welcomeMetadata,
    pointer ? MESSAGE_TYPE_POINTER : MESSAGE_TYPE_V1,
  ]
}

/** The welcome as stored under `id`: what a later read returns. */
export function storedWelcome(message: NewWelcomeMessage, id: bigint, createdNs: bigint): StoredWelcomeMessage {
  return { ...message, welcomeMetadata: message.kind === "pointer" ? new Uint8Array() : message.welcomeMetadata, id, createdNs }
}
