// Whether an installation belongs to an inbox at a given point of its identity log, with identity
// failures (unknown inbox, a log that does not reach the sequence id, an update that does not
// verify) read as "no": the caller rejects what depended on it.
import { bytesToHex } from "@noble/hashes/utils.js"
import type { IdentityResolver } from "./identityResolver"

export async function installationInState(resolver: IdentityResolver, inboxId: string, sequenceId: bigint, installationId: Uint8Array): Promise<boolean> {
  let installations: string[]
  try {
    installations = (await resolver.stateAt(inboxId, sequenceId === 0n ? undefined : sequenceId)).installationIds
  } catch (error) {
    if (isIdentityFailure(error)) return false
    throw error
  }
  return installations.includes(bytesToHex(installationId))
}

/** Errors that mean the identity data is wrong, as opposed to the network being unreachable. */
export function isIdentityFailure(error: unknown): boolean {
  return error instanceof Error && (error.name === "IdentityResolverError" || error.name === "AssociationError")
}
