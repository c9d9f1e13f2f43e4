// Failures of the node:crypto CryptoProvider. The class extends ts-mls's CryptoError so code that
// already handles the library's crypto failures keeps working; the code says which rule failed.
import { CryptoError } from "ts-mls"

export type CryptoProviderErrorCode =
  | "UnsupportedCiphersuite" // the provider implements ciphersuite 3 only
  | "InvalidKey" // a key of the wrong length or not on the curve
  | "InvalidLength" // an HKDF output length or AEAD input outside what the algorithm allows
  | "DecryptionFailed" // the AEAD tag did not verify (wrong key, nonce, AAD or tampered data)
  | "DegenerateSharedSecret" // X25519 produced the all-zero value (RFC 9180 section 7.1.4)

export class CryptoProviderError extends CryptoError {
  override readonly name = "CryptoProviderError"
  constructor(
    readonly code: CryptoProviderErrorCode,
    message: string,
  ) {
    super(message)
  }
}
