// The web host's servers on loopback: static files with their security headers, and the contract
// socket with its guards (path, Host, Origin, subprotocol, per-run secret), answered by a real
// handler registry with real settings, events included.
import { request as httpRequest } from "node:http"
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { WebSocket } from "ws"
import { EventHub } from "../../../src/main/handlers/eventHub"
import { registerSettingsHandlers } from "../../../src/main/handlers/settingsHandlers"
import { IpcHandlerRegistry } from "../../../src/main/ipcHandlers"
import { SettingsStore } from "../../../src/main/settingsStore"
import { DEFAULT_APP_SETTINGS } from "../../../src/shared/dto/settings"
import { decodeFrameJson, encodeFrame, type HostFrame, SOCKET_SUBPROTOCOL, SOCKET_TOKEN_PREFIX, TOKEN_FRAGMENT_KEY } from "../../../src/shared/socketProtocol"
import { type RunningWebHost, startWebHost } from "../../../src/webhost/webHost"

const CONVERSATION = "ab".repeat(16)

let dir: string
let host: RunningWebHost
let token: string
const opened: string[] = []

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(host.origin)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, headers }, (response) => {
      let body = ""
      response.on("data", (chunk: Buffer) => (body += chunk.toString()))
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }))
    })
    req.on("error", reject)
    req.end()
  })
}

interface SocketOptions {
  path?: string
  origin?: string
  protocols?: string[]
  host?: string
}

function connect(options: SocketOptions = {}): WebSocket {
  const url = `${host.origin.replace("http", "ws")}${options.path ?? "/ipc?profile=alice"}`
  return new WebSocket(url, options.protocols ?? [SOCKET_SUBPROTOCOL, SOCKET_TOKEN_PREFIX + token], {
    origin: options.origin ?? host.origin,
    ...(options.host ? { headers: { host: options.host } } : {}),
  })
}

/** The HTTP status a refused upgrade answered with. */
function refusal(socket: WebSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0))
    socket.once("open", () => reject(new Error("the socket was accepted")))
    socket.once("error", () => undefined)
  })
}

class Peer {
  readonly frames: HostFrame[] = []
  #nextId = 1
  readonly #waiters = new Set<() => void>()

  constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      this.frames.push(decodeFrameJson(data.toString()) as HostFrame)
      for (const wake of this.#waiters) wake()
    })
  }

  static async open(options?: SocketOptions): Promise<Peer> {
    const peer = new Peer(connect(options))
    await new Promise<void>((resolve, reject) => {
      peer.socket.once("open", () => resolve())
      peer.socket.once("error", reject)
    })
    return peer
  }

  request(name: string, ...args: unknown[]): Promise<HostFrame> {
    const id = this.#nextId++
    this.socket.send(encodeFrame({ kind: "request", id, name, args }))
    return this.waitFor((frame) => frame.kind === "response" && frame.id === id)
  }

  waitFor(matches: (frame: HostFrame) => boolean): Promise<HostFrame> {
    return new Promise((resolve) => {
      const check = () => {
        const found = this.frames.find(matches)
        if (!found) return
        this.#waiters.delete(check)
        resolve(found)
      }
      this.#waiters.add(check)
      check()
    })
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-webhost-"))
  const rendererDir = join(dir, "renderer")
  await mkdir(join(rendererDir, "assets"), { recursive: true })
  await writeFile(join(rendererDir, "index.html"), "<!doctype html><title>Parley</title>")
  await writeFile(join(rendererDir, "assets", "app.js"), "console.log('parley')")
  await writeFile(join(rendererDir, ".env"), "SECRET=1")
  await writeFile(join(dir, "outside.txt"), "outside")
  const hubs = new Map<string, Promise<{ registry: IpcHandlerRegistry; events: EventHub }>>()
  host = await startWebHost({
    rendererDir,
    port: 0,
    profile: (name) => {
      opened.push(name)
      let hub = hubs.get(name)
      if (!hub) {
        hub = (async () => {
          const events = new EventHub()
          const registry = new IpcHandlerRegistry({ logError: () => undefined })
          registerSettingsHandlers(registry, await SettingsStore.open(join(dir, `${name}-settings.json`)), events)
          return { registry, events }
        })()
        hubs.set(name, hub)
      }
      return hub
    },
  })
  token = new URLSearchParams(new URL(host.pageUrl("alice")).hash.slice(1)).get(TOKEN_FRAGMENT_KEY) ?? ""
})

