// Who may open the contract socket: a page this host served (Host and Origin are this host's
// loopback origin, which also defeats DNS rebinding) that holds this run's secret. The secret is
// random per run and compared in constant time.
import { randomBytes, timingSafeEqual } from "node:crypto"
import type { IncomingMessage } from "node:http"
import { profileNameSchema } from "../shared/dto/app"
import { PROFILE_QUERY_KEY, SOCKET_PATH, SOCKET_SUBPROTOCOL, SOCKET_TOKEN_PREFIX } from "../shared/socketProtocol"

export const TOKEN_BYTES = 32

export function createHostToken(): string {
  return randomBytes(TOKEN_BYTES).toString("hex")
}

export type UpgradeVerdict = { ok: true; profile: string } | { ok: false; status: 400 | 403 | 404; reason: string }

/** The subprotocols a browser offered, from its Sec-WebSocket-Protocol header. */
export function offeredProtocols(request: IncomingMessage): string[] {
  const header = request.headers["sec-websocket-protocol"]
  return (header ?? "")
    .split(",")
    .map((protocol) => protocol.trim())
    .filter(Boolean)
}

export function sameSecret(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Decides an upgrade request; `origin` is this host's own, e.g. http://127.0.0.1:5180. */
export function checkUpgrade(request: IncomingMessage, origin: string, token: string): UpgradeVerdict {
  const url = new URL(request.url ?? "/", origin)
  if (url.pathname !== SOCKET_PATH) return { ok: false, status: 404, reason: "no socket at this path" }
  if (request.headers.host !== new URL(origin).host) return { ok: false, status: 403, reason: "wrong Host header" }
  if (request.headers.origin !== origin) return { ok: false, status: 403, reason: "the page is not one this host served" }
  const protocols = offeredProtocols(request)
  if (!protocols.includes(SOCKET_SUBPROTOCOL)) return { ok: false, status: 400, reason: `the ${SOCKET_SUBPROTOCOL} subprotocol is required` }
  const offered = protocols.find((protocol) => protocol.startsWith(SOCKET_TOKEN_PREFIX))?.slice(SOCKET_TOKEN_PREFIX.length)
  if (!offered || !sameSecret(offered, token)) return { ok: false, status: 403, reason: "missing or wrong access token" }
  const profile = profileNameSchema.safeParse(url.searchParams.get(PROFILE_QUERY_KEY) ?? "default")
  if (!profile.success) return { ok: false, status: 400, reason: "invalid profile name" }
  return { ok: true, profile: profile.data }
}

/** Whether a plain HTTP request is addressed to this host by its own name (not a rebound DNS name). */
export function isOwnHost(request: IncomingMessage, origin: string): boolean {
  return request.headers.host === new URL(origin).host
}
