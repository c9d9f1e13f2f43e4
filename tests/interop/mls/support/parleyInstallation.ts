// A Parley installation registered on a node with raw gRPC calls, as the engine will do it:
// UploadKeyPackage, then PublishIdentityUpdate (create inbox + add installation), the order the
// SDK uses. Optionally the key package offers an X-Wing welcome key (0xff03), which
// createXmtpKeyPackage does not add yet; it is then rebuilt from createXmtpKeyPackage's own
// credential, capabilities, lifetime and extensions plus that key, and signed again.
import { randomBytes } from "node:crypto"
import { encode, generateKeyPackageWithKey, keyPackageEncoder, makeCustomExtension, makeKeyPackageRef } from "ts-mls"
import { registrationRequest } from "../../../../src/engine/identity/clientRequests"
import { inboxIdFor } from "../../../../src/engine/identity/inboxId"
import { createInstallationKey, type InstallationKey } from "../../../../src/engine/identity/installationKey"
import { ethereumMember } from "../../../../src/engine/identity/memberIdentifier"
import { createEoaSigner, type EoaSigner } from "../../../../src/engine/identity/signers"
import { xmtpCiphersuite } from "../../../../src/engine/mls/ciphersuite"
import { createXmtpKeyPackage, type XmtpKeyPackage } from "../../../../src/engine/mls/keyPackageCreation"
import { WELCOME_WRAPPER_ALGORITHM } from "../../../../src/engine/mls/welcomeWrapper"
import { xwingPublicKey } from "../../../../src/engine/mls/welcomeWrapperHpke"
import { XMTP_EXTENSION } from "../../../../src/engine/mls/xmtpExtensions"
import { identityApi, mlsApi, wrapperEncryption } from "../../../../src/engine/proto/index"
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
  const base = await createXmtpKeyPackage({ inboxId, installationSignatureKeyPair: installation })
  const xwingPrivateKey = options.xwing ? new Uint8Array(randomBytes(32)) : undefined
  const keyPackage = xwingPrivateKey ? await withXWingKey(base, installation, xwingPrivateKey) : base

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

async function withXWingKey(base: XmtpKeyPackage, installation: InstallationKey, seed: Uint8Array): Promise<XmtpKeyPackage> {
  const cs = await xmtpCiphersuite()
  const leaf = base.keyPackage.leafNode
  if (leaf.leafNodeSource !== 1) throw new Error("a key package's leaf node must have source key_package")
  const wrapper = wrapperEncryption.WelcomeWrapperEncryption.encode({
    pubKey: await xwingPublicKey(seed),
    algorithm: WELCOME_WRAPPER_ALGORITHM.xwingMlkem768Draft6,
  }).finish()
  const { publicPackage, privatePackage } = await generateKeyPackageWithKey({
    credential: leaf.credential,
    capabilities: leaf.capabilities,
    lifetime: leaf.lifetime,
    extensions: [...base.keyPackage.extensions, makeCustomExtension({ extensionType: XMTP_EXTENSION.welcomeWrapperEncryption, extensionData: wrapper })],
    leafNodeExtensions: leaf.extensions,
    signatureKeyPair: { publicKey: installation.publicKey, signKey: installation.privateKey },
    cipherSuite: cs,
  })
  return {
    keyPackageBytes: encode(keyPackageEncoder, publicPackage),
    keyPackage: publicPackage,
    privateKeyPackage: privatePackage,
    keyPackageRef: await makeKeyPackageRef(publicPackage, cs.hash),
  }
}
