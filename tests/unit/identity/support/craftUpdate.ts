// Identity updates signed by whoever a test chooses, including updates the client builders would
// refuse to make, so each association rule can be shown to reject them.
import type { AssociationTypes, SignatureTypes } from "../../../../src/engine/proto/index"
import type { InstallationKey } from "../../../../src/engine/identity/installationKey"
import { identityActionToProto, toLong } from "../../../../src/engine/identity/protoConversion"
import { type UnsignedAction, signatureText } from "../../../../src/engine/identity/signatureText"
import type { EoaSigner } from "../../../../src/engine/identity/signers"

export type SignFn = (text: string) => SignatureTypes.Signature | Promise<SignatureTypes.Signature>

export const byWallet =
  (wallet: EoaSigner): SignFn =>
  async (text) => ({ erc191: { bytes: await wallet.signMessage(text) } })

export const byInstallation =
  (key: InstallationKey): SignFn =>
  (text) => ({ installationKey: { bytes: key.sign(text), publicKey: key.publicKey } })

export interface CraftedAction {
  action: UnsignedAction
  /** In proto order: create [owner], add [existing member, new member], revoke/change [recovery]. */
  signedBy: SignFn[]
}

let clock = 1_760_000_000_000_000_000n

/** Signs every action over the update's text; each call gets a later timestamp unless one is given. */
export async function craftUpdate(
  inboxId: string,
  actions: CraftedAction[],
  clientTimestampNs: bigint = (clock += 1_000_000_000n),
): Promise<AssociationTypes.IdentityUpdate> {
  const text = signatureText({ inboxId, clientTimestampNs, actions: actions.map((a) => a.action) })
  return {
    inboxId,
    clientTimestampNs: toLong(clientTimestampNs),
    actions: await Promise.all(
      actions.map(async ({ action, signedBy }) => identityActionToProto(action, await Promise.all(signedBy.map((sign) => sign(text))))),
    ),
  }
}
