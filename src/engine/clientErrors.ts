// Typed failures of creating and running a client (libxmtp ClientError / IdentityError cases).

export type ClientErrorCode =
  /** The database belongs to another account than the signer's. */
  | "IdentityMismatch"
  /** The signer is not an Ethereum (EOA) signer. */
  | "UnsupportedSigner"
  /** The installation's identity update did not take effect on the network. */
  | "RegistrationFailed"
  /** The database encryption key is not 32 bytes (or 64 hex digits). */
  | "InvalidEncryptionKey"

export class ClientError extends Error {
  override readonly name = "ClientError"
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}
