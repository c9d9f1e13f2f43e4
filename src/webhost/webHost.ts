// The web host's servers on one loopback port: the built renderer over HTTP, the contract over a
// WebSocket at /ipc for pages holding this run's secret, and the control endpoint at /control/ for
// local scripts holding it.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { WebSocketServer } from "ws"
import { PROFILE_QUERY_KEY, SOCKET_SUBPROTOCOL, TOKEN_FRAGMENT_KEY } from "../shared/socketProtocol"
import { type ControlledProfile, isControlPath, serveControl } from "./controlEndpoint"
import { type HostedProfile, serveConnection } from "./socketConnection"
import { checkUpgrade, createHostToken, isOwnHost } from "./socketGuard"
import { sendPlain, serveStatic } from "./staticFiles"

/** Largest frame a page may send: a 1 MB inline attachment as base64 plus the frame around it. */
const MAX_FRAME_BYTES = 2 * 1024 * 1024
const LOOPBACK = "127.0.0.1"

export interface WebHostOptions {
  /** The built renderer, e.g. out/renderer. */
  rendererDir: string
  /** 0 picks a free port. */
  port: number
  /** The profile a page names, opened on its first connection. */
  profile: (name: string) => Promise<HostedProfile>
  /** The control endpoint's view of a profile (notifications, deep links); without it there is no endpoint. */
  controlledProfile?: (name: string) => Promise<ControlledProfile>
  logError?: (message: string, error: unknown) => void
}

export interface RunningWebHost {
  /** e.g. http://127.0.0.1:5180 */
  origin: string
  /** The page that opens `profile`, with this run's secret in its fragment. */
  pageUrl(profile: string): string
  close(): Promise<void>
}

export async function startWebHost(options: WebHostOptions): Promise<RunningWebHost> {
  const logError = options.logError ?? ((message, error) => console.error(message, error))
  const token = createHostToken()
  let origin = ""
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(SOCKET_SUBPROTOCOL) ? SOCKET_SUBPROTOCOL : false),
  })
  const server: Server = createServer((request, response) => {
    if (!isOwnHost(request, origin)) {
      sendPlain(response, 403, "This host only answers requests addressed to it by its loopback address.")
      return
    }
    const controlledProfile = options.controlledProfile
    const served =
      controlledProfile && isControlPath(request.url)
        ? serveControl(request, response, { origin, token, profile: controlledProfile })
        : serveStatic(options.rendererDir, request, response)
    served.catch((error: unknown) => {
      logError(`${request.method} ${request.url?.split("?")[0]} failed`, error)
      if (!response.headersSent) sendPlain(response, 500, "Internal error")
      else response.destroy()
    })
  })
  server.on("upgrade", (request, socket, head) => {
    const verdict = checkUpgrade(request, origin, token)
    if (!verdict.ok) {
      socket.end(`HTTP/1.1 ${verdict.status} ${verdict.status === 404 ? "Not Found" : verdict.status === 400 ? "Bad Request" : "Forbidden"}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      return
    }
    sockets.handleUpgrade(request, socket, head, (connection) => serveConnection(connection, options.profile(verdict.profile), logError))
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port, LOOPBACK, () => {
      server.off("error", reject)
      resolve()
    })
  })
  origin = `http://${LOOPBACK}:${(server.address() as AddressInfo).port}`
  return {
    origin,
    pageUrl: (profile) => `${origin}/?${new URLSearchParams({ [PROFILE_QUERY_KEY]: profile })}#${new URLSearchParams({ [TOKEN_FRAGMENT_KEY]: token })}`,
    close: async () => {
      for (const client of sockets.clients) client.terminate()
      await new Promise<void>((resolve) => sockets.close(() => resolve()))
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
