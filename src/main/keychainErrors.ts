// Typed failures of the keychain service. Each message says what happened and what the user can do.

export type KeychainErrorCode =
  /** No working OS keychain (no Secret Service, no D-Bus session, keychain locked or refused). */
  | "Unavailable"
  /** The keychain entry exists but is not a secret this version of Parley can read. */
  | "Corrupt"
  /** A key given for import is not a valid secp256k1 private key. */
  | "InvalidAccountKey"
  /** Importing would replace a different account key, and the caller did not confirm it. */
  | "ConfirmationRequired"
  /** The profile has no keys in the keychain yet. */
  | "NotFound"

export class KeychainError extends Error {
  override readonly name = "KeychainError"
  constructor(
    readonly code: KeychainErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}
