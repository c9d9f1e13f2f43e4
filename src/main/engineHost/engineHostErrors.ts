// Errors of the engine host, and typed errors that crossed its MessagePort. A typed error (an
// AccountError, a KeychainError, ...) raised on one side is rebuilt on the other with the same
// name, code and message, so the IPC registry passes it on to the renderer as it would have.
import type { IpcErrorInfo } from "../../shared/ipcErrors"

export type EngineHostErrorCode =
  /** The worker could not be started, or its profile could not be opened. */
  | "StartFailed"
  /** The worker stopped unexpectedly; its requests are answered with this until Parley restarts. */
  | "Crashed"
  /** The session was closed; nothing more is served. */
  | "Closed"

export class EngineHostError extends Error {
  override readonly name = "EngineHostError"
  constructor(
    readonly code: EngineHostErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/** A typed error raised on the other side of the engine host's port. */
export class RemoteTypedError extends Error {
  override readonly name: string
  readonly code: string
  constructor(info: IpcErrorInfo) {
    super(info.message)
    this.name = info.family
    this.code = info.code
  }
}

/** A typed error's family, code and message; anything else (a bug) as `fallback` with its text. */
export function typedErrorInfo(error: unknown, fallback: Omit<IpcErrorInfo, "message">): IpcErrorInfo {
  if (error instanceof Error && typeof (error as { code?: unknown }).code === "string" && error.name !== "Error") {
    return { family: error.name, code: (error as Error & { code: string }).code, message: error.message }
  }
  return { ...fallback, message: error instanceof Error ? error.message : String(error) }
}

/** An error's stack (or text) for a log line written on the other side. */
export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error)
}
