// One page's socket: each request frame is dispatched through the profile's handler registry (the
// same validation Electron's IPC gets) and answered with a response frame; the profile's events
// are pushed as event frames while the socket is open.
import { WebSocket } from "ws"
import type { IpcHandlerRegistry } from "../main/ipcHandlers"
import type { EventHub } from "../main/handlers/eventHub"
import { type ClientFrame, clientFrameSchema, decodeFrameJson, encodeFrame, type HostFrame } from "../shared/socketProtocol"

export interface HostedProfile {
  registry: IpcHandlerRegistry
  events: EventHub
}

/** WebSocket close code for a peer that broke the protocol (RFC 6455 policy violation). */
const POLICY_VIOLATION = 1008

export function serveConnection(socket: WebSocket, hosted: Promise<HostedProfile>, logError: (message: string, error: unknown) => void): void {
  const send = (frame: HostFrame) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(encodeFrame(frame))
  }
  let detach: (() => void) | undefined
  hosted.then(
    (profile) => {
      if (socket.readyState !== WebSocket.OPEN) return
      detach = profile.events.attach({
        send: (name, payload) => send({ kind: "event", name, payload }),
        isDestroyed: () => socket.readyState !== WebSocket.OPEN,
      })
    },
    (error: unknown) => {
      logError("A profile could not be opened for a page", error)
      socket.close(1011, "the profile could not be opened")
    },
  )
  socket.on("close", () => detach?.())

  socket.on("message", (data, isBinary) => {
    let frame: ClientFrame
    try {
      if (isBinary) throw new Error("binary frame")
      const parsed = clientFrameSchema.safeParse(decodeFrameJson(data.toString()))
      if (!parsed.success) throw new Error("malformed frame")
      frame = parsed.data
    } catch {
      socket.close(POLICY_VIOLATION, "malformed request frame")
      return
    }
    void answer(frame)
  })

  async function answer(frame: ClientFrame): Promise<void> {
    let registry: IpcHandlerRegistry
    try {
      registry = (await hosted).registry
    } catch {
      return
    }
    try {
      send({ kind: "response", id: frame.id, ok: true, result: await registry.dispatch(frame.name, frame.args) })
    } catch (error) {
      send({ kind: "response", id: frame.id, ok: false, error: registry.errorInfo(frame.name, error) })
    }
  }
}
