// A Parley installation registered on a node with raw gRPC calls, as the engine will do it:
// UploadKeyPackage, then PublishIdentityUpdate (create inbox + add installation), the order the
// SDK uses. With `xwing`, the key package offers an X-Wing welcome key (0xff03), as libxmtp's do;
// without it, welcomes come HPKE-wrapped to its X25519 init key.
import { registrationRequest } from "../../../../src/engine/identity/clientRequests"
import { inboxIdFor } from "../../../../src/engine/identity/inboxId"
import { createInstallationKey, type InstallationKey } from "../../../../src/engine/identity/installationKey"
import { ethereumMember } from "../../../../src/engine/identity/memberIdentifier"
import { createEoaSigner, type EoaSigner } from "../../../../src/engine/identity/signers"
import { createXmtpKeyPackage, type XmtpKeyPackage } from "../../../../src/engine/mls/keyPackageCreation"
import { identityApi, mlsApi } from "../../../../src/engine/proto/index"
import { emptyCodec, identityMethod, mlsMethod, type RawXmtpClient } from "../../support/rawGrpc"

export interface ParleyInstallation {
  wallet: EoaSigner
  installation: InstallationKey
  inboxId: string
  keyPackage: XmtpKeyPackage
  /** The X-Wing seed behind the key package's 0xff03 key, when it offers one. */
  xwingPrivateKey?: Uint8Array
}

export async function registerParleyInstallation(raw: RawXmtpClient, options: { xwing?: boolean } = {}): Promise<ParleyInstallation> {
  const wallet = createEoaSigner()
  const installation = createInstallationKey()
  const inboxId = inboxIdFor(ethereumMember(wallet.address))
  const keyPackage = await createXmtpKeyPackage({
    inboxId,
    installationSignatureKeyPair: installation,
    offerXWingWelcomeKey: options.xwing ?? false,
  })
  const { xwingPrivateKey } = keyPackage

  await raw.unary(
    mlsMethod("UploadKeyPackage"),
    mlsApi.UploadKeyPackageRequest,
    { keyPackage: { keyPackageTlsSerialized: keyPackage.keyPackageBytes }, isInboxIdCredential: true },
    emptyCodec,
  )
  const request = registrationRequest(ethereumMember(wallet.address), installation.publicKey)
  await request.addWalletSignature(wallet)
  request.addInstallationSignature(installation)
  await raw.unary(
    identityMethod("PublishIdentityUpdate"),
    identityApi.PublishIdentityUpdateRequest,
    { identityUpdate: request.toIdentityUpdate() },
    emptyCodec,
  )
  return { wallet, installation, inboxId, keyPackage, ...(xwingPrivateKey ? { xwingPrivateKey } : {}) }
}
