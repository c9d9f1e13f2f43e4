export type PreferencesErrorCode =
  /** A consent record whose entity type or state is none of the known values, or whose entity is empty. */
  "InvalidConsentRecord"

export class PreferencesError extends Error {
  override readonly name = "PreferencesError"
  constructor(
    readonly code: PreferencesErrorCode,
    message: string,
  ) {
    super(message)
  }
}
