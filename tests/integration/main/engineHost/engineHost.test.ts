// The engine host: one profile's ProfileSession in a worker thread, standing in for it in main.
// Real parts throughout: a node on loopback, the real worker entry (run from source through tsx),
// keys in a file-backed keychain that stays in this thread. Requests go through main's validated
// registry as ipcMain and the web host call it.
import { readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { EngineHost } from "../../../../src/main/engineHost/engineHostClient"
import type { EngineHostError } from "../../../../src/main/engineHost/engineHostErrors"
import { withTimeout } from "../../engine/support/waitFor"
import { useSessionNode } from "../handlers/support/sessionNode"
import { KEY_SERVICE, ready, serve, type ServedSession } from "../handlers/support/sessionProfiles"

const closers: Array<() => Promise<void>> = []
const logged: string[] = []
const logError = (message: string) => void logged.push(message)

describe("EngineHost: a profile's engine in a worker thread", () => {
  const world = useSessionNode("parley-engine-host-", { logError })
  let host: EngineHost
  let alice: ServedSession

  async function openHost(profile: string, workerEntry?: URL): Promise<EngineHost> {
    const opened = await EngineHost.open({ profile, dataDir: join(world.dir, profile), keys: world.profiles.keys, apiUrl: world.node.address, logError, ...(workerEntry ? { workerEntry } : {}) })
    closers.push(() => opened.close())
    return opened
  }

  beforeAll(async () => {
    host = await openHost("alice")
    alice = serve(host, { logError })
  })

  // Registered after the node's hooks, so the hosts close before the node stops.
  afterAll(async () => {
    for (const close of closers.reverse()) await close()
  })

  it("answers forwarded requests, with the worker's typed errors rebuilt in main", async () => {
    expect(alice.registry.has("conversations:list")).toBe(true)
    expect(await alice.call("account:get")).toEqual({ state: "none" })
    await expect(alice.call("conversations:list", {})).rejects.toMatchObject({ name: "AccountError", code: "NoAccount" })
    const info = alice.registry.errorInfo("conversations:list", await alice.call("conversations:list", {}).catch((error: unknown) => error))
    expect(info).toMatchObject({ family: "AccountError", code: "NoAccount" })
    expect(info.message).toMatch(/create one or import/)
  })

  it("serves the worker's key requests from main's keychain, and carries its typed errors both ways", async () => {
    await expect(alice.call("account:import", "zz")).rejects.toMatchObject({ name: "KeychainError", code: "InvalidAccountKey" })
    const account = ready(await alice.call("account:create"))
    const stored = JSON.parse(await readFile(join(world.dir, "keys.json"), "utf8")) as Record<string, Record<string, string>>
    expect(Object.keys(stored[KEY_SERVICE] ?? {})).toEqual(["alice"])
    expect(await alice.call("account:get")).toEqual(account)
    await expect(alice.call("conversations:get", "ab".repeat(16))).rejects.toMatchObject({ name: "ConversationError", code: "NotFound" })
  })

  it("pushes the worker session's events to main's hub", async () => {
    const bob = await world.profiles.open("bob")
    const bobAccount = ready(await bob.call("account:create"))
    const group = await alice.call("conversations:createGroup", { memberInboxIds: [bobAccount.inboxId], name: "Across threads" })
    await bob.next("conversations:upserted", (summary) => summary.id === group.id, "Bob's new group")
    const sent = await bob.call("messages:sendText", group.id, "Hello from this thread")
    const arrived = await alice.next("messages:upserted", (message) => message.id === sent.id, "the message reaching the worker's stream")
    expect(arrived.content).toEqual({ type: "text", text: "Hello from this thread" })
    const summary = await alice.next("conversations:upserted", (s) => s.id === group.id && s.lastMessage?.id === sent.id, "the refreshed summary")
    expect(summary.unreadCount).toBe(1)
  })

  it("reports a profile that cannot be opened as StartFailed", async () => {
    await writeFile(join(world.dir, "not-a-directory"), "")
    await expect(
      EngineHost.open({ profile: "broken", dataDir: join(world.dir, "not-a-directory", "broken"), keys: world.profiles.keys, apiUrl: world.node.address, logError }),
    ).rejects.toMatchObject({ name: "EngineHostError", code: "StartFailed" })
  })

  it("reports a worker that crashes, failing its pending and later requests", async () => {
    const crashing = await openHost("carol", new URL("./support/crashingEngineWorker.ts", import.meta.url))
    const carol = serve(crashing, { logError })
    const crashed = new Promise<EngineHostError>((resolve) => crashing.onCrash(resolve))
    ready(await carol.call("account:create"))
    const pending = carol.call("inboxes:lookup", `0x${"11".repeat(20)}`)
    await expect(pending).rejects.toMatchObject({ name: "EngineHostError", code: "Crashed" })
    expect((await withTimeout("the crash report", crashed, 10_000)).message).toMatch(/stopped unexpectedly.*injected engine crash/s)
    await expect(carol.call("account:get")).rejects.toMatchObject({ name: "EngineHostError", code: "Crashed" })
    expect(carol.registry.errorInfo("account:get", await carol.call("account:get").catch((error: unknown) => error))).toMatchObject({ family: "EngineHostError", code: "Crashed" })
    expect(logged.some((line) => line.includes("stopped unexpectedly"))).toBe(true)
  })

  it("answers Closed once closed", async () => {
    await host.close()
    await expect(alice.call("account:get")).rejects.toMatchObject({ name: "EngineHostError", code: "Closed" })
  })
})
