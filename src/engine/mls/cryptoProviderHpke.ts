// HPKE base mode (RFC 9180) for DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305: the
// KEM of section 4.1, the key schedule of section 5.1, single-shot seal/open (section 6.1) and the
// secret export of section 5.3, written from the RFC on top of synchronous node:crypto.
import type { KeyObject } from "node:crypto"
import type { Hpke, PrivateKey, PublicKey } from "ts-mls"
import { CHACHA20POLY1305_KEY_LENGTH, CHACHA20POLY1305_NONCE_LENGTH, type Aead } from "./cryptoProviderAead"
import { CURVE25519_KEY_LENGTH, x25519, x25519KeyPair, x25519PublicKey } from "./cryptoProviderCurves"
import { CryptoProviderError } from "./cryptoProviderErrors"
import { SHA256_LENGTH, concatBytes, hkdfExpand, hkdfExtract, i2osp, toBytes } from "./cryptoProviderPrimitives"

const KEM_ID = 0x0020
const KDF_ID = 0x0001
const AEAD_ID = 0x0003
const MODE_BASE = 0x00

const utf8 = (text: string) => new TextEncoder().encode(text)
const HPKE_V1 = utf8("HPKE-v1")
const KEM_SUITE_ID = concatBytes(utf8("KEM"), i2osp(KEM_ID, 2))
const HPKE_SUITE_ID = concatBytes(utf8("HPKE"), i2osp(KEM_ID, 2), i2osp(KDF_ID, 2), i2osp(AEAD_ID, 2))
const EMPTY = new Uint8Array(0)

function labeledExtract(suiteId: Uint8Array, salt: Uint8Array, label: string, ikm: Uint8Array): Uint8Array {
  return hkdfExtract(salt, concatBytes(HPKE_V1, suiteId, utf8(label), ikm))
}

function labeledExpand(suiteId: Uint8Array, prk: Uint8Array, label: string, info: Uint8Array, length: number): Uint8Array {
  return hkdfExpand(prk, concatBytes(i2osp(length, 2), HPKE_V1, suiteId, utf8(label), info), length)
}

/** An X25519 key as ts-mls passes it around: opaque to the library, raw bytes and KeyObject here. */
class X25519Private {
  readonly type = "private"
  constructor(
    readonly raw: Uint8Array,
    readonly keyObject: KeyObject,
    readonly publicKeyBytes: Uint8Array,
  ) {}
}

class X25519Public {
  readonly type = "public"
  constructor(
    readonly raw: Uint8Array,
    readonly keyObject: KeyObject,
  ) {}
}

export interface X25519KeyPair {
  privateKey: X25519Private
  publicKey: X25519Public
}

function keyPair(privateRaw?: Uint8Array): X25519KeyPair {
  const keys = x25519KeyPair(privateRaw)
  return {
    privateKey: new X25519Private(keys.privateRaw, keys.privateKey, keys.publicRaw),
    publicKey: new X25519Public(keys.publicRaw, keys.publicKey),
  }
}

function importPublic(raw: Uint8Array): X25519Public {
  const copy = toBytes(raw)
  return new X25519Public(copy, x25519PublicKey(copy))
}

// The library hands back whatever we gave it; anything else is a caller mixing providers.
function asPrivate(key: PrivateKey): X25519Private {
  if (!((key as unknown) instanceof X25519Private)) {
    throw new CryptoProviderError("InvalidKey", "This private key was not created by the node:crypto provider")
  }
  return key as unknown as X25519Private
}

function asPublic(key: PublicKey): X25519Public {
  if (!((key as unknown) instanceof X25519Public)) {
    throw new CryptoProviderError("InvalidKey", "This public key was not created by the node:crypto provider")
  }
  return key as unknown as X25519Public
}

/** DeriveKeyPair (RFC 9180 section 7.1.3): for X25519 the expanded bytes are the private key. */
export function deriveX25519KeyPair(ikm: Uint8Array): X25519KeyPair {
  const dkpPrk = labeledExtract(KEM_SUITE_ID, EMPTY, "dkp_prk", ikm)
  return keyPair(labeledExpand(KEM_SUITE_ID, dkpPrk, "sk", EMPTY, CURVE25519_KEY_LENGTH))
}

export function generateX25519KeyPair(): X25519KeyPair {
  return keyPair()
}

function extractAndExpand(dh: Uint8Array, kemContext: Uint8Array): Uint8Array {
  const eaePrk = labeledExtract(KEM_SUITE_ID, EMPTY, "eae_prk", dh)
  return labeledExpand(KEM_SUITE_ID, eaePrk, "shared_secret", kemContext, SHA256_LENGTH)
}

export interface HpkeContext {
  key: Uint8Array
  baseNonce: Uint8Array
  exporterSecret: Uint8Array
}

