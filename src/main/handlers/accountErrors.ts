// Typed failures of the profile's account lifecycle, as the renderer receives them.

export type AccountErrorCode =
  /** The request needs the profile's account, and onboarding has not created or imported one. */
  | "NoAccount"
  /** Onboarding was asked to create or import an account, but the profile already has one. */
  | "AlreadyExists"

export class AccountError extends Error {
  override readonly name = "AccountError"
  constructor(
    readonly code: AccountErrorCode,
    message: string,
  ) {
    super(message)
  }
}
