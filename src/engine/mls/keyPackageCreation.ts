// Key packages for Parley's own installations, shaped like libxmtp's (XmtpKeyPackageBuilder::build
// in crates/xmtp_mls/src/identity.rs, node-bindings-1.10.0) so every XMTP client accepts them:
// Basic credential holding MlsCredential { inbox_id }, the installation's Ed25519 key as signature
// key, leaf extension ApplicationId = inbox id, key package extensions LastResort and 0xff04
// (welcome pointers may use ChaCha20-Poly1305), the SDK's capabilities, and OpenMLS's default
// lifetime.
//
// No 0xff03 (post-quantum X-Wing key) yet: a sender then wraps welcomes with HPKE to the X25519
// init key (libxmtp falls back to WrapperAlgorithm::Curve25519 when the extension is absent), so
// the init private key below is what opens them.
import {
  encode,
  generateKeyPackageWithKey,
  keyPackageEncoder,
  makeCustomExtension,
  makeKeyPackageRef,
  protocolVersions,
  type Capabilities,
  type KeyPackage,
  type PrivateKeyPackage,
} from "ts-mls"
import { XMTP_CIPHERSUITE_ID, xmtpCiphersuite } from "./ciphersuite.js"
import { xmtpCredential } from "./credential.js"
import { encodeOpaque } from "./keyPackageLayout.js"
import {
  KEY_PACKAGE_CAPABILITY_CREDENTIALS,
  KEY_PACKAGE_CAPABILITY_EXTENSIONS,
  KEY_PACKAGE_CAPABILITY_PROPOSALS,
  KEY_PACKAGE_LIFETIME_SECONDS,
  KEY_PACKAGE_NOT_BEFORE_MARGIN_SECONDS,
  MLS_EXTENSION,
  WELCOME_POINTEE_AEAD_TYPES_CHACHA20POLY1305,
  XMTP_EXTENSION,
} from "./xmtpExtensions.js"

export interface CreateXmtpKeyPackageParams {
  inboxId: string
  /** The installation's Ed25519 key pair (32-byte public key, 32-byte seed). */
  installationSignatureKeyPair: { publicKey: Uint8Array; privateKey: Uint8Array }
  /** Creation time; the lifetime is counted from it. */
  now?: Date
}

export interface XmtpKeyPackage {
  /** The bare TLS KeyPackage, as UploadKeyPackageRequest carries it. */
  keyPackageBytes: Uint8Array
  keyPackage: KeyPackage
  /** The private keys to keep until the key package is replaced and its welcomes processed. */
  privateKeyPackage: PrivateKeyPackage
  /** RFC 9420 KeyPackageRef, the id a Welcome addresses this key package by. */
  keyPackageRef: Uint8Array
}

const capabilities: Capabilities = {
  versions: [protocolVersions.mls10],
  ciphersuites: [XMTP_CIPHERSUITE_ID],
  extensions: [...KEY_PACKAGE_CAPABILITY_EXTENSIONS],
  proposals: [...KEY_PACKAGE_CAPABILITY_PROPOSALS],
  credentials: [...KEY_PACKAGE_CAPABILITY_CREDENTIALS],
}

export async function createXmtpKeyPackage(params: CreateXmtpKeyPackageParams): Promise<XmtpKeyPackage> {
  const { inboxId, installationSignatureKeyPair, now = new Date() } = params
  const cs = await xmtpCiphersuite()
  const nowSeconds = Math.floor(now.getTime() / 1000)
  const { publicPackage, privatePackage } = await generateKeyPackageWithKey({
    credential: xmtpCredential(inboxId),
    capabilities,
    lifetime: {
      notBefore: BigInt(nowSeconds - KEY_PACKAGE_NOT_BEFORE_MARGIN_SECONDS),
      notAfter: BigInt(nowSeconds + KEY_PACKAGE_LIFETIME_SECONDS),
    },
    extensions: [
      makeCustomExtension({ extensionType: MLS_EXTENSION.lastResort, extensionData: new Uint8Array() }),
      makeCustomExtension({
        extensionType: XMTP_EXTENSION.welcomePointeeEncryptionAeadTypes,
        extensionData: WELCOME_POINTEE_AEAD_TYPES_CHACHA20POLY1305,
      }),
    ],
    leafNodeExtensions: [
      {
        extensionType: MLS_EXTENSION.applicationId,
        extensionData: encodeOpaque(new TextEncoder().encode(inboxId)),
      },
    ],
    signatureKeyPair: {
      publicKey: installationSignatureKeyPair.publicKey,
      signKey: installationSignatureKeyPair.privateKey,
    },
    cipherSuite: cs,
  })
  return {
    keyPackageBytes: encode(keyPackageEncoder, publicPackage),
    keyPackage: publicPackage,
    privateKeyPackage: privatePackage,
    keyPackageRef: await makeKeyPackageRef(publicPackage, cs.hash),
  }
}
