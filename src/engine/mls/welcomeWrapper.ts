// XMTP's outer encryption of MLS welcomes (wrap_welcome / unwrap_welcome in libxmtp
// node-bindings-1.10.0 crates/xmtp_mls/src/groups/mls_ext/welcome_wrapper.rs):
//
// - info = TLS EncryptContext { label<V> = "MLS 1.0 " + WELCOME_HPKE_LABEL ("MLS_WELCOME"),
//   context<V> = "" } (lines 64-65; openmls ciphersuite/hpke.rs EncryptContext::new), AAD empty
//   (line 66), HPKE base mode with the algorithm's config (lines 73-78);
// - in that one sender context the MLSMessage-framed welcome is sealed first and becomes a TLS
//   HpkeCiphertext { kem_output<V>, ciphertext<V> } (lines 80-86, 90); the welcome metadata is
//   sealed second and travels as the bare AEAD ciphertext, no KEM output (lines 87, 91);
// - unwrap reads the HpkeCiphertext exactly (line 103), opens the welcome, then the metadata in
//   the same context unless the metadata field is empty (lines 130-138).
import type { KeyPackage } from "ts-mls"
import { welcomePointer, wrapperEncryption } from "../proto/index"
import { encodeOpaque, opaqueSize, readOpaque } from "./keyPackageLayout"
import { WelcomeError } from "./welcomeWrapperErrors"
import { hpkeOpenAll, hpkeSealAll, type WrapperAlgorithm } from "./welcomeWrapperHpke"
import { XMTP_EXTENSION } from "./xmtpExtensions"

export type { WrapperAlgorithm } from "./welcomeWrapperHpke"

/** WELCOME_HPKE_LABEL (crates/xmtp_configuration/src/common/mls.rs line 12). */
export const WELCOME_HPKE_LABEL = "MLS_WELCOME"

/** The HPKE info: the TLS-encoded EncryptContext of the welcome label with an empty context. */
export const WELCOME_HPKE_INFO: Uint8Array = (() => {
  const label = encodeOpaque(new TextEncoder().encode(`MLS 1.0 ${WELCOME_HPKE_LABEL}`))
  const context = encodeOpaque(new Uint8Array(0))
  const info = new Uint8Array(label.length + context.length)
  info.set(label)
  info.set(context, label.length)
  return info
})()

/** proto WelcomeWrapperAlgorithm values (mls/message_contents/wrapper_encryption.proto). */
export const WELCOME_WRAPPER_ALGORITHM = { unspecified: 0, curve25519: 1, xwingMlkem768Draft6: 2, symmetricKey: 3 } as const

export function wrapperAlgorithmValue(algorithm: WrapperAlgorithm): number {
  return WELCOME_WRAPPER_ALGORITHM[algorithm]
}

/**
 * The algorithm a received V1 welcome names: the extractor refuses values outside the enum, and
 * WrapperAlgorithm::try_from reads Unspecified as Curve25519 and refuses SymmetricKey.
 */
export function wrapperAlgorithmOfWelcome(value: number): WrapperAlgorithm {
  if (value === WELCOME_WRAPPER_ALGORITHM.unspecified || value === WELCOME_WRAPPER_ALGORITHM.curve25519) return "curve25519"
  if (value === WELCOME_WRAPPER_ALGORITHM.xwingMlkem768Draft6) return "xwingMlkem768Draft6"
  throw new WelcomeError("UnsupportedAlgorithm", `wrapper algorithm ${value} cannot wrap a welcome (1 = Curve25519, 2 = X-Wing)`)
}

export interface WrappedWelcome {
  /** TLS HpkeCiphertext of the welcome: WelcomeMessageInput.V1.data. */
  data: Uint8Array
  /** The metadata's AEAD ciphertext: WelcomeMessageInput.V1.welcome_metadata. */
  welcomeMetadata: Uint8Array
}

/** Wraps `welcome` (an MLSMessage-framed Welcome) and `welcomeMetadata` for one recipient key. */
export async function wrapWelcome(
  welcome: Uint8Array,
  welcomeMetadata: Uint8Array,
  hpkePublicKey: Uint8Array,
  algorithm: WrapperAlgorithm,
): Promise<WrappedWelcome> {
  const { enc, ciphertexts } = await hpkeSealAll(algorithm, hpkePublicKey, WELCOME_HPKE_INFO, [welcome, welcomeMetadata])
  return { data: encodeHpkeCiphertext(enc, ciphertexts[0]!), welcomeMetadata: ciphertexts[1]! }
}

export interface UnwrappedWelcome {
  welcome: Uint8Array
  /** Empty when the wrapped metadata was empty (older senders send none). */
  welcomeMetadata: Uint8Array
}

/** Opens what wrapWelcome (or libxmtp's wrap_welcome) produced, with the recipient's private key. */
export async function unwrapWelcome(
  data: Uint8Array,
  welcomeMetadata: Uint8Array,
  privateKey: Uint8Array,
  algorithm: WrapperAlgorithm,
): Promise<UnwrappedWelcome> {
  const { kemOutput, ciphertext } = decodeHpkeCiphertext(data)
  const sealed = welcomeMetadata.length === 0 ? [ciphertext] : [ciphertext, welcomeMetadata]
  const [welcome, metadata] = await hpkeOpenAll(algorithm, privateKey, kemOutput, WELCOME_HPKE_INFO, sealed)
  return { welcome: welcome!, welcomeMetadata: metadata ?? new Uint8Array(0) }
}

