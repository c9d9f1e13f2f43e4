// The web host's control endpoint on a real loopback server: who gets in, and what each route does
// to a profile's recorded notifications and deep-link router.
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { request } from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DeepLinkRouter } from "../../../src/main/deepLinkRouter"
import type { NavigationTarget } from "../../../src/shared/dto/navigation"
import { TOKEN_FRAGMENT_KEY } from "../../../src/shared/socketProtocol"
import { RecordingNotificationSink } from "../../../src/webhost/recordingNotificationSink"
import { type RunningWebHost, startWebHost } from "../../../src/webhost/webHost"

const GROUP_ID = "0e".repeat(16)
const MESSAGE_ID = "ab".repeat(32)

let rendererDir: string
let host: RunningWebHost
let token: string
const sink = new RecordingNotificationSink()
const navigated: NavigationTarget[] = []
const clicked: string[] = []

function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(new URL(path, host.origin), { method, headers }, (response) => {
      let text = ""
      response.on("data", (chunk: Buffer) => (text += chunk.toString()))
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }))
    })
    outgoing.on("error", reject)
    outgoing.end(body)
  })
}

const auth = () => ({ Authorization: `Bearer ${token}` })

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), "parley-control-"))
  await writeFile(join(rendererDir, "index.html"), "<!doctype html><title>Parley</title>")
  const deepLinks = new DeepLinkRouter(() => {})
  deepLinks.attach((target) => navigated.push(target))
  host = await startWebHost({
    rendererDir,
    port: 0,
    profile: () => Promise.reject(new Error("no pages in this test")),
    controlledProfile: async () => ({ notifications: sink, deepLinks }),
    logError: () => {},
  })
  token = new URLSearchParams(new URL(host.pageUrl("alice")).hash.slice(1)).get(TOKEN_FRAGMENT_KEY) ?? ""
  sink.post(
    { id: MESSAGE_ID, conversationId: GROUP_ID, title: "Hiking club", body: "Ada: see you", tag: GROUP_ID, onClick: { route: "conversation", conversationId: GROUP_ID } },
    () => clicked.push(MESSAGE_ID),
  )
})

afterAll(async () => {
  await host?.close()
  await rm(rendererDir, { recursive: true, force: true })
})

describe("the web host's control endpoint", () => {
  it("refuses requests without the secret, from browsers, or by another host name", async () => {
    const path = "/control/alice/notifications"
    expect((await send("GET", path, {})).status).toBe(401)
    expect((await send("GET", path, { Authorization: `Bearer ${"0".repeat(64)}` })).status).toBe(401)
    expect((await send("GET", path, { ...auth(), Origin: host.origin })).status).toBe(403)
    expect((await send("GET", path, { ...auth(), "Sec-Fetch-Mode": "cors" })).status).toBe(403)
    expect((await send("GET", path, { ...auth(), Host: "parley.example:80" })).status).toBe(403)
    expect(clicked).toEqual([])
  })

  it("lists and clicks notifications", async () => {
    const listed = await send("GET", "/control/alice/notifications", auth())
    expect(listed.status).toBe(200)
    expect(JSON.parse(listed.body)).toMatchObject({ posted: [{ id: MESSAGE_ID, title: "Hiking club", state: "shown" }], suppressed: [] })
    expect((await send("POST", `/control/alice/notifications/${MESSAGE_ID}/click`, auth())).status).toBe(204)
    expect(clicked).toEqual([MESSAGE_ID])
    expect((await send("POST", `/control/alice/notifications/${MESSAGE_ID}/click`, auth())).status).toBe(404)
  })

  it("delivers parley:// links through the router and explains refused ones", async () => {
    const json = { ...auth(), "Content-Type": "application/json" }
    expect((await send("POST", "/control/alice/deep-links", json, JSON.stringify({ url: `parley://conversation/${GROUP_ID}` }))).status).toBe(202)
    expect(navigated).toEqual([{ route: "conversation", conversationId: GROUP_ID }])
    const refused = await send("POST", "/control/alice/deep-links", json, JSON.stringify({ url: "parley://nowhere/1" }))
    expect(refused.status).toBe(400)
    expect(JSON.parse(refused.body)).toMatchObject({ code: "UnknownRoute" })
    expect((await send("POST", "/control/alice/deep-links", json, "not json")).status).toBe(400)
    expect(navigated).toHaveLength(1)
  })

  it("answers unknown routes and profiles with 404", async () => {
    expect((await send("GET", "/control/alice/elsewhere", auth())).status).toBe(404)
    expect((await send("GET", "/control/Not A Profile/notifications", auth())).status).toBe(404)
    expect((await send("DELETE", "/control/alice/notifications", auth())).status).toBe(404)
  })
})
