// Typed refusals of removing the account's devices, as the renderer receives them.

export type DeviceErrorCode =
  /** An id that is not (or no longer) one of the account's installations. */
  | "UnknownDevice"
  /** The request named the installation it was sent from: a device cannot remove itself. */
  | "ThisDevice"

export class DeviceError extends Error {
  override readonly name = "DeviceError"
  constructor(
    readonly code: DeviceErrorCode,
    message: string,
  ) {
    super(message)
  }
}
