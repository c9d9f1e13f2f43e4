// The de-duplication key the production node stores with each message: sha256(topic || payload).
// Publishing the same bytes to the same topic twice stores them once.
import { createHash } from "node:crypto"

export function topicPayloadHash(topic: Uint8Array, payload: Uint8Array): Buffer {
  return createHash("sha256").update(topic).update(payload).digest()
}
