// Key packages for Parley's own installations, shaped like libxmtp's (XmtpKeyPackageBuilder::build
// in crates/xmtp_mls/src/identity.rs, node-bindings-1.10.0) so every XMTP client accepts them:
// Basic credential holding MlsCredential { inbox_id }, the installation's Ed25519 key as signature
// key, leaf extension ApplicationId = inbox id, key package extensions LastResort and 0xff04
// (welcome pointers may use ChaCha20-Poly1305), the SDK's capabilities, and OpenMLS's default
// lifetime.
//
// Like libxmtp, it offers an X-Wing welcome key (0xff03) by default: senders then wrap welcomes to
// it, and libxmtp only sends welcome *pointers* to installations that offer one alongside 0xff04.
// Without 0xff03 a sender wraps welcomes with HPKE to the X25519 init key instead.
import { randomBytes } from "node:crypto"
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
import { WELCOME_WRAPPER_ALGORITHM } from "./welcomeWrapper.js"
import { xwingPublicKey } from "./welcomeWrapperHpke.js"
import { wrapperEncryption } from "../proto/index.js"
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
  /** Offer a post-quantum X-Wing welcome key (0xff03), as libxmtp always does. Default true. */
  offerXWingWelcomeKey?: boolean
}

export interface XmtpKeyPackage {
  /** The bare TLS KeyPackage, as UploadKeyPackageRequest carries it. */
  keyPackageBytes: Uint8Array
  keyPackage: KeyPackage
  /** The private keys to keep until the key package is replaced and its welcomes processed. */
  privateKeyPackage: PrivateKeyPackage
  /** RFC 9420 KeyPackageRef, the id a Welcome addresses this key package by. */
  keyPackageRef: Uint8Array
  /** The X-Wing seed behind the 0xff03 key, which opens welcomes wrapped to it. */
  xwingPrivateKey?: Uint8Array
}

const capabilities: Capabilities = {
  versions: [protocolVersions.mls10],
  ciphersuites: [XMTP_CIPHERSUITE_ID],
  extensions: [...KEY_PACKAGE_CAPABILITY_EXTENSIONS],
  proposals: [...KEY_PACKAGE_CAPABILITY_PROPOSALS],
  credentials: [...KEY_PACKAGE_CAPABILITY_CREDENTIALS],
}

export async function createXmtpKeyPackage(params: CreateXmtpKeyPackageParams): Promise<XmtpKeyPackage> {
  const { inboxId, installationSignatureKeyPair, now = new Date(), offerXWingWelcomeKey = true } = params
  const cs = await xmtpCiphersuite()
  const xwingPrivateKey = offerXWingWelcomeKey ? new Uint8Array(randomBytes(32)) : undefined
  const xwingExtension = xwingPrivateKey
    ? [
        makeCustomExtension({
          extensionType: XMTP_EXTENSION.welcomeWrapperEncryption,
          extensionData: wrapperEncryption.WelcomeWrapperEncryption.encode({
            pubKey: await xwingPublicKey(xwingPrivateKey),
            algorithm: WELCOME_WRAPPER_ALGORITHM.xwingMlkem768Draft6,
          }).finish(),
        }),
      ]
    : []
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
      ...xwingExtension,
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
    ...(xwingPrivateKey ? { xwingPrivateKey } : {}),
  }
}
