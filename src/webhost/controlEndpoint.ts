// The web host's control endpoint, for test drivers and scripts on this machine: it lists and clicks
// the notifications a profile's sink kept, and delivers parley:// links through the same deep-link
// router Electron main uses. Only non-browser clients holding this run's secret get in: requests
// must carry `Authorization: Bearer <secret>`, address this host by its loopback name, and carry
// none of the headers every browser adds (Origin, Sec-Fetch-*), so no page, not even one this host
// served, can drive it.
//
//   GET  /control/<profile>/notifications              -> { posted: [...], suppressed: [...] }
//   POST /control/<profile>/notifications/<id>/click   -> 204, or 404 when it is not on screen
//   POST /control/<profile>/deep-links  {"url": "parley://…"}  -> 202, or 400 { code, message }
import type { IncomingMessage, ServerResponse } from "node:http"
import { z } from "zod"
import { profileNameSchema } from "../shared/dto/app"
import type { DeepLinkRouter } from "../main/deepLinkRouter"
import { MAX_DEEP_LINK_LENGTH } from "../main/deepLinks"
import type { RecordingNotificationSink } from "./recordingNotificationSink"
import { sameSecret } from "./socketGuard"
import { SECURITY_HEADERS } from "./staticFiles"

export const CONTROL_PATH_PREFIX = "/control/"
const MAX_BODY_BYTES = 8 * 1024
const BEARER_PREFIX = "Bearer "
const BROWSER_HEADERS = ["origin", "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest"]

export interface ControlledProfile {
  notifications: RecordingNotificationSink
  deepLinks: DeepLinkRouter
}

export interface ControlEndpointOptions {
  /** This host's origin, e.g. http://127.0.0.1:5180. */
  origin: string
  token: string
  profile: (name: string) => Promise<ControlledProfile>
}

const deepLinkBodySchema = z.strictObject({ url: z.string().max(MAX_DEEP_LINK_LENGTH * 2) })

export function isControlPath(url: string | undefined): boolean {
  return (url ?? "").startsWith(CONTROL_PATH_PREFIX)
}

/** Why a control request is refused, or undefined when it may proceed. */
export function controlRefusal(request: IncomingMessage, origin: string, token: string): { status: 401 | 403; reason: string } | undefined {
  if (request.headers.host !== new URL(origin).host) return { status: 403, reason: "wrong Host header" }
  if (BROWSER_HEADERS.some((header) => request.headers[header] !== undefined)) return { status: 403, reason: "the control endpoint does not answer browsers" }
  const authorization = request.headers.authorization ?? ""
  if (!authorization.startsWith(BEARER_PREFIX) || !sameSecret(authorization.slice(BEARER_PREFIX.length), token)) {
    return { status: 401, reason: "missing or wrong access token" }
  }
  return undefined
}

export async function serveControl(request: IncomingMessage, response: ServerResponse, options: ControlEndpointOptions): Promise<void> {
  const refusal = controlRefusal(request, options.origin, options.token)
  if (refusal) return sendJson(response, refusal.status, { code: "Refused", message: refusal.reason })
  const [profile, ...rest] = new URL(request.url ?? "/", options.origin).pathname.slice(CONTROL_PATH_PREFIX.length).split("/")
  const profileName = profileNameSchema.safeParse(profile)
  if (!profileName.success) return sendJson(response, 404, { code: "UnknownProfile", message: "the path names no valid profile" })
  const path = rest.join("/")
  if (request.method === "GET" && path === "notifications") {
    const { notifications } = await options.profile(profileName.data)
    return sendJson(response, 200, { posted: notifications.list(), suppressed: notifications.suppressed() })
  }
  const click = /^notifications\/([0-9a-f]{1,128})\/click$/.exec(path)
  if (request.method === "POST" && click) {
    const { notifications } = await options.profile(profileName.data)
    if (!notifications.click(click[1] ?? "")) return sendJson(response, 404, { code: "NoSuchNotification", message: "no notification with that id is on screen" })
    response.writeHead(204, SECURITY_HEADERS).end()
    return
  }
  if (request.method === "POST" && path === "deep-links") {
    const body = deepLinkBodySchema.safeParse(await readJson(request))
    if (!body.success) return sendJson(response, 400, { code: "Malformed", message: 'the body is {"url": "parley://…"}' })
    const { deepLinks } = await options.profile(profileName.data)
    const error = deepLinks.handleUrl(body.data.url)
    if (error) return sendJson(response, 400, { code: error.code, message: error.message })
    response.writeHead(202, SECURITY_HEADERS).end()
    return
  }
  sendJson(response, 404, { code: "UnknownRoute", message: `no control route ${request.method ?? ""} ${path}` })
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { ...SECURITY_HEADERS, "Content-Type": "application/json; charset=utf-8" })
  response.end(JSON.stringify(value))
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) return undefined
    chunks.push(chunk)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown
  } catch {
    return undefined
  }
}
