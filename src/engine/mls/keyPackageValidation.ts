// Validation of an uploaded or fetched key package, rule for rule as libxmtp does it
// (node-bindings-1.10.0): VerifiedKeyPackageV2::from_bytes (crates/xmtp_id/src/key_package/
// verified_key_package_v2.rs) = tls_deserialize_exact + OpenMLS KeyPackageIn::validate
// (xmtp/openmls 42f1479, openmls/src/key_packages/key_package_in.rs) with lifetime checking on,
// then a Basic credential whose identity decodes as MlsCredential. The validation service runs
// exactly that for the node (apps/mls_validation_service/src/handlers.rs
// validate_inbox_id_key_package), and clients run it on fetched key packages (mls_store.rs).
// Nothing else is checked here: what the group requires of a member is keyPackageCapabilities.ts.
import { encode, keyPackageDecoder, keyPackageEncoder, type KeyPackage } from "ts-mls"
import { XMTP_CIPHERSUITE_ID, xmtpCiphersuite } from "./ciphersuite.js"
import { decodeMlsCredential } from "./credential.js"
import { KeyPackageError } from "./errors.js"
import { keyPackageSignedSpans, readOpaque, signContent } from "./keyPackageLayout.js"
import {
  BASIC_CREDENTIAL,
  DEFAULT_EXTENSION_TYPES,
  MLS_EXTENSION,
  XMTP_EXTENSION,
  extensionTypeName as hex,
  isGreaseValue,
} from "./xmtpExtensions.js"
import { wrapperEncryption } from "../proto/index.js"

export interface ValidatedKeyPackage {
  /** The leaf's signature key: the installation id. */
  installationKey: Uint8Array
  /** From the leaf's MlsCredential. */
  inboxId: string
  notBeforeSeconds: bigint
  notAfterSeconds: bigint
  /** The X25519 init key; welcomes are HPKE-wrapped to it when there is no post-quantum key. */
  hpkeInitKey: Uint8Array
  keyPackage: KeyPackage
  /** The X-Wing key from extension 0xff03, when it offers one. */
  postQuantumPublicKey?: Uint8Array
}

const MLS10 = 1
const MLS_KEY_PACKAGE_WIRE_FORMAT = 5
const LABEL_KEY_PACKAGE = "KeyPackageTBS"
const LABEL_LEAF_NODE = "LeafNodeTBS"

// OpenMLS ExtensionType::is_valid_in_leaf_node is false for these (valn1601).
const NOT_IN_LEAF_NODE: ReadonlySet<number> = new Set([
  MLS_EXTENSION.lastResort,
  XMTP_EXTENSION.immutableMetadata,
  MLS_EXTENSION.ratchetTree,
  MLS_EXTENSION.requiredCapabilities,
  MLS_EXTENSION.externalPub,
  MLS_EXTENSION.externalSenders,
])
// Every type OpenMLS knows by name; the rest are ExtensionType::Unknown (or GREASE).
const NAMED_EXTENSION_TYPES: ReadonlySet<number> = new Set([
  ...DEFAULT_EXTENSION_TYPES,
  MLS_EXTENSION.appDataDictionary,
  MLS_EXTENSION.lastResort,
  XMTP_EXTENSION.immutableMetadata,
])

/**
 * Validates a bare TLS-serialised KeyPackage (what `UploadKeyPackageRequest` carries and
 * `FetchKeyPackages` returns; neither the validation service nor libxmtp accepts one wrapped in
 * an MLSMessage). Throws KeyPackageError naming the failed rule.
 */
export async function validateKeyPackage(bytes: Uint8Array, now: Date = new Date()): Promise<ValidatedKeyPackage> {
  const keyPackage = decodeCanonical(bytes)
  checkExtensionLists(keyPackage)
  const { leafNode } = keyPackage
  const cs = await xmtpCiphersuite()
  const verify = async (label: string, content: Uint8Array, signature: Uint8Array): Promise<boolean> => {
    try {
      return await cs.signature.verify(leafNode.signaturePublicKey, signContent(label, content), signature)
    } catch {
      return false // a malformed public key or signature is a failed verification, as in OpenMLS
    }
  }
  const spans = keyPackageSignedSpans(bytes, keyPackage)

  // key_package_in.rs validate(), in its order.
  if (!(await verify(LABEL_LEAF_NODE, spans.leafNodeTbs, leafNode.signature))) {
    throw new KeyPackageError("InvalidLeafSignature", "the leaf node signature does not verify with its signature key")
  }
  if (equalBytes(leafNode.hpkePublicKey, keyPackage.initKey)) {
    throw new KeyPackageError("InitKeyEqualsEncryptionKey", "the init key equals the leaf's encryption key")
  }
  for (const { extensionType } of keyPackage.extensions) {
    // ExtensionValidator for KeyPackage (valn1604): LastResort or an unknown type only.
    const unknown = !NAMED_EXTENSION_TYPES.has(extensionType) && !isGreaseValue(extensionType)
    if (extensionType !== MLS_EXTENSION.lastResort && !unknown) {
      throw new KeyPackageError("InvalidExtension", `extension type ${hex(extensionType)} is not allowed in a key package`)
    }
  }
  if (!(await verify(LABEL_KEY_PACKAGE, spans.keyPackageTbs, keyPackage.signature))) {
    throw new KeyPackageError("InvalidSignature", "the key package signature does not verify with the leaf's signature key")
  }
  for (const { extensionType } of keyPackage.extensions) {
    if (!DEFAULT_EXTENSION_TYPES.has(extensionType) && !leafNode.capabilities.extensions.includes(extensionType)) {
      throw new KeyPackageError("UnsupportedExtension", `key package extension ${hex(extensionType)} is not in the leaf's capabilities`)
    }
  }
  const { notBefore, notAfter } = leafNode.lifetime
  const nowSeconds = BigInt(Math.floor(now.getTime() / 1000))
  // Lifetime::is_valid: strictly inside (not_before, not_after).
  if (!(notBefore < nowSeconds)) {
    throw new KeyPackageError("NotYetValid", `the key package is valid from ${notBefore}, now is ${nowSeconds}`)
  }
  if (!(nowSeconds < notAfter)) {
    throw new KeyPackageError("Expired", `the key package expired at ${notAfter}, now is ${nowSeconds}`)
  }

  // VerifiedKeyPackageV2::try_from.
  if (leafNode.credential.credentialType !== BASIC_CREDENTIAL || !("identity" in leafNode.credential)) {
    throw new KeyPackageError("InvalidCredential", `credential type ${leafNode.credential.credentialType} is not Basic`)
  }
  let inboxId: string
  try {
    inboxId = decodeMlsCredential(leafNode.credential.identity)
  } catch (cause) {
    throw new KeyPackageError("InvalidCredential", `the credential identity is not an MlsCredential: ${(cause as Error).message}`)
  }

  const postQuantumPublicKey = readPostQuantumKey(keyPackage)
  return {
    installationKey: leafNode.signaturePublicKey,
    inboxId,
    notBeforeSeconds: notBefore,
    notAfterSeconds: notAfter,
    hpkeInitKey: keyPackage.initKey,
    keyPackage,
    ...(postQuantumPublicKey ? { postQuantumPublicKey } : {}),
  }
}

