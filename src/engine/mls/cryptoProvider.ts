// A ts-mls CryptoProvider for ciphersuite 3 (MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519)
// on synchronous node:crypto. ts-mls's default provider goes through WebCrypto, whose per-call
// overhead dominates MLS at XMTP's group sizes (an Ed25519 signature costs about 1 ms there and
// about 60 us here); see tests/bench/tsmls.ts for the side-by-side figures.
import type { CiphersuiteImpl, CryptoProvider } from "ts-mls"
import { chaCha20Poly1305, type Aead } from "./cryptoProviderAead"
import { ed25519Keygen, ed25519Sign, ed25519Verify } from "./cryptoProviderCurves"
import { CryptoProviderError } from "./cryptoProviderErrors"
import { makeHpke } from "./cryptoProviderHpke"
import { SHA256_LENGTH, hkdfExpand, hkdfExtract, hmacSha256, randomBytes, sha256 } from "./cryptoProviderPrimitives"
import { timingSafeEqual } from "node:crypto"

const SUPPORTED_CIPHERSUITE = 3

/** The ciphersuite 3 implementation; `aead` is injectable so tests can run the pure-JS fallback. */
export function makeNodeCiphersuiteImpl(aead: Aead = chaCha20Poly1305()): CiphersuiteImpl {
  return {
    id: SUPPORTED_CIPHERSUITE,
    hash: {
      async digest(data) {
        return sha256(data)
      },
      async mac(key, data) {
        return hmacSha256(key, data)
      },
      async verifyMac(key, mac, data) {
        const expected = hmacSha256(key, data)
        return mac.length === expected.length && timingSafeEqual(mac, expected)
      },
    },
    kdf: {
      async extract(salt, ikm) {
        return hkdfExtract(salt, ikm)
      },
      async expand(prk, info, length) {
        return hkdfExpand(prk, info, length)
      },
      size: SHA256_LENGTH,
    },
    signature: {
      async sign(signKey, message) {
        return ed25519Sign(signKey, message)
      },
      async verify(publicKey, message, signature) {
        return ed25519Verify(publicKey, message, signature)
      },
      async keygen() {
        return ed25519Keygen()
      },
    },
    hpke: makeHpke(aead),
    rng: { randomBytes },
  }
}

export const nodeCryptoProvider: CryptoProvider = {
  async getCiphersuiteImpl(id: number): Promise<CiphersuiteImpl> {
    if (id !== SUPPORTED_CIPHERSUITE) {
      throw new CryptoProviderError(
        "UnsupportedCiphersuite",
        `The node:crypto provider implements MLS ciphersuite ${SUPPORTED_CIPHERSUITE} only, not ${id}`,
      )
    }
    return makeNodeCiphersuiteImpl()
  },
}
