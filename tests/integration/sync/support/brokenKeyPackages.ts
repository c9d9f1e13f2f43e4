// A node that serves an installation a key package no client should accept: it stores a truncated
// copy of the installation's own key package, as a node that skipped validation would, so that
// adding the installation's inbox meets a failed installation (MEMB-05).
import { bytesToHex } from "@noble/hashes/utils.js"
import type { ApiClient } from "../../../../src/engine/api/index"
import { defaultValidators, type NodeValidators } from "../../../../src/server/validators"
import type { Installation } from "./forgedAdd"

export class BrokenKeyPackages {
  private readonly owners = new Map<string, { installationKey: Uint8Array; inboxId: string }>()

  /** Validators that take the broken key packages this object made, and check everything else. */
  readonly validators: NodeValidators = {
    ...defaultValidators,
    validateKeyPackage: async (bytes) => {
      const owner = this.owners.get(bytesToHex(bytes))
      return owner ? { ...owner, notAfterSeconds: BigInt(Math.floor(Date.now() / 1000) + 3600) } : defaultValidators.validateKeyPackage(bytes)
    },
  }

  /** Replaces the installation's key package on the node with the first half of it. */
  async breakKeyPackageOf(api: ApiClient, installation: Installation): Promise<void> {
    const [valid] = await api.mls.fetchKeyPackages([installation.installationIdBytes])
    const truncated = valid!.slice(0, Math.floor(valid!.length / 2))
    this.owners.set(bytesToHex(truncated), { installationKey: installation.installationIdBytes, inboxId: installation.inboxId })
    await api.mls.uploadKeyPackage({ keyPackageTlsSerialized: truncated, isInboxIdCredential: true })
  }
}
