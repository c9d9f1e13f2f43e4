// In a browser served by the web host there is no preload: this installs the same `window.parley`
// and `window.parleyEvents` over the host's loopback WebSocket, so the rest of the renderer is the
// code Electron runs. Rejections carry the host's typed error encoded as Electron's do, so
// RemoteIpcError.from reads both alike.
import type { ParleyApi, ParleyEventApi } from "../../../shared/contract"
import { encodeIpcError } from "../../../shared/ipcErrors"
import { EVENT_NAMES, REQUEST_NAMES } from "../../../shared/channels"
import {
  decodeFrameJson,
  encodeFrame,
  hostFrameSchema,
  PROFILE_QUERY_KEY,
  SOCKET_PATH,
  SOCKET_SUBPROTOCOL,
  SOCKET_TOKEN_PREFIX,
  TOKEN_FRAGMENT_KEY,
} from "../../../shared/socketProtocol"

const TOKEN_STORAGE_KEY = "parley.webhost.token"

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void }

/** The secret from the URL fragment (moved to session storage and removed from the address bar), or from an earlier load of this tab. */
function takeToken(): string | null {
  const fragment = new URLSearchParams(window.location.hash.slice(1))
  const fromFragment = fragment.get(TOKEN_FRAGMENT_KEY)
  if (fromFragment) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromFragment)
    history.replaceState(null, "", window.location.pathname + window.location.search)
    return fromFragment
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY)
}

function connectionLost(name: string, why: string): Error {
  return new Error(encodeIpcError({ family: "WebHostError", code: "Disconnected", message: `${name} could not reach the Parley web host (${why}). Reload the page once the host runs again.` }))
}

export function installWebSocketBridge(): void {
  const token = takeToken()
  const profile = new URLSearchParams(window.location.search).get(PROFILE_QUERY_KEY) ?? "default"
  const url = new URL(SOCKET_PATH, window.location.href)
  url.protocol = window.location.protocol === "https:" ? "wss:" : "ws:"
  url.search = new URLSearchParams({ [PROFILE_QUERY_KEY]: profile }).toString()
  const socket = new WebSocket(url, token ? [SOCKET_SUBPROTOCOL, SOCKET_TOKEN_PREFIX + token] : [SOCKET_SUBPROTOCOL])
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve(), { once: true })
    socket.addEventListener("close", (event) => reject(new Error(event.reason || (token ? "the connection was refused" : "this page was opened without its access token"))), { once: true })
  })
  opened.catch(() => undefined)

  const pending = new Map<number, Pending>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let nextId = 1
  let closedBecause: string | undefined

  socket.addEventListener("message", (event) => {
    if (typeof event.data !== "string") return
    const parsed = hostFrameSchema.safeParse(decodeFrameJson(event.data))
    if (!parsed.success) return
    const frame = parsed.data
    if (frame.kind === "event") {
      for (const listener of listeners.get(frame.name) ?? []) listener(frame.payload)
      return
    }
    const waiting = pending.get(frame.id)
    if (!waiting) return
    pending.delete(frame.id)
    if (frame.ok) waiting.resolve(frame.result)
    else waiting.reject(new Error(encodeIpcError(frame.error)))
  })
  socket.addEventListener("close", (event) => {
    closedBecause = event.reason || "the connection closed"
    for (const [id, waiting] of pending) {
      pending.delete(id)
      waiting.reject(connectionLost("A request", closedBecause))
    }
  })

  async function invoke(name: string, args: unknown[]): Promise<unknown> {
    try {
      await opened
    } catch (error) {
      throw connectionLost(name, (error as Error).message)
    }
    if (closedBecause !== undefined) throw connectionLost(name, closedBecause)
    const id = nextId++
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject })
      socket.send(encodeFrame({ kind: "request", id, name, args }))
    })
  }

  const api = Object.fromEntries(REQUEST_NAMES.map((name) => [name, (...args: unknown[]) => invoke(name, args)])) as unknown as ParleyApi
  const known = new Set<string>(EVENT_NAMES)
  const subscribe = ((name: string, listener: (payload: unknown) => void) => {
    if (!known.has(name)) throw new TypeError(`Unknown Parley event: ${name}`)
    const set = listeners.get(name) ?? new Set()
    listeners.set(name, set)
    set.add(listener)
    return () => void set.delete(listener)
  }) as ParleyEventApi

  Object.defineProperty(window, "parley", { value: Object.freeze(api), configurable: false, writable: false })
  Object.defineProperty(window, "parleyEvents", { value: subscribe, configurable: false, writable: false })
}
