// Registering an installation on the network (libxmtp client.rs register_identity, identity.rs
// Identity::new): a key package is created, stored with its private keys and uploaded, then the
// identity update is published (create inbox + add installation for a new inbox, add installation
// for an inbox the account already has), then the inbox's updates are read back. Each step checks
// the network first, so a registration cut short by a crash or a lost answer finishes on retry.
import { isApiError } from "./api/index"
import { addInstallationRequest, ethereumMember, installationMember, registrationRequest, type Signer } from "./identity/index"
import { ClientError } from "./clientErrors"
import type { GroupContext } from "./groups/context"
import { publishKeyPackage } from "./keyPackageRotation"
import type { KeyPackageRotationPolicy } from "./keyPackageRotationPolicy"
import { nowNs } from "./storage/rows"

export async function registerInstallation(ctx: GroupContext, signer: Signer, accountAddress: string, rotation: KeyPackageRotationPolicy): Promise<void> {
  const request = await pendingIdentityUpdate(ctx, accountAddress)

  // Also starts the rotation schedule, and gives key packages of earlier attempts a deletion time.
  await publishKeyPackage(ctx, rotation)

  if (request) {
    await request.addWalletSignature(signer)
    request.addInstallationSignature(ctx.installation)
    try {
      await ctx.api.identity.publishIdentityUpdate(request.toIdentityUpdate())
    } catch (error) {
      // A retried publish whose first attempt was applied is refused: the read-back below decides.
      if (!isApiError(error)) throw error
    }
  }
  if (!(await hasInstallation(ctx))) {
    throw new ClientError("RegistrationFailed", `Installation ${Buffer.from(ctx.installation.publicKey).toString("hex")} is not part of inbox ${ctx.inboxId} after registering; try again.`)
  }
  ctx.db.identity.markRegistered(nowNs())
}

/** The identity update still needed, or undefined when the network already lists the installation. */
async function pendingIdentityUpdate(ctx: GroupContext, accountAddress: string) {
  await ctx.resolver.load([ctx.inboxId])
  if (ctx.resolver.latestSequenceIds([ctx.inboxId]).get(ctx.inboxId) === undefined) {
    return registrationRequest(ethereumMember(accountAddress), ctx.installation.publicKey)
  }
  const state = await ctx.resolver.stateAt(ctx.inboxId)
  if (state.has(installationMember(ctx.installation.publicKey))) return undefined
  return addInstallationRequest(state, ethereumMember(accountAddress), ctx.installation.publicKey)
}

async function hasInstallation(ctx: GroupContext): Promise<boolean> {
  await ctx.resolver.load([ctx.inboxId])
  if (ctx.resolver.latestSequenceIds([ctx.inboxId]).get(ctx.inboxId) === undefined) return false
  return (await ctx.resolver.stateAt(ctx.inboxId)).has(installationMember(ctx.installation.publicKey))
}
