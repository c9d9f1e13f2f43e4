// The typed bridge: exposes exactly the contract's requests on window.parley and a subscription
// to main's events on window.parleyEvents, nothing else. It imports only the channel names (no
// zod, no DTOs): a sandboxed preload is a single CommonJS bundle with nothing from node_modules.
// Rejections carry main's typed error encoded in their message; the renderer decodes them with
// RemoteIpcError.from (errors cannot cross the context bridge as classes).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from "electron"
import { EVENT_NAMES, REQUEST_NAMES } from "../shared/channels"

const api = Object.fromEntries(
  REQUEST_NAMES.map((name) => [name, (...args: unknown[]) => ipcRenderer.invoke(name, ...args)]),
)

const eventNames = new Set<string>(EVENT_NAMES)

function subscribe(name: string, listener: (payload: unknown) => void): () => void {
  if (!eventNames.has(name)) throw new TypeError(`Unknown Parley event: ${name}`)
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
  ipcRenderer.on(name, forward)
  return () => void ipcRenderer.removeListener(name, forward)
}

contextBridge.exposeInMainWorld("parley", api)
contextBridge.exposeInMainWorld("parleyEvents", subscribe)