/** KeyPackageIn::tls_deserialize_exact, with tls_codec's minimal-length rule. */
function decodeCanonical(bytes: Uint8Array): KeyPackage {
  if (bytes.length < 4) throw new KeyPackageError("Malformed", `key package is truncated (${bytes.length} bytes)`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const version = view.getUint16(0)
  // OpenMLS decodes any version and rejects it in validate() (valn0201); ts-mls cannot decode one.
  if (version !== MLS10) {
    throw new KeyPackageError("UnsupportedProtocolVersion", `key package version ${version} is not mls10 (1)`)
  }
  const cipherSuite = view.getUint16(2)
  if (cipherSuite !== XMTP_CIPHERSUITE_ID) {
    // 00 01 00 05 is also how an MLSMessage carrying a key package starts.
    const hint = cipherSuite === MLS_KEY_PACKAGE_WIRE_FORMAT ? " (an MLSMessage-wrapped key package? send the bare KeyPackage)" : ""
    throw new KeyPackageError("UnsupportedCiphersuite", `key package ciphersuite ${cipherSuite} is not XMTP's (${XMTP_CIPHERSUITE_ID})${hint}`)
  }
  let decoded: [KeyPackage, number] | undefined
  try {
    decoded = keyPackageDecoder(bytes, 0)
  } catch (cause) {
    throw new KeyPackageError("Malformed", `key package does not decode: ${(cause as Error).message}`)
  }
  if (decoded === undefined) {
    throw new KeyPackageError("Malformed", "key package is truncated, holds an invalid field, or its leaf node is not from a key package")
  }
  const [keyPackage, length] = decoded
  if (length !== bytes.length) {
    throw new KeyPackageError("Malformed", `key package has ${bytes.length - length} bytes after its end`)
  }
  // Decoding then encoding reproduces the input only if every length prefix was minimal.
  if (!equalBytes(encode(keyPackageEncoder, keyPackage), bytes)) {
    throw new KeyPackageError("Malformed", "key package is not canonically encoded (a length prefix is not minimal)")
  }
  return keyPackage
}

/** What OpenMLS's Extensions<T> deserialisation rejects: duplicates and leaf-invalid types. */
function checkExtensionLists(keyPackage: KeyPackage): void {
  assertUnique(keyPackage.extensions.map((e) => e.extensionType), "key package")
  const leafExtensions = keyPackage.leafNode.extensions
  assertUnique(leafExtensions.map((e) => e.extensionType), "leaf node")
  for (const { extensionType, extensionData } of leafExtensions) {
    if (NOT_IN_LEAF_NODE.has(extensionType)) {
      throw new KeyPackageError("InvalidExtension", `extension type ${hex(extensionType)} is not allowed in a leaf node`)
    }
    // OpenMLS parses a known extension's payload: ApplicationId is `opaque application_id<V>`.
    if (extensionType === MLS_EXTENSION.applicationId && readOpaque(extensionData) === undefined) {
      throw new KeyPackageError("InvalidExtension", "the ApplicationId extension does not hold an opaque<V>")
    }
  }
}

function assertUnique(types: number[], where: string): void {
  const seen = new Set<number>()
  for (const type of types) {
    if (seen.has(type)) throw new KeyPackageError("InvalidExtension", `${where} lists extension ${hex(type)} twice`)
    seen.add(type)
  }
}

/**
 * The 0xff03 key when it is an X-Wing key. libxmtp does not check this extension when it
 * validates a key package (only when it wraps a welcome), so a malformed one is ignored here.
 */
function readPostQuantumKey(keyPackage: KeyPackage): Uint8Array | undefined {
  const extension = keyPackage.extensions.find((e) => e.extensionType === XMTP_EXTENSION.welcomeWrapperEncryption)
  if (!extension) return undefined
  try {
    const parsed = wrapperEncryption.WelcomeWrapperEncryption.decode(extension.extensionData)
    const xwing = wrapperEncryption.WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_XWING_MLKEM_768_DRAFT_6
    return parsed.algorithm === xwing && parsed.pubKey.length > 0 ? parsed.pubKey : undefined
  } catch {
    return undefined
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
