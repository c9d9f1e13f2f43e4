// What the user is told when a request fails: the typed error's own message, except for requests
// this build cannot serve yet, which say so plainly instead of looking like a fault.
import { RemoteIpcError } from "../../../shared/ipcErrors"

export interface ErrorInfo {
  code: string
  message: string
}

export function errorInfo(error: unknown): ErrorInfo {
  const remote = error instanceof RemoteIpcError ? error : RemoteIpcError.from(error)
  if (remote.code === "NotAvailable") {
    return { code: remote.code, message: "This isn't available in this version of Parley yet." }
  }
  return { code: remote.code, message: remote.message }
}

export function errorMessage(error: unknown): string {
  return errorInfo(error).message
}
