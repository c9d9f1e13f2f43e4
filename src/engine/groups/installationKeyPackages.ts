// Key packages of installations to add, fetched from the node and checked as libxmtp checks them
// (mls_store.rs get_key_packages_for_installation_ids: VerifiedKeyPackageV2), plus what an XMTP
// group requires of a leaf (assertJoinsXmtpGroups). An installation whose key package is missing
// or fails is a "failed installation": the group records it instead of adding it (MEMB-05).
import { bytesToHex } from "@noble/hashes/utils.js"
import type { KeyPackage } from "ts-mls"
import { assertJoinsXmtpGroups } from "../mls/keyPackageCapabilities"
import { validateKeyPackage } from "../mls/keyPackageValidation"
import { welcomeRecipientOf, type WelcomeRecipient } from "../mls/welcomeWrapper"
import type { GroupContext } from "./context"

export interface FetchedInstallations {
  keyPackages: KeyPackage[]
  recipients: WelcomeRecipient[]
  failed: Uint8Array[]
}

/**
 * `expectedInbox` maps each requested installation (hex) to the inbox whose identity state lists
 * it; a key package whose credential names another inbox counts as failed, so no member can be
 * added under someone else's inbox id.
 */
export async function fetchInstallationKeyPackages(ctx: GroupContext, expectedInbox: ReadonlyMap<string, string>): Promise<FetchedInstallations> {
  const own = bytesToHex(ctx.installation.publicKey)
  const requested = [...expectedInbox.keys()].filter((id) => id !== own)
  const result: FetchedInstallations = { keyPackages: [], recipients: [], failed: [] }
  if (requested.length === 0) return result
  const fetched = await ctx.api.mls.fetchKeyPackages(requested.map((id) => Buffer.from(id, "hex")))
  for (const [i, installationId] of requested.entries()) {
    const bytes = fetched[i]
    try {
      if (!bytes) throw new Error("no key package")
      const validated = await validateKeyPackage(bytes)
      assertJoinsXmtpGroups(validated.keyPackage)
      if (bytesToHex(validated.installationKey) !== installationId) throw new Error("the key package is for another installation")
      if (validated.inboxId !== expectedInbox.get(installationId)) throw new Error("the key package names another inbox")
      result.recipients.push(welcomeRecipientOf(validated.keyPackage))
      result.keyPackages.push(validated.keyPackage)
    } catch {
      result.failed.push(Buffer.from(installationId, "hex"))
    }
  }
  return result
}
