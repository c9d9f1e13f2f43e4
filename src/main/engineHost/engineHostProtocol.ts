// The messages between the engine host (main's side) and its worker, over the worker's MessagePort.
// Requests reach the worker already validated by main's registry; the worker's registry checks them
// again (cheap), and its results and events, checked there before they cross, are not checked again
// in main.
import type { EventName, RequestName } from "../../shared/contract"
import type { IpcErrorInfo } from "../../shared/ipcErrors"
import type { ProfileKeys } from "../keychain"

/** What the worker needs to open the profile (no keys: it asks main for them). */
export interface EngineWorkerData {
  profile: string
  dataDir: string
  apiUrl: string
  appVersion?: string
  live?: { maxRestartDelayMs?: number }
}

export type KeyRequest = { method: "loadOrCreate"; profile: string } | { method: "importAccountKey"; profile: string; accountKeyText: string; confirmReplace?: boolean }

export type HostMessage =
  | { type: "request"; id: number; name: RequestName; args: unknown[] }
  | { type: "keys-result"; id: number; ok: true; keys: ProfileKeys }
  | { type: "keys-result"; id: number; ok: false; error: IpcErrorInfo }
  | { type: "close" }

export type WorkerMessage =
  /** The session is open; `requests` are those it registered. */
  | { type: "ready"; requests: RequestName[] }
  | { type: "start-failed"; error: IpcErrorInfo }
  | { type: "response"; id: number; ok: true; result: unknown }
  | { type: "response"; id: number; ok: false; error: IpcErrorInfo }
  | { type: "event"; name: EventName; payload: unknown }
  | { type: "keys"; id: number; request: KeyRequest }
  | { type: "log"; message: string; error: string }
  | { type: "closed" }
