// Typed failures of the profile's draft store.

export type DraftStoreErrorCode =
  /** The drafts file could not be decrypted (another key, or damaged bytes) or is not a drafts file. */
  | "Unreadable"
  /** Every draft slot is taken; sending or clearing a draft frees one. */
  | "TooMany"

export class DraftStoreError extends Error {
  override readonly name = "DraftStoreError"
  constructor(
    readonly code: DraftStoreErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}