afterAll(async () => {
  await host?.close()
  await rm(dir, { recursive: true, force: true })
})

describe("web host pages", () => {
  it("hands out the page with the secret in its fragment only", () => {
    const page = new URL(host.pageUrl("alice"))
    expect(page.origin).toBe(host.origin)
    expect(page.searchParams.get("profile")).toBe("alice")
    expect(token).toMatch(/^[0-9a-f]{64}$/)
    expect(page.search).not.toContain(token)
  })

  it("serves the renderer's files with the content security policy", async () => {
    const index = await get("/")
    expect(index.status).toBe(200)
    expect(index.body).toContain("<title>Parley</title>")
    expect(index.headers["content-type"]).toBe("text/html; charset=utf-8")
    expect(index.headers["content-security-policy"]).toContain("connect-src 'self'")
    expect(index.headers["x-content-type-options"]).toBe("nosniff")
    expect((await get("/assets/app.js")).headers["content-type"]).toBe("text/javascript; charset=utf-8")
  })

  it("refuses paths outside the renderer, hidden files, and requests addressed to another host name", async () => {
    expect((await get("/%2e%2e/outside.txt")).status).toBe(404)
    expect((await get("/..%2foutside.txt")).status).toBe(404)
    expect((await get("/.env")).status).toBe(404)
    expect((await get("/missing.js")).status).toBe(404)
    expect((await get("/", { host: "attacker.example" })).status).toBe(403)
  })
})

describe("web host contract socket", () => {
  it("refuses sockets without the secret, from other origins, on other paths or without the subprotocol", async () => {
    expect(await refusal(connect({ protocols: [SOCKET_SUBPROTOCOL] }))).toBe(403)
    expect(await refusal(connect({ protocols: [SOCKET_SUBPROTOCOL, `${SOCKET_TOKEN_PREFIX}${"0".repeat(64)}`] }))).toBe(403)
    expect(await refusal(connect({ origin: "http://attacker.example" }))).toBe(403)
    expect(await refusal(connect({ host: "attacker.example" }))).toBe(403)
    expect(await refusal(connect({ path: "/other?profile=alice" }))).toBe(404)
    expect(await refusal(connect({ protocols: [`${SOCKET_TOKEN_PREFIX}${token}`] }))).toBe(400)
    expect(await refusal(connect({ path: "/ipc?profile=Not%20A%20Profile" }))).toBe(400)
    expect(opened).toEqual([])
  })

  it("answers requests through the registry, with typed errors as Electron's IPC gives them", async () => {
    const peer = await Peer.open()
    expect(peer.socket.protocol).toBe(SOCKET_SUBPROTOCOL)
    expect(await peer.request("settings:get")).toEqual({ kind: "response", id: 1, ok: true, result: DEFAULT_APP_SETTINGS })
    expect(await peer.request("settings:setConversationMuted", "not hex", true)).toMatchObject({
      ok: false,
      error: { family: "IpcValidationError", code: "InvalidArguments" },
    })
    expect(await peer.request("conversations:list", {})).toMatchObject({ ok: false, error: { family: "IpcHandlerError", code: "NotAvailable" } })
    expect(await peer.request("no:such")).toMatchObject({ ok: false, error: { code: "UnknownRequest" } })
    peer.socket.close()
  })

  it("pushes the profile's events to every page of that profile only", async () => {
    const [first, second, other] = await Promise.all([Peer.open(), Peer.open(), Peer.open({ path: "/ipc?profile=bob" })])
    await Promise.all([first.request("settings:get"), second.request("settings:get"), other.request("settings:get")])
    await first.request("settings:setConversationMuted", CONVERSATION, true)
    const expected = { kind: "event", name: "settings:changed", payload: { ...DEFAULT_APP_SETTINGS, mutedConversationIds: [CONVERSATION] } }
    expect(await second.waitFor((frame) => frame.kind === "event")).toEqual(expected)
    expect(await first.waitFor((frame) => frame.kind === "event")).toEqual(expected)
    expect(other.frames.filter((frame) => frame.kind === "event")).toEqual([])
    expect([...opened].sort()).toEqual(["alice", "alice", "alice", "bob"])
    for (const peer of [first, second, other]) peer.socket.close()
  })

  it("closes a socket that sends a malformed frame", async () => {
    const peer = await Peer.open()
    const closed = new Promise<number>((resolve) => peer.socket.once("close", (code) => resolve(code)))
    peer.socket.send("{not json")
    expect(await closed).toBe(1008)
  })
})