/** KeySchedule for mode_base: no PSK, so psk and psk_id are empty. */
export function keySchedule(sharedSecret: Uint8Array, info: Uint8Array): HpkeContext {
  const pskIdHash = labeledExtract(HPKE_SUITE_ID, EMPTY, "psk_id_hash", EMPTY)
  const infoHash = labeledExtract(HPKE_SUITE_ID, EMPTY, "info_hash", info)
  const context = concatBytes(Uint8Array.of(MODE_BASE), pskIdHash, infoHash)
  const secret = labeledExtract(HPKE_SUITE_ID, sharedSecret, "secret", EMPTY)
  return {
    key: labeledExpand(HPKE_SUITE_ID, secret, "key", context, CHACHA20POLY1305_KEY_LENGTH),
    baseNonce: labeledExpand(HPKE_SUITE_ID, secret, "base_nonce", context, CHACHA20POLY1305_NONCE_LENGTH),
    exporterSecret: labeledExpand(HPKE_SUITE_ID, secret, "exp", context, SHA256_LENGTH),
  }
}

/**
 * SetupBaseS. `ephemeral` is only ever passed by the RFC 9180 known-answer tests, which fix the
 * sender's ephemeral key; everything else gets a fresh one.
 */
export function setupBaseSender(
  recipient: X25519Public,
  info: Uint8Array,
  ephemeral: X25519KeyPair = generateX25519KeyPair(),
): { enc: Uint8Array; context: HpkeContext } {
  const dh = x25519(ephemeral.privateKey.keyObject, recipient.keyObject)
  const enc = ephemeral.publicKey.raw
  const sharedSecret = extractAndExpand(dh, concatBytes(enc, recipient.raw))
  return { enc: toBytes(enc), context: keySchedule(sharedSecret, info) }
}

export function setupBaseReceiver(enc: Uint8Array, recipient: X25519Private, info: Uint8Array): HpkeContext {
  const dh = x25519(recipient.keyObject, x25519PublicKey(enc))
  const sharedSecret = extractAndExpand(dh, concatBytes(enc, recipient.publicKeyBytes))
  return keySchedule(sharedSecret, info)
}

/** ComputeNonce (section 5.2): base_nonce XOR the big-endian sequence number. */
export function computeNonce(baseNonce: Uint8Array, sequence: number): Uint8Array {
  const counter = i2osp(sequence, baseNonce.length)
  return baseNonce.map((byte, i) => byte ^ (counter[i] ?? 0))
}

/** Context.Export (section 5.3). */
export function exportFromContext(context: HpkeContext, exporterContext: Uint8Array, length: number): Uint8Array {
  return labeledExpand(HPKE_SUITE_ID, context.exporterSecret, "sec", exporterContext, length)
}

/** The ts-mls Hpke interface over the functions above; seal/open are the single-shot API. */
export function makeHpke(aead: Aead): Hpke {
  return {
    async seal(publicKey, plaintext, info, aad) {
      const { enc, context } = setupBaseSender(asPublic(publicKey), info)
      return { enc, ct: aead.seal(context.key, computeNonce(context.baseNonce, 0), aad ?? EMPTY, plaintext) }
    },
    async open(privateKey, kemOutput, ciphertext, info, aad) {
      const context = setupBaseReceiver(kemOutput, asPrivate(privateKey), info)
      return aead.open(context.key, computeNonce(context.baseNonce, 0), aad ?? EMPTY, ciphertext)
    },
    async exportSecret(publicKey, exporterContext, length, info) {
      const { enc, context } = setupBaseSender(asPublic(publicKey), info)
      return { enc, secret: exportFromContext(context, exporterContext, length) }
    },
    async importSecret(privateKey, exporterContext, kemOutput, length, info) {
      return exportFromContext(setupBaseReceiver(kemOutput, asPrivate(privateKey), info), exporterContext, length)
    },
    async importPrivateKey(raw) {
      return keyPair(raw).privateKey as unknown as PrivateKey
    },
    async importPublicKey(raw) {
      return importPublic(raw) as unknown as PublicKey
    },
    async exportPublicKey(key) {
      return toBytes(asPublic(key).raw)
    },
    async exportPrivateKey(key) {
      return toBytes(asPrivate(key).raw)
    },
    async encryptAead(key, nonce, aad, plaintext) {
      return aead.seal(key, nonce, aad ?? EMPTY, plaintext)
    },
    async decryptAead(key, nonce, aad, ciphertext) {
      return aead.open(key, nonce, aad ?? EMPTY, ciphertext)
    },
    async deriveKeyPair(ikm) {
      const pair = deriveX25519KeyPair(ikm)
      return { privateKey: pair.privateKey as unknown as PrivateKey, publicKey: pair.publicKey as unknown as PublicKey }
    },
    async generateKeyPair() {
      const pair = generateX25519KeyPair()
      return { privateKey: pair.privateKey as unknown as PrivateKey, publicKey: pair.publicKey as unknown as PublicKey }
    },
    keyLength: CHACHA20POLY1305_KEY_LENGTH,
    nonceLength: CHACHA20POLY1305_NONCE_LENGTH,
  }
}
