// What main and the web host hold of one profile's engine: its pushed events, its handlers for a
// registry, and closing it. A ProfileSession in this thread and an EngineHost (the same session in
// a worker thread) both are one; openEngineSession picks.
import type { ProfileSessionOptions } from "../handlers/profileSession"
import { ProfileSession } from "../handlers/profileSession"
import type { EventHub } from "../handlers/eventHub"
import type { IpcHandlerRegistry } from "../ipcHandlers"
import { EngineHost } from "./engineHostClient"

export interface EngineSession {
  readonly events: EventHub
  /** Registers the profile's account and engine requests on `registry`. */
  register(registry: IpcHandlerRegistry): IpcHandlerRegistry
  close(): Promise<void>
}

/** "worker" (the default) keeps MLS and SQLite work off the thread that serves IPC; "main" runs it there. */
export type EngineThread = "worker" | "main"

export function openEngineSession(options: ProfileSessionOptions, thread: EngineThread = "worker"): Promise<EngineSession> {
  return thread === "worker" ? EngineHost.open(options) : ProfileSession.open(options)
}

/** PARLEY_ENGINE_THREAD=main runs the engine on main's own thread (for measuring and debugging). */
export function engineThreadFromEnv(env: NodeJS.ProcessEnv = process.env): EngineThread {
  return env["PARLEY_ENGINE_THREAD"] === "main" ? "main" : "worker"
}