export function encodeHpkeCiphertext(kemOutput: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const kem = encodeOpaque(kemOutput)
  const body = encodeOpaque(ciphertext)
  const out = new Uint8Array(kem.length + body.length)
  out.set(kem)
  out.set(body, kem.length)
  return out
}

/** Reads a TLS HpkeCiphertext that must fill `bytes` exactly. */
export function decodeHpkeCiphertext(bytes: Uint8Array): { kemOutput: Uint8Array; ciphertext: Uint8Array } {
  const kemOutput = readOpaque(bytes)
  const rest = kemOutput && bytes.subarray(opaqueSize(kemOutput.length))
  const ciphertext = rest && readOpaque(rest)
  if (!kemOutput || !rest || !ciphertext || opaqueSize(ciphertext.length) !== rest.length) {
    throw new WelcomeError("MalformedCiphertext", "the wrapped welcome is not exactly one TLS HpkeCiphertext { kem_output<V>, ciphertext<V> }")
  }
  return { kemOutput, ciphertext }
}

/** Where and how a welcome for one installation is wrapped (libxmtp's intents.rs Installation). */
export interface WelcomeRecipient {
  /** The installation id (its Ed25519 signature key): the topic the welcome is sent to. */
  installationKey: Uint8Array
  hpkePublicKey: Uint8Array
  wrapperAlgorithm: WrapperAlgorithm
  /** Its key package's 0xff04 lists ChaCha20-Poly1305, so it may be sent a welcome pointer. */
  acceptsWelcomePointers: boolean
}

/** WelcomePointeeEncryptionAeadType CHACHA20_POLY1305, openmls's AeadType value. */
export const CHACHA20POLY1305_AEAD_TYPE = 3

/**
 * Installation::from_verified_key_package: the 0xff03 key and its algorithm when the key package
 * offers one (algorithm 2 is X-Wing, 3 is refused, anything else reads as Curve25519), else the
 * X25519 init key; pointers only when 0xff04 lists ChaCha20-Poly1305.
 */
export function welcomeRecipientOf(keyPackage: KeyPackage): WelcomeRecipient {
  const extension = (type: number) => keyPackage.extensions.find((e) => e.extensionType === type)?.extensionData
  const recipient = {
    installationKey: keyPackage.leafNode.signaturePublicKey,
    acceptsWelcomePointers: acceptsChaCha20Poly1305(extension(XMTP_EXTENSION.welcomePointeeEncryptionAeadTypes)),
  }
  const wrapper = extension(XMTP_EXTENSION.welcomeWrapperEncryption)
  if (!(wrapper instanceof Uint8Array)) return { ...recipient, hpkePublicKey: keyPackage.initKey, wrapperAlgorithm: "curve25519" }
  let decoded
  try {
    decoded = wrapperEncryption.WelcomeWrapperEncryption.decode(wrapper)
  } catch (error) {
    throw new WelcomeError("InvalidWrapperEncryption", "the key package's 0xff03 extension is not a WelcomeWrapperEncryption", { cause: error })
  }
  if (decoded.algorithm === WELCOME_WRAPPER_ALGORITHM.symmetricKey) {
    throw new WelcomeError("InvalidWrapperEncryption", "the key package's 0xff03 extension asks for the symmetric-key algorithm")
  }
  const wrapperAlgorithm = decoded.algorithm === WELCOME_WRAPPER_ALGORITHM.xwingMlkem768Draft6 ? "xwingMlkem768Draft6" : "curve25519"
  // ts-proto hands out Buffers under Node; keep plain Uint8Arrays throughout.
  return { ...recipient, hpkePublicKey: new Uint8Array(decoded.pubKey), wrapperAlgorithm }
}

/**
 * Whether a WelcomePointeeEncryptionAeadTypesExtension lists ChaCha20-Poly1305. As in libxmtp
 * (WelcomePointersExtension's TryFrom<&[u8]>), an extension that does not decode or holds any
 * other value makes the installation unusable rather than merely pointer-less.
 */
function acceptsChaCha20Poly1305(data: unknown): boolean {
  if (!(data instanceof Uint8Array)) return false
  let types: number[]
  try {
    types = welcomePointer.WelcomePointeeEncryptionAeadTypesExtension.decode(data).supportedAeadTypes
  } catch (error) {
    throw new WelcomeError("InvalidPointeeAeadTypes", "the key package's 0xff04 extension does not decode", { cause: error })
  }
  const unknown = types.find((type) => type !== CHACHA20POLY1305_AEAD_TYPE)
  if (unknown !== undefined) throw new WelcomeError("InvalidPointeeAeadTypes", `the key package's 0xff04 extension lists AEAD type ${unknown}`)
  return types.length > 0
}
