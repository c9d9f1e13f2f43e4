// Revoking installations of the client's own inbox (libxmtp identity_updates.rs revoke_installations
// and apply_signature_request; node-bindings revoke_all_other_installations_signature_request): one
// identity update revoking each installation, signed by the inbox's recovery identifier (the wallet
// the client was created with; another signer is refused as SignatureRequestError "UnknownSigner"),
// published, then read back so the client's own state knows it.
// Groups drop a revoked installation at their next installation check (MEMB-09).
import { bytesToHex } from "@noble/hashes/utils.js"
import type { GroupContext } from "./groups/context"
import { revokeInstallationsRequest, type AssociationState, type Signer } from "./identity/index"

/** Publishes the revocation of `installationIds` (raw 32-byte keys); an empty list publishes nothing. */
export async function revokeInstallations(ctx: GroupContext, signer: Signer, installationIds: readonly Uint8Array[]): Promise<void> {
  if (installationIds.length === 0) return
  const state = await ownInboxState(ctx)
  await publishRevocation(ctx, signer, state, installationIds)
}

/** Revokes every installation of the inbox except this one; nothing happens when there is none. */
export async function revokeAllOtherInstallations(ctx: GroupContext, signer: Signer): Promise<void> {
  const state = await ownInboxState(ctx)
  const own = bytesToHex(ctx.installation.publicKey)
  const others = state.installationKeys.filter((key) => bytesToHex(key) !== own)
  if (others.length === 0) return
  await publishRevocation(ctx, signer, state, others)
}

/** The inbox's state after everything the network holds (libxmtp reads it with refresh_from_network). */
async function ownInboxState(ctx: GroupContext): Promise<AssociationState> {
  await ctx.resolver.load([ctx.inboxId])
  return ctx.resolver.stateAt(ctx.inboxId)
}

async function publishRevocation(ctx: GroupContext, signer: Signer, state: AssociationState, installationIds: readonly Uint8Array[]): Promise<void> {
  const request = revokeInstallationsRequest(state, [...installationIds])
  await request.addWalletSignature(signer)
  await ctx.api.identity.publishIdentityUpdate(request.toIdentityUpdate())
  await ctx.resolver.load([ctx.inboxId])
}
