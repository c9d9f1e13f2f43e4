// Key package rotation (KP-02) with the official SDK (libxmtp 1.10) as the group creator: it wraps
// every welcome to Parley with X-Wing, since Parley's key packages offer 0xff03. Bob (Parley) joins
// from an X-Wing welcome, rotates, opens a welcome the SDK built from his previous key package
// with that key package's stored X-Wing seed, and joins the next group through the new one.
import { randomBytes } from "node:crypto"
import { join } from "node:path"
import { bytesToHex } from "@noble/hashes/utils.js"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createApiClient, type ApiClient } from "../../../src/engine/api/index"
import { createEoaSigner, type Client } from "../../../src/engine/index"
import { KEY_PACKAGE_QUEUE_INTERVAL_NS } from "../../../src/engine/keyPackageRotationPolicy"
import { WELCOME_WRAPPER_ALGORITHM } from "../../../src/engine/mls/welcomeWrapper"
import { textsSeenBy } from "../../interop/support/conversationWaits"
import { pollUntil } from "../../interop/support/deadline"
import { InteropHarness } from "../../interop/support/interopHarness"
import type { LabelledClient } from "../../interop/support/sdkClient"
import type { TestNode } from "../../interop/support/testNode"
import type { ClientProfile } from "./support/engineHarness"
import { MaintenanceLog, ManualClock, openWithClock, servedKeyPackage, welcomeKeyOf, welcomesTo } from "./support/keyPackageRotationClients"

const hex = (bytes: Uint8Array) => bytesToHex(bytes)

describe("key package rotation with an SDK group creator", () => {
  let h: InteropHarness
  let node: TestNode
  let api: ApiClient
  let alice: LabelledClient
  let bob: Client | undefined
  const clock = new ManualClock()
  const log = new MaintenanceLog()

  beforeAll(async () => {
    h = await InteropHarness.create("kp-rotation-sdk")
    node = await h.startNode()
    api = h.own(createApiClient({ apiUrl: node.address }))
    alice = await h.createClient(node, { label: "alice" })
    const profile: ClientProfile = { name: "bob", signer: createEoaSigner(), dbPath: join(h.dir, "bob.db"), dbEncryptionKey: new Uint8Array(randomBytes(32)) }
    bob = await openWithClock(node.address, profile, clock, log)
  })

  afterAll(async () => {
    await bob?.close()
    await h?.close()
  })

  /** The SDK creates a group with Bob; returns its id and the welcome it sent him. */
  async function sdkGroupWithBob() {
    const group = await alice.client.conversations.createGroup([bob!.inboxId])
    const welcome = (await welcomesTo(api, bob!)).at(-1)!
    expect(welcome.kind).toBe("v1")
    expect(welcome.wrapperAlgorithm).toBe(WELCOME_WRAPPER_ALGORITHM.xwingMlkem768Draft6)
    return { group, welcome }
  }

  it("KP-02 X-Wing welcomes from the SDK open with the previous key package after a rotation and with the new one", async () => {
    const first = await servedKeyPackage(api, bob!)
    const firstKey = welcomeKeyOf(first).hpkePublicKey

    const joined = await sdkGroupWithBob()
    expect(hex(joined.welcome.hpkePublicKey)).toBe(hex(firstKey))
    expect((await bob!.conversations.syncWelcomes()).joined.map(hex)).toEqual([joined.group.id])
    await log.morePasses(2)

    // Built from the first key package, opened only after it has been replaced.
    const late = await sdkGroupWithBob()
    expect(hex(late.welcome.hpkePublicKey)).toBe(hex(firstKey))
    clock.advance(KEY_PACKAGE_QUEUE_INTERVAL_NS)
    const second = await pollUntil("the node to serve Bob's new key package", async () => {
      const served = await servedKeyPackage(api, bob!)
      return hex(served) === hex(first) ? undefined : served
    })
    const lateResult = await bob!.conversations.syncWelcomes()
    expect(lateResult.failures).toEqual([])
    expect(lateResult.joined.map(hex)).toEqual([late.group.id])

    const next = await sdkGroupWithBob()
    expect(hex(next.welcome.hpkePublicKey)).toBe(hex(welcomeKeyOf(second).hpkePublicKey))
    expect((await bob!.conversations.syncWelcomes()).joined.map(hex)).toEqual([next.group.id])

    for (const { group } of [late, next]) {
      const bobGroup = await bob!.conversations.getConversationById(group.id)
      await bobGroup!.sendText(`bob in ${group.id.slice(0, 8)}`)
      await textsSeenBy(alice, group, [`bob: bob in ${group.id.slice(0, 8)}`], (inboxId) => (inboxId === bob!.inboxId ? "bob" : "alice"))
    }
    expect(log.errors).toEqual([])
  })
})
