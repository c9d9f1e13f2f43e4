// Typed failures of XMTP welcome wrapping. libxmtp reports all of these as WrapWelcomeError /
// UnwrapWelcomeError (HPKE, TLS codec, crypto) or ConversionError; the codes here say which rule
// failed so a dropped welcome can be explained.

export type WelcomeErrorCode =
  /** The wrapped welcome is not a TLS HpkeCiphertext, exactly (tls_deserialize_exact). */
  | "MalformedCiphertext"
  /** A recipient public key of the wrong length or not a valid point for its algorithm. */
  | "InvalidPublicKey"
  /** A private key of the wrong length for its algorithm. */
  | "InvalidPrivateKey"
  /** HPKE setup or an AEAD tag failed: wrong key, wrong algorithm or tampered data. */
  | "DecryptionFailed"
  /** A wrapper algorithm value this path does not take (symmetric key, unknown enum values). */
  | "UnsupportedAlgorithm"
  /** The decrypted bytes are not an MLSMessage carrying a Welcome. */
  | "NotAWelcome"
  /** The decrypted welcome metadata is not a WelcomeMetadata protobuf. */
  | "InvalidMetadata"
  /** A welcome pointer that does not decode or names an unusable destination, AEAD, key or nonce. */
  | "InvalidPointer"
  /** The message handed in is not the kind this function opens (V1 versus pointer). */
  | "WrongMessageKind"
  /** The recipient's key package extension 0xff03 is malformed or asks for the symmetric algorithm. */
  | "InvalidWrapperEncryption"
  /** The recipient's key package extension 0xff04 is malformed or lists an unknown AEAD. */
  | "InvalidPointeeAeadTypes"

export class WelcomeError extends Error {
  override readonly name = "WelcomeError"
  constructor(
    readonly code: WelcomeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}
