// The web host's transport for the IPC contract: the same requests and events as Electron's IPC,
// framed as JSON over a loopback WebSocket. Bytes (attachments) travel as tagged base64, because
// JSON has no binary type. The frames carry the contract's names and values unchanged; the host
// validates them against the contract exactly as Electron main does.
import { z } from "zod"
import { ipcErrorInfoSchema } from "./ipcErrors"

/** Where the page opens its socket, on the host that served it. */
export const SOCKET_PATH = "/ipc"
/** The subprotocol both ends speak; the host selects it, so a page and a host of different versions fail loudly. */
export const SOCKET_SUBPROTOCOL = "parley.ipc.v1"
/**
 * The per-run secret travels as a second offered subprotocol, `parley-token.<hex>`: a browser's
 * WebSocket cannot set other headers, and a query string would end up in logs.
 */
export const SOCKET_TOKEN_PREFIX = "parley-token."
/** The URL fragment key that hands the secret to the page (fragments are never sent to a server). */
export const TOKEN_FRAGMENT_KEY = "token"
/** The query key that names the profile the page acts for. */
export const PROFILE_QUERY_KEY = "profile"

export const clientFrameSchema = z.strictObject({
  kind: z.literal("request"),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  name: z.string().max(64),
  args: z.array(z.unknown()).max(16),
})
export type ClientFrame = z.infer<typeof clientFrameSchema>

export const hostFrameSchema = z.union([
  z.strictObject({ kind: z.literal("response"), id: z.number().int().nonnegative(), ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ kind: z.literal("response"), id: z.number().int().nonnegative(), ok: z.literal(false), error: ipcErrorInfoSchema }),
  z.strictObject({ kind: z.literal("event"), name: z.string(), payload: z.unknown() }),
])
export type HostFrame = z.infer<typeof hostFrameSchema>

const BYTES_TAG = "$bytes"

/** JSON text of a frame, with every Uint8Array (Node Buffers included) as `{ "$bytes": base64 }`. */
export function encodeFrame(frame: ClientFrame | HostFrame): string {
  // `this[key]` is the value before toJSON ran: a Buffer's toJSON would otherwise turn it into { type, data }.
  return JSON.stringify(frame, function (this: Record<string, unknown>, key: string, value: unknown) {
    const original = this[key]
    return original instanceof Uint8Array ? { [BYTES_TAG]: bytesToBase64(original) } : value
  })
}

/** Parses a frame's JSON, turning `{ "$bytes": base64 }` back into Uint8Array; throws SyntaxError on bad JSON. */
export function decodeFrameJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const keys = Object.keys(value)
      const tagged = (value as Record<string, unknown>)[BYTES_TAG]
      if (keys.length === 1 && typeof tagged === "string") return base64ToBytes(tagged)
    }
    return value
  })
}

// btoa/atob exist in browsers and in Node 20 alike; chunks keep String.fromCharCode's argument list short.
function bytesToBase64(bytes: Uint8Array): string {
  let binary = ""
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000))
  return btoa(binary)
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
