// Identity updates built by hand for tests that need one the SDK would never produce: a
// registration signed by a key other than the one it names, or a real update altered after signing.
import { inboxIdFor } from "../../../src/engine/identity/inboxId"
import { ethereumMember } from "../../../src/engine/identity/memberIdentifier"
import { signatureText } from "../../../src/engine/identity/signatureText"
import { signPersonalMessage } from "../../../src/engine/identity/signers"
import { associations, Long, type AssociationTypes } from "../../../src/engine/proto/index"

/**
 * An inbox registration holding only `create_inbox` for `ownerAddress`, whose wallet signature is
 * made with `signingKey`: the owner's own key gives a valid update, any other key a forged one.
 */
export function createInboxUpdate(
  ownerAddress: string,
  signingKey: Uint8Array,
  options: { nonce?: bigint; clientTimestampNs?: bigint } = {},
): AssociationTypes.IdentityUpdate {
  const nonce = options.nonce ?? 1n
  const clientTimestampNs = options.clientTimestampNs ?? BigInt(Date.now()) * 1_000_000n
  const owner = ethereumMember(ownerAddress)
  const inboxId = inboxIdFor(owner, nonce)
  const text = signatureText({ inboxId, clientTimestampNs, actions: [{ type: "createInbox", nonce, accountIdentifier: owner }] })
  return {
    inboxId,
    clientTimestampNs: Long.fromString(clientTimestampNs.toString(), true),
    actions: [
      {
        createInbox: {
          initialIdentifier: ownerAddress,
          nonce: Long.fromString(nonce.toString(), true),
          initialIdentifierKind: associations.IdentifierKind.IDENTIFIER_KIND_ETHEREUM,
          initialIdentifierSignature: { erc191: { bytes: signPersonalMessage(signingKey, text) } },
        },
      },
    ],
  }
}

/**
 * A copy of a real registration moved to another inbox of the same wallet (another nonce) and one
 * second later: every signature in it now covers text that differs from what it claims to sign.
 */
export function retargetedRegistration(update: AssociationTypes.IdentityUpdate, nonce: bigint): AssociationTypes.IdentityUpdate {
  const copy = associations.IdentityUpdate.decode(associations.IdentityUpdate.encode(update).finish())
  const create = copy.actions.find((a) => a.createInbox)?.createInbox
  if (!create) throw new Error("the update to retarget is not a registration (no create_inbox)")
  create.nonce = Long.fromString(nonce.toString(), true)
  copy.inboxId = inboxIdFor(ethereumMember(create.initialIdentifier), nonce)
  copy.clientTimestampNs = copy.clientTimestampNs.add(1_000_000_000)
  return copy
}
