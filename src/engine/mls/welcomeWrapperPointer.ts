// Welcome pointers (libxmtp node-bindings-1.10.0): when more than
// INSTALLATION_THRESHOLD_FOR_WELCOME_POINTER_SENDING (2) of a commit's new installations accept
// ChaCha20-Poly1305 pointees, the sender stores the welcome once, ChaCha20-Poly1305-encrypted
// under a random key, at a random 32-byte "destination" topic (the pointee, a WelcomeMessageInput
// V1 with wrapper_algorithm SYMMETRIC_KEY and no HPKE key), and sends each such installation only
// a WelcomePointer { destination, aead_type, encryption_key, data_nonce, welcome_metadata_nonce }
// wrapped with wrap_welcome to its key (groups/mls_sync.rs send_welcomes, lines 3419-3551 of the
// tag; groups/mls_ext/decrypted_welcome.rs and groups/welcome_pointer.rs for the receiving side).
//
// Only X-Wing-wrapped pointers exist on the wire: the pointer's wrapper_algorithm field is a
// WelcomePointerWrapperAlgorithm, whose only value is X-Wing (2); xmtp-node-go (and Parley's node)
// refuse any other value, and libxmtp's receivers too. libxmtp's sender nevertheless counts an
// installation as pointer-capable from its 0xff04 alone and wraps its pointer with the
// installation's own algorithm, so an installation offering 0xff04 without an 0xff03 X-Wing key
// gets a pointer labelled 1 (Curve25519), the node refuses the whole SendWelcomeMessages call and
// the add fails for everyone. Parley's sender (welcomeMessageInputs) therefore sends pointers only
// to X-Wing recipients; for libxmtp's key packages, which always carry 0xff03, that is the same.
import { randomBytes } from "node:crypto"
import { chaCha20Poly1305 } from "./cryptoProviderAead"
import { welcomePointer as welcomePointerProto } from "../proto/index"
import { CHACHA20POLY1305_AEAD_TYPE, WELCOME_WRAPPER_ALGORITHM, unwrapWelcome, type WelcomeRecipient } from "./welcomeWrapper"
import { WelcomeError } from "./welcomeWrapperErrors"

/** INSTALLATION_THRESHOLD_FOR_WELCOME_POINTER_SENDING: pointers when more installations accept them. */
export const WELCOME_POINTER_THRESHOLD = 2

const DESTINATION_LENGTH = 32
const KEY_LENGTH = 32
const NONCE_LENGTH = 12
const EMPTY = new Uint8Array(0)

/** What a decrypted WelcomePointer says (libxmtp's DecryptedWelcomePointer). */
export interface DecryptedWelcomePointer {
  /** The topic (installation key) the pointee was sent to. */
  destination: Uint8Array
  encryptionKey: Uint8Array
  dataNonce: Uint8Array
  welcomeMetadataNonce: Uint8Array
}

/** A pointee and the pointer to it, ready for each recipient's wrapper. */
export interface PreparedPointer {
  pointer: DecryptedWelcomePointer
  /** The encoded WelcomePointer protobuf, the plaintext each recipient's wrapper seals. */
  pointerBytes: Uint8Array
  /** The pointee's WelcomeMessageInput.V1 fields. */
  pointee: { installationKey: Uint8Array; data: Uint8Array; hpkePublicKey: Uint8Array; wrapperAlgorithm: number; welcomeMetadata: Uint8Array }
}

/** Encrypts the welcome and its metadata once for a pointer (send_welcomes' pointer branch). */
export function preparePointer(welcome: Uint8Array, welcomeMetadata: Uint8Array): PreparedPointer {
  const destination = new Uint8Array(randomBytes(DESTINATION_LENGTH))
  const encryptionKey = new Uint8Array(randomBytes(KEY_LENGTH))
  const dataNonce = new Uint8Array(randomBytes(NONCE_LENGTH))
  let welcomeMetadataNonce = new Uint8Array(randomBytes(NONCE_LENGTH))
  // Two messages under one key must not share a nonce.
  while (Buffer.compare(welcomeMetadataNonce, dataNonce) === 0) welcomeMetadataNonce = new Uint8Array(randomBytes(NONCE_LENGTH))
  const aead = chaCha20Poly1305()
  const pointer = { destination, encryptionKey, dataNonce, welcomeMetadataNonce }
  return {
    pointer,
    pointerBytes: welcomePointerProto.WelcomePointer.encode({
      welcomeV1Pointer: { ...pointer, aeadType: CHACHA20POLY1305_AEAD_TYPE },
    }).finish(),
    pointee: {
      installationKey: destination,
      data: aead.seal(encryptionKey, dataNonce, EMPTY, welcome),
      hpkePublicKey: EMPTY,
      wrapperAlgorithm: WELCOME_WRAPPER_ALGORITHM.symmetricKey,
      welcomeMetadata: aead.seal(encryptionKey, welcomeMetadataNonce, EMPTY, welcomeMetadata),
    },
  }
}

