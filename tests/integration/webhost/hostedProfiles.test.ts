// The web host's profiles as a page drives them, through each profile's real handler registry: a
// real node on loopback, the engine in its worker, keys in the host's key file. Covers the account
// key export (served beside the key store, only after onboarding and with the confirmation), the
// network choice (applied at the profile's next start), and the other profiles' pages.
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createEoaSigner } from "../../../src/engine/identity/signers"
import { parseAccountKey } from "../../../src/main/keychainSecret"
import { startNode, type RunningNode } from "../../../src/server/node"
import { HostedProfiles } from "../../../src/webhost/hostedProfiles"
import type { HostedProfile } from "../../../src/webhost/socketConnection"

let dir: string
let node: RunningNode
let profiles: HostedProfiles
let alice: HostedProfile

const pageUrl = (profile: string) => `http://127.0.0.1:1/?profile=${profile}#token=t`

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-hosted-"))
  node = await startNode({ port: 0, dbPath: join(dir, "node.db"), logLevel: "warn" })
  profiles = new HostedProfiles({ dataDir: dir, apiUrl: node.address, nodeAddress: node.address, appVersion: "0.0.0-test", logError: () => undefined, pageUrl })
  alice = await profiles.open("alice")
})

afterAll(async () => {
  await profiles?.close()
  await node?.stop()
  await rm(dir, { recursive: true, force: true })
})

describe("web host profiles", () => {
  it("exports no key before onboarding, and none without the user's confirmation", async () => {
    await expect(alice.registry.dispatch("account:exportKey", [{ acknowledgedRisk: true }])).rejects.toMatchObject({ name: "AccountError", code: "NoAccount" })
    await expect(alice.registry.dispatch("account:exportKey", [])).rejects.toMatchObject({ name: "IpcValidationError", code: "InvalidArguments" })
    await expect(alice.registry.dispatch("account:exportKey", [{ acknowledgedRisk: false }])).rejects.toMatchObject({ name: "IpcValidationError", code: "InvalidArguments" })
  })

  it("exports the onboarded account's key as 0x hex, the key of the account's address", async () => {
    const account = (await alice.registry.dispatch("account:create", [])) as { state: string; address: string }
    expect(account.state).toBe("ready")
    const key = (await alice.registry.dispatch("account:exportKey", [{ acknowledgedRisk: true }])) as string
    expect(key).toMatch(/^0x[0-9a-f]{64}$/)
    expect(createEoaSigner(parseAccountKey(key)).address).toBe(account.address)
  })

  it("keeps a remote node for the next start and refuses an address that is no http(s) URL with a typed error", async () => {
    await expect(alice.registry.dispatch("settings:setNetwork", [{ kind: "remote", url: "node.example.com" }])).rejects.toMatchObject({
      name: "NetworkChoiceError",
      code: "InvalidUrl",
    })
    const saved = (await alice.registry.dispatch("settings:setNetwork", [{ kind: "remote", url: "https://node.example.com:5556" }])) as { network: unknown }
    expect(saved.network).toEqual({ kind: "remote", url: "https://node.example.com:5556" })
    // This run keeps the node it started with.
    expect(await alice.registry.dispatch("app:getInfo", [])).toMatchObject({ network: { kind: "embedded" }, nodeAddress: node.address, canRestart: false })
    await expect(alice.registry.dispatch("app:restart", [])).rejects.toMatchObject({ code: "NotAvailable" })
    await alice.registry.dispatch("settings:setNetwork", [{ kind: "embedded" }])
  })

  it("dials the remote node a profile's settings name from its next start, instead of the host's own", async () => {
    const address = ((await alice.registry.dispatch("account:get", [])) as { address: string }).address
    await alice.registry.dispatch("settings:setNetwork", [{ kind: "remote", url: node.address }])
    await profiles.close()
    // The host's own node is now an address where nothing listens: only the saved remote node works.
    profiles = new HostedProfiles({ dataDir: dir, apiUrl: "http://127.0.0.1:1", nodeAddress: "127.0.0.1:1", appVersion: "0.0.0-test", logError: () => undefined, pageUrl })
    alice = await profiles.open("alice")
    expect(await alice.registry.dispatch("app:getInfo", [])).toMatchObject({ network: { kind: "remote", url: node.address }, nodeAddress: node.address })
    expect(await alice.registry.dispatch("account:get", [])).toMatchObject({ state: "ready", address })
    expect(await alice.registry.dispatch("inboxes:lookup", [address])).toMatch(/^[0-9a-f]{64}$/)
  })

  it("lists each profile's page and opens a new profile as a page of its own", async () => {
    expect(await alice.registry.dispatch("app:openProfile", ["work"])).toEqual({ kind: "page", url: pageUrl("work") })
    expect(await alice.registry.dispatch("app:listProfiles", [])).toEqual(["alice", "work"])
    expect(await alice.registry.dispatch("app:getInfo", [])).toMatchObject({ profile: "alice", profilePages: { alice: pageUrl("alice"), work: pageUrl("work") } })
    await expect(alice.registry.dispatch("app:openProfile", ["Not a name"])).rejects.toMatchObject({ code: "InvalidArguments" })
  })
})
