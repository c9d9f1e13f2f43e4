// Typed failures of a key package maintenance pass. A failed pass changes nothing that matters:
// the rotation stays due and the next pass tries again, so these are reported, not thrown at the app.

export type KeyPackageRotationErrorCode =
  /** The new key package could not be uploaded (node unreachable or refusing it). */
  | "UploadFailed"
  /** Creating the key package, or reading or writing the schedule and keys, failed. */
  | "MaintenanceFailed"

export class KeyPackageRotationError extends Error {
  override readonly name = "KeyPackageRotationError"
  constructor(
    readonly code: KeyPackageRotationErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}
