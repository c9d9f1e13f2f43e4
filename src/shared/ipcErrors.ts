// Errors that cross the IPC boundary. Electron passes only an error's message from main to the
// renderer, so main encodes a typed error's family, code and message into it, and the renderer
// side decodes them back into a RemoteIpcError it can branch on.
import { z } from "zod"

export type IpcValidationErrorCode =
  /** The request name is not in the contract. */
  | "UnknownRequest"
  /** The request's arguments do not match the contract; the handler was not called. */
  | "InvalidArguments"
  /** The handler's result does not match the contract; nothing was sent. */
  | "InvalidResult"
  /** The event name is not in the contract. */
  | "UnknownEvent"
  /** The event's payload does not match the contract; nothing was sent. */
  | "InvalidEvent"

export class IpcValidationError extends Error {
  override readonly name = "IpcValidationError"
  constructor(
    readonly request: string,
    readonly issues: string,
    readonly code: IpcValidationErrorCode = "InvalidArguments",
  ) {
    super(`Invalid IPC message for ${request}: ${issues}`)
  }
}

/** The part of a failure the renderer sees: which error family, which code, and what to tell the user. */
export const ipcErrorInfoSchema = z.strictObject({
  family: z.string().min(1),
  code: z.string().min(1),
  message: z.string(),
})
export type IpcErrorInfo = z.infer<typeof ipcErrorInfoSchema>

const MARKER = "[parley-ipc-error]"

/** The error message main rejects an invoke with. */
export function encodeIpcError(info: IpcErrorInfo): string {
  return `${MARKER}${JSON.stringify(info)}`
}

/**
 * The typed error inside a rejected invoke's message (Electron prefixes it with "Error invoking
 * remote method …"), or undefined when the message carries none.
 */
export function decodeIpcError(message: string): IpcErrorInfo | undefined {
  const at = message.indexOf(MARKER)
  if (at < 0) return undefined
  try {
    const parsed = ipcErrorInfoSchema.safeParse(JSON.parse(message.slice(at + MARKER.length)))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** A main-process failure as the renderer receives it. */
export class RemoteIpcError extends Error {
  override readonly name = "RemoteIpcError"
  readonly family: string
  readonly code: string
  constructor(info: IpcErrorInfo) {
    super(info.message)
    this.family = info.family
    this.code = info.code
  }

  /** Rebuilds the typed error from a rejected invoke; errors without one become code "Unknown". */
  static from(error: unknown): RemoteIpcError {
    const message = error instanceof Error ? error.message : String(error)
    return new RemoteIpcError(decodeIpcError(message) ?? { family: "Error", code: "Unknown", message })
  }
}
