// The renderer's one door to main: typed requests that reject with RemoteIpcError, and event
// subscriptions. Electron's preload and the web host's socket bridge provide the same globals.
import type { EventName, EventPayload, ParleyApi, ParleyEventApi, RequestArgs, RequestName, RequestResult } from "../../../shared/contract"
import { RemoteIpcError } from "../../../shared/ipcErrors"

declare global {
  interface Window {
    parley?: ParleyApi
    parleyEvents?: ParleyEventApi
  }
}

export class BridgeMissingError extends Error {
  override readonly name = "BridgeMissingError"
  readonly code = "BridgeMissing"
  constructor() {
    super("Parley's bridge to its engine is missing: open Parley through the desktop app or the web host's link.")
  }
}

export function hasBridge(): boolean {
  return window.parley !== undefined && window.parleyEvents !== undefined
}

export async function request<N extends RequestName>(name: N, ...args: RequestArgs<N>): Promise<RequestResult<N>> {
  const api = window.parley
  if (!api) throw new BridgeMissingError()
  const call = api[name] as (...callArgs: RequestArgs<N>) => Promise<RequestResult<N>>
  try {
    return await call(...args)
  } catch (error) {
    throw RemoteIpcError.from(error)
  }
}

export function onEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
  const subscribe = window.parleyEvents
  if (!subscribe) throw new BridgeMissingError()
  return subscribe(name, listener)
}