/** Whether a recipient can be sent a pointer: it accepts pointees and has an X-Wing key. */
export function takesWelcomePointer(recipient: WelcomeRecipient): boolean {
  return recipient.acceptsWelcomePointers && recipient.wrapperAlgorithm === "xwingMlkem768Draft6"
}

/** Opens a wrapped WelcomePointer with the X-Wing private key (decrypt_welcome_pointer) and checks it. */
export async function openWelcomePointer(
  wrapped: { welcomePointer: Uint8Array; wrapperAlgorithm: number },
  privateKey: Uint8Array,
): Promise<DecryptedWelcomePointer> {
  if (wrapped.wrapperAlgorithm !== WELCOME_WRAPPER_ALGORITHM.xwingMlkem768Draft6) {
    throw new WelcomeError("UnsupportedAlgorithm", `wrapper algorithm ${wrapped.wrapperAlgorithm} cannot wrap a welcome pointer (only X-Wing, 2)`)
  }
  const { welcome: plaintext } = await unwrapWelcome(wrapped.welcomePointer, EMPTY, privateKey, "xwingMlkem768Draft6")
  let decoded
  try {
    decoded = welcomePointerProto.WelcomePointer.decode(plaintext).welcomeV1Pointer
  } catch (error) {
    throw new WelcomeError("InvalidPointer", "the decrypted welcome pointer is not a WelcomePointer protobuf", { cause: error })
  }
  if (!decoded) throw new WelcomeError("InvalidPointer", "the welcome pointer has no welcome_v1_pointer")
  if (decoded.destination.length !== DESTINATION_LENGTH) {
    throw new WelcomeError("InvalidPointer", `the welcome pointer's destination is ${decoded.destination.length} bytes, not ${DESTINATION_LENGTH}`)
  }
  if (decoded.aeadType !== CHACHA20POLY1305_AEAD_TYPE) {
    throw new WelcomeError("InvalidPointer", `the welcome pointer's AEAD type ${decoded.aeadType} is not ChaCha20-Poly1305 (3)`)
  }
  if (decoded.encryptionKey.length !== KEY_LENGTH || decoded.dataNonce.length !== NONCE_LENGTH || decoded.welcomeMetadataNonce.length !== NONCE_LENGTH) {
    throw new WelcomeError("InvalidPointer", "the welcome pointer's key or nonces have the wrong length for ChaCha20-Poly1305")
  }
  return {
    destination: new Uint8Array(decoded.destination),
    encryptionKey: new Uint8Array(decoded.encryptionKey),
    dataNonce: new Uint8Array(decoded.dataNonce),
    welcomeMetadataNonce: new Uint8Array(decoded.welcomeMetadataNonce),
  }
}

/**
 * Decrypts the pointee found at the pointer's destination: the welcome with the data nonce and
 * the metadata with the metadata nonce (always, as welcome_from_decrypted_welcome_pointer does).
 */
export function openWelcomePointee(
  pointer: DecryptedWelcomePointer,
  pointee: { data: Uint8Array; welcomeMetadata: Uint8Array },
): { welcome: Uint8Array; welcomeMetadata: Uint8Array } {
  const aead = chaCha20Poly1305()
  try {
    return {
      welcome: aead.open(pointer.encryptionKey, pointer.dataNonce, EMPTY, pointee.data),
      welcomeMetadata: aead.open(pointer.encryptionKey, pointer.welcomeMetadataNonce, EMPTY, pointee.welcomeMetadata),
    }
  } catch (error) {
    throw new WelcomeError("DecryptionFailed", "the welcome pointee does not open with the pointer's key", { cause: error })
  }
}
