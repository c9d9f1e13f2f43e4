// The HPKE contexts welcome wrapping runs in: RFC 9180 base mode with HKDF-SHA256 and
// ChaCha20-Poly1305, over DHKEM(X25519, HKDF-SHA256) or X-Wing, several messages sealed in one
// context (libxmtp seals the welcome and then its metadata with the same sender context).
//
// X-Wing: libxmtp 1.10 builds its HPKE config with hpke-rs 0.6, whose KemAlgorithm::XWingDraft06
// is 0x004D, and that id enters the key schedule's suite_id ("HPKE" || kem || kdf || aead).
// @hpke/hybridkem-x-wing 0.7.0 implements the same KEM under the later codepoint 0x647A, so its
// contexts would derive other keys; the class below only changes the id the suite is built with
// (X-Wing's own encapsulation uses no suite id). It also swaps the package's pure-JS X25519 for
// node:crypto's: the four X25519 operations of each seal and open dominated welcome wrapping for
// large groups (two per member added).
// Reference: libxmtp node-bindings-1.10.0 crates/xmtp_id/src/key_package/mls_ext_wrapper_encryption.rs
// lines 28-39 (WrapperAlgorithm::to_hpke_config).
import { CipherSuite, DhkemX25519HkdfSha256, HkdfSha256, type KemInterface } from "@hpke/core"
import { Chacha20Poly1305 } from "@hpke/chacha20poly1305"
import { XWing } from "@hpke/hybridkem-x-wing"
import { x25519, x25519KeyPair, x25519PublicKey } from "./cryptoProviderCurves"
import { WelcomeError } from "./welcomeWrapperErrors"

/** The asymmetric wrapper algorithms (libxmtp's WrapperAlgorithm). */
export type WrapperAlgorithm = "curve25519" | "xwingMlkem768Draft6"

/** hpke-rs's KemAlgorithm::XWingDraft06. */
export const HPKE_RS_XWING_DRAFT06_KEM_ID = 0x004d

export const WRAPPER_KEY_LENGTHS: Record<WrapperAlgorithm, { publicKey: number; privateKey: number; enc: number }> = {
  curve25519: { publicKey: 32, privateKey: 32, enc: 32 },
  // draft-06: pk = ML-KEM-768 pk || X25519 pk; the private key is the 32-byte seed.
  xwingMlkem768Draft6: { publicKey: 1216, privateKey: 32, enc: 1120 },
}

const X25519_BASE_POINT = Uint8Array.from({ length: 32 }, (_, index) => (index === 0 ? 9 : 0))

const isBasePoint = (point: Uint8Array): boolean => point.length === 32 && point.every((byte, index) => byte === X25519_BASE_POINT[index])

/**
 * The X25519 primitive X-Wing calls (`derive(sk, pk)`, the base point for public keys) on
 * node:crypto. Like the package's own, it refuses the all-zero shared secret.
 */
const nodeX25519 = {
  derive(privateKey: Uint8Array, point: Uint8Array): Promise<Uint8Array> {
    try {
      const keys = x25519KeyPair(Uint8Array.from(privateKey))
      return Promise.resolve(isBasePoint(point) ? keys.publicRaw : x25519(keys.privateKey, x25519PublicKey(Uint8Array.from(point))))
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
  },
}

class XWingDraft06 extends XWing {
  constructor() {
    super()
    Object.defineProperty(this, "id", { value: HPKE_RS_XWING_DRAFT06_KEM_ID })
    // @hpke/hybridkem-x-wing 0.7.0 (pinned) keeps its X25519 primitive in `_x25519`.
    Object.defineProperty(this, "_x25519", { value: nodeX25519 })
  }
}

const suites = new Map<WrapperAlgorithm, CipherSuite>()

function suiteFor(algorithm: WrapperAlgorithm): CipherSuite {
  let suite = suites.get(algorithm)
  if (!suite) {
    const kem: KemInterface = algorithm === "curve25519" ? new DhkemX25519HkdfSha256() : new XWingDraft06()
    // Each suite needs its own KDF instance: the suite binds its suite_id into it.
    suite = new CipherSuite({ kem, kdf: new HkdfSha256(), aead: new Chacha20Poly1305() })
    suites.set(algorithm, suite)
  }
  return suite
}

const bytes = (buffer: ArrayBuffer) => new Uint8Array(buffer)

/** Seals each plaintext in turn in one sender context; returns the encapsulation and ciphertexts. */
export async function hpkeSealAll(
  algorithm: WrapperAlgorithm,
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  plaintexts: readonly Uint8Array[],
): Promise<{ enc: Uint8Array; ciphertexts: Uint8Array[] }> {
  const suite = suiteFor(algorithm)
  const expected = WRAPPER_KEY_LENGTHS[algorithm].publicKey
  if (recipientPublicKey.length !== expected) {
    throw new WelcomeError("InvalidPublicKey", `a ${algorithm} welcome key is ${expected} bytes, not ${recipientPublicKey.length}`)
  }
  let context
  try {
    const publicKey = await suite.kem.deserializePublicKey(recipientPublicKey)
    context = await suite.createSenderContext({ recipientPublicKey: publicKey, info })
  } catch (error) {
    throw new WelcomeError("InvalidPublicKey", `cannot set up HPKE to this ${algorithm} key: ${String(error)}`, { cause: error })
  }
  const ciphertexts: Uint8Array[] = []
  for (const plaintext of plaintexts) ciphertexts.push(bytes(await context.seal(plaintext)))
  return { enc: bytes(context.enc), ciphertexts }
}

/** Opens each ciphertext in turn in one recipient context. */
export async function hpkeOpenAll(
  algorithm: WrapperAlgorithm,
  recipientPrivateKey: Uint8Array,
  enc: Uint8Array,
  info: Uint8Array,
  ciphertexts: readonly Uint8Array[],
): Promise<Uint8Array[]> {
  const suite = suiteFor(algorithm)
  const expected = WRAPPER_KEY_LENGTHS[algorithm].privateKey
  if (recipientPrivateKey.length !== expected) {
    throw new WelcomeError("InvalidPrivateKey", `a ${algorithm} private key is ${expected} bytes, not ${recipientPrivateKey.length}`)
  }
  try {
    const recipientKey = await suite.kem.deserializePrivateKey(recipientPrivateKey)
    const context = await suite.createRecipientContext({ recipientKey, enc, info })
    const plaintexts: Uint8Array[] = []
    for (const ciphertext of ciphertexts) plaintexts.push(bytes(await context.open(ciphertext)))
    return plaintexts
  } catch (error) {
    throw new WelcomeError("DecryptionFailed", `the ${algorithm} welcome wrapper does not open with this key: ${String(error)}`, { cause: error })
  }
}

/** The public key of an X-Wing private key (its 32-byte seed), for tests and key generation. */
export async function xwingPublicKey(seed: Uint8Array): Promise<Uint8Array> {
  const kem = suiteFor("xwingMlkem768Draft6").kem
  const pair = await (kem as XWing).generateKeyPairDerand(seed)
  return bytes(await kem.serializePublicKey(pair.publicKey))
}
