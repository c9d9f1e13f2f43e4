// Message ids as libxmtp computes them (crates/xmtp_mls/src/utils/mod.rs calculate_message_id):
// SHA-256(group_id || "\t" || idempotency_key || "\t" || content bytes). Sender and receivers
// derive the same id because the idempotency key travels in the PlaintextEnvelope.
import { sha256 } from "@noble/hashes/sha2.js"
import { concatBytes } from "../mls/cryptoProviderPrimitives"

const TAB = Uint8Array.of(0x09)

export function calculateMessageId(groupId: Uint8Array, contentBytes: Uint8Array, idempotencyKey: string): Uint8Array {
  return sha256(concatBytes(groupId, TAB, new TextEncoder().encode(idempotencyKey), TAB, contentBytes))
}
