// ChaCha20-Poly1305 (RFC 8439), the AEAD of ciphersuite 3. node:crypto has it under Node's
// OpenSSL; Electron's BoringSSL does not list it, so there the pure-JS @noble/ciphers takes over.
import { createCipheriv, createDecipheriv, getCiphers } from "node:crypto"
import { chacha20poly1305 } from "@noble/ciphers/chacha.js"
import { CryptoProviderError } from "./cryptoProviderErrors"
import { concatBytes, toBytes } from "./cryptoProviderPrimitives"

export const CHACHA20POLY1305_KEY_LENGTH = 32
export const CHACHA20POLY1305_NONCE_LENGTH = 12
const TAG_LENGTH = 16
const NODE_CIPHER_NAME = "chacha20-poly1305"

export interface Aead {
  readonly implementation: "node:crypto" | "@noble/ciphers"
  /** Returns ciphertext followed by the 16-byte tag. */
  seal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array
  /** Throws CryptoProviderError("DecryptionFailed") when the tag does not verify. */
  open(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Uint8Array
}

function checkKeyAndNonce(key: Uint8Array, nonce: Uint8Array): void {
  if (key.length !== CHACHA20POLY1305_KEY_LENGTH || nonce.length !== CHACHA20POLY1305_NONCE_LENGTH) {
    throw new CryptoProviderError(
      "InvalidLength",
      `ChaCha20-Poly1305 needs a 32-byte key and a 12-byte nonce (got ${key.length} and ${nonce.length})`,
    )
  }
}

function decryptionFailed(): CryptoProviderError {
  return new CryptoProviderError("DecryptionFailed", "ChaCha20-Poly1305 authentication failed")
}

export const nodeChaCha20Poly1305: Aead = {
  implementation: "node:crypto",
  seal(key, nonce, aad, plaintext) {
    checkKeyAndNonce(key, nonce)
    const cipher = createCipheriv(NODE_CIPHER_NAME, key, nonce, { authTagLength: TAG_LENGTH })
    cipher.setAAD(aad, { plaintextLength: plaintext.length })
    return concatBytes(cipher.update(plaintext), cipher.final(), cipher.getAuthTag())
  },
  open(key, nonce, aad, ciphertext) {
    checkKeyAndNonce(key, nonce)
    if (ciphertext.length < TAG_LENGTH) throw decryptionFailed()
    const bodyLength = ciphertext.length - TAG_LENGTH
    const decipher = createDecipheriv(NODE_CIPHER_NAME, key, nonce, { authTagLength: TAG_LENGTH })
    decipher.setAuthTag(ciphertext.subarray(bodyLength))
    decipher.setAAD(aad, { plaintextLength: bodyLength })
    const body = decipher.update(ciphertext.subarray(0, bodyLength))
    try {
      return concatBytes(body, decipher.final())
    } catch {
      throw decryptionFailed()
    }
  },
}

export const nobleChaCha20Poly1305: Aead = {
  implementation: "@noble/ciphers",
  seal(key, nonce, aad, plaintext) {
    checkKeyAndNonce(key, nonce)
    return toBytes(chacha20poly1305(key, nonce, aad).encrypt(plaintext))
  },
  open(key, nonce, aad, ciphertext) {
    checkKeyAndNonce(key, nonce)
    try {
      return toBytes(chacha20poly1305(key, nonce, aad).decrypt(ciphertext))
    } catch {
      throw decryptionFailed()
    }
  },
}

/** The fastest ChaCha20-Poly1305 this runtime offers. */
export function chaCha20Poly1305(): Aead {
  return getCiphers().includes(NODE_CIPHER_NAME) ? nodeChaCha20Poly1305 : nobleChaCha20Poly1305
}
