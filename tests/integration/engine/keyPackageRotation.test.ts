// Key package rotation (behaviours.md KP-01/KP-02) between Parley clients through a real node:
// joining a group replaces the published key package 5 s later (on the client's clock), groups
// created afterwards use the new one, welcomes built from the old one still open for a day and are
// refused once its keys are deleted, the 30-day interval rotates without welcomes, and the schedule
// and keys survive restarts. Bob's clock is moved by the test; his maintenance tick is real.
import { bytesToHex } from "@noble/hashes/utils.js"
import { afterAll, describe, expect, it } from "vitest"
import { NO_RETRY, type ApiClient } from "../../../src/engine/api/index"
import { GroupError, type Client } from "../../../src/engine/index"
import { KEY_PACKAGE_QUEUE_INTERVAL_NS, KEY_PACKAGE_RETENTION_NS, KEY_PACKAGE_ROTATION_INTERVAL_NS } from "../../../src/engine/keyPackageRotationPolicy"
import { pollUntil } from "../../interop/support/deadline"
import { type ClientProfile, type EngineHarness, useEngineClients } from "./support/engineHarness"
import {
  MaintenanceLog,
  ManualClock,
  NS_PER_SECOND,
  openWithClock,
  servedKeyPackage,
  storedRotationState,
  welcomeKeyOf,
  welcomesTo,
} from "./support/keyPackageRotationClients"

const hex = (bytes: Uint8Array) => bytesToHex(bytes)

interface RotatingClient {
  profile: ClientProfile
  clock: ManualClock
  log: MaintenanceLog
  client: Client
}

describe("key package rotation through a real node", () => {
  let h: EngineHarness
  let api: ApiClient
  const rotating = new Set<Client>()

  useEngineClients("kp-rotation", [], (s) => {
    h = s.h
    api = h.apiClient()
  })

  afterAll(async () => {
    for (const client of rotating) await client.close()
  })

  async function openRotating(name: string): Promise<RotatingClient> {
    const profile = h.profile(name)
    const clock = new ManualClock()
    const log = new MaintenanceLog()
    const client = await openWithClock(h.address, profile, clock, log)
    rotating.add(client)
    return { profile, clock, log, client }
  }

  async function reopen(bob: RotatingClient): Promise<void> {
    rotating.delete(bob.client)
    await bob.client.close()
    bob.client = await openWithClock(h.address, bob.profile, bob.clock, bob.log)
    rotating.add(bob.client)
  }

  /** The node's key package for `bob` once it differs from `previous`. */
  const rotatedFrom = (bob: RotatingClient, previous: Uint8Array) =>
    pollUntil("the node to serve a new key package", async () => {
      const served = await servedKeyPackage(api, bob.client)
      return hex(served) === hex(previous) ? undefined : served
    })

  /** Bob joins a group from `creator`, which queues a rotation; returns the group id. */
  async function joinGroupFrom(creator: Client, bob: RotatingClient): Promise<string> {
    const group = await creator.conversations.createGroup([bob.client.inboxId])
    const result = await bob.client.conversations.syncWelcomes()
    expect(result.failures).toEqual([])
    expect(result.joined.map(hex)).toEqual([group.id])
    return group.id
  }

  it("KP-03 KP-02 registration uploads a key package stored with its X-Wing private key and schedules the first rotation 30 days out", async () => {
    const bob = await openRotating("reg-bob")
    const served = await servedKeyPackage(api, bob.client)
    const welcomeKey = welcomeKeyOf(served)
    expect(welcomeKey.wrapperAlgorithm).toBe("xwingMlkem768Draft6")

    const state = storedRotationState(bob.profile, welcomeKey.hpkePublicKey)
    const stored = state.keyPackageFor(welcomeKey.hpkePublicKey)
    expect(stored && hex(stored.keyPackage)).toBe(hex(served))
    expect(stored?.xwing?.privateKey).toHaveLength(32)
    expect(stored?.uploadedAtNs).toBeDefined()
    expect(stored?.deleteAtNs).toBeUndefined()
    expect(state.schedule).toEqual({ nextRotationNs: bob.clock.now() + KEY_PACKAGE_ROTATION_INTERVAL_NS, requested: false })
    expect(bob.log.errors).toEqual([])
  })

  it("KP-02 joining a group queues a rotation 5 s out; then the node serves a new key package, the next group is joined with it, and the old one is kept for a day", async () => {
    const alice = await h.open(h.profile("alice-1"))
    const carol = await h.open(h.profile("carol-1"))
    const bob = await openRotating("bob-1")
    const first = await servedKeyPackage(api, bob.client)
    const joinedAt = bob.clock.now()

    await joinGroupFrom(alice, bob)
    await bob.log.morePasses(2)
    // The clock has not moved: the rotation is queued, not done.
    expect(hex(await servedKeyPackage(api, bob.client))).toBe(hex(first))
    expect(storedRotationState(bob.profile).schedule).toEqual({ nextRotationNs: joinedAt + KEY_PACKAGE_QUEUE_INTERVAL_NS, requested: false })

    bob.clock.advance(KEY_PACKAGE_QUEUE_INTERVAL_NS)
    const second = await rotatedFrom(bob, first)
    const rotatedAt = bob.clock.now()
    const [oldKey, newKey] = [welcomeKeyOf(first).hpkePublicKey, welcomeKeyOf(second).hpkePublicKey]
    const state = storedRotationState(bob.profile, oldKey, newKey)
    expect(state.keyPackageFor(oldKey)?.deleteAtNs).toBe(rotatedAt + KEY_PACKAGE_RETENTION_NS)
    expect(state.keyPackageFor(newKey)?.deleteAtNs).toBeUndefined()
    expect(state.keyPackageFor(newKey)?.xwing?.privateKey).toHaveLength(32)
    expect(state.schedule).toEqual({ nextRotationNs: rotatedAt + KEY_PACKAGE_ROTATION_INTERVAL_NS, requested: false })

    const groupId = await joinGroupFrom(carol, bob)
    const welcomes = await welcomesTo(api, bob.client)
    expect(hex(welcomes.at(-1)!.hpkePublicKey)).toBe(hex(newKey))
    const bobGroup = await bob.client.conversations.getConversationById(groupId)
    expect(bobGroup?.isActive).toBe(true)
    expect(bob.log.errors).toEqual([])
  })

  it("KP-02 KP-01 a welcome built from the previous key package before the rotation still opens after it and after a restart, within the retention window", async () => {
    const alice = await h.open(h.profile("alice-2"))
    const carol = await h.open(h.profile("carol-2"))
    const bob = await openRotating("bob-2")
    const first = await servedKeyPackage(api, bob.client)

    await joinGroupFrom(alice, bob)
    await bob.log.morePasses(2)
    // Carol builds her welcome from the key package Bob has already used once (last resort).
    const lateGroup = await carol.conversations.createGroup([bob.client.inboxId])
    expect(hex((await welcomesTo(api, bob.client)).at(-1)!.hpkePublicKey)).toBe(hex(welcomeKeyOf(first).hpkePublicKey))

    bob.clock.advance(KEY_PACKAGE_QUEUE_INTERVAL_NS)
    await rotatedFrom(bob, first)
    await reopen(bob)
    bob.clock.advance(KEY_PACKAGE_RETENTION_NS - NS_PER_SECOND)
    await bob.log.morePasses(2)
    expect(storedRotationState(bob.profile, welcomeKeyOf(first).hpkePublicKey).keyPackageFor(welcomeKeyOf(first).hpkePublicKey)).toBeDefined()

    const result = await bob.client.conversations.syncWelcomes()
    expect(result.failures).toEqual([])
    expect(result.joined.map(hex)).toEqual([lateGroup.id])
    await lateGroup.sendText("sent after your key package changed")
    const bobGroup = await bob.client.conversations.getConversationById(lateGroup.id)
    await bobGroup!.sync()
    expect((await bobGroup!.messages()).map((m) => m.content)).toContain("sent after your key package changed")
    expect(bob.log.errors).toEqual([])
  })

  it("KP-02 past the retention window the previous key package's keys are deleted, also across a restart, and a welcome sealed to it is refused while the current one still works", async () => {
    const alice = await h.open(h.profile("alice-3"))
    const carol = await h.open(h.profile("carol-3"))
    const bob = await openRotating("bob-3")
    const first = await servedKeyPackage(api, bob.client)
    const oldKey = welcomeKeyOf(first).hpkePublicKey

    await joinGroupFrom(alice, bob)
    await bob.log.morePasses(2)
    await carol.conversations.createGroup([bob.client.inboxId])
    bob.clock.advance(KEY_PACKAGE_QUEUE_INTERVAL_NS)
    const second = await rotatedFrom(bob, first)

    // Closed while the retention window runs out; the first pass after reopening deletes the keys.
    await bob.client.close()
    rotating.delete(bob.client)
    bob.clock.advance(KEY_PACKAGE_RETENTION_NS)
    const passesBefore = bob.log.passes.length
    bob.client = await openWithClock(h.address, bob.profile, bob.clock, bob.log)
    rotating.add(bob.client)
    await bob.log.morePasses(1)
    expect(bob.log.passes[passesBefore]?.deleted).toBe(1)
    const state = storedRotationState(bob.profile, oldKey, welcomeKeyOf(second).hpkePublicKey)
    expect(state.keyPackageFor(oldKey)).toBeUndefined()
    expect(state.keyPackageFor(welcomeKeyOf(second).hpkePublicKey)?.deleteAtNs).toBeUndefined()

    const result = await bob.client.conversations.syncWelcomes()
    expect(result.joined).toEqual([])
    expect(result.failures).toHaveLength(1)
    expect(result.failures[0]!.error).toBeInstanceOf(GroupError)
    expect(result.failures[0]!.error.code).toBe("NoMatchingKeyPackage")

    const current = await joinGroupFrom(alice, bob)
    expect((await bob.client.conversations.getConversationById(current))?.isActive).toBe(true)
    expect(bob.log.errors).toEqual([])
  })

  it("KP-02 without welcomes the key package is replaced once the 30-day interval has passed; a sync that brings no welcome queues nothing", async () => {
    const bob = await openRotating("bob-4")
    const first = await servedKeyPackage(api, bob.client)
    const registeredAt = bob.clock.now()

    expect((await bob.client.conversations.syncWelcomes()).joined).toEqual([])
    bob.clock.advance(KEY_PACKAGE_ROTATION_INTERVAL_NS - NS_PER_SECOND)
    await bob.log.morePasses(2)
    expect(storedRotationState(bob.profile).schedule).toEqual({ nextRotationNs: registeredAt + KEY_PACKAGE_ROTATION_INTERVAL_NS, requested: false })
    expect(hex(await servedKeyPackage(api, bob.client))).toBe(hex(first))

    bob.clock.advance(NS_PER_SECOND)
    await rotatedFrom(bob, first)
    expect(storedRotationState(bob.profile).schedule.nextRotationNs).toBe(bob.clock.now() + KEY_PACKAGE_ROTATION_INTERVAL_NS)
    expect(bob.log.errors).toEqual([])
  })

  it("KP-02 a rotation queued by welcomes survives a restart before it runs", async () => {
    const alice = await h.open(h.profile("alice-5"))
    const bob = await openRotating("bob-5")
    const first = await servedKeyPackage(api, bob.client)
    const joinedAt = bob.clock.now()

    await joinGroupFrom(alice, bob)
    await reopen(bob)
    await bob.log.morePasses(2)
    // Whichever pass took the request (before or after the restart), the clock read joinedAt.
    expect(storedRotationState(bob.profile).schedule).toEqual({ nextRotationNs: joinedAt + KEY_PACKAGE_QUEUE_INTERVAL_NS, requested: false })
    expect(hex(await servedKeyPackage(api, bob.client))).toBe(hex(first))

    bob.clock.advance(KEY_PACKAGE_QUEUE_INTERVAL_NS)
    await rotatedFrom(bob, first)
    expect(bob.log.errors).toEqual([])
  })
})

describe("key package rotation while the node is down", () => {
  let h: EngineHarness
  let api: ApiClient
  let bob: Client | undefined

  useEngineClients("kp-rotation-outage", [], (s) => {
    h = s.h
    api = h.apiClient()
  })
  afterAll(async () => {
    await bob?.close()
  })

  it("KP-02 a failed upload is reported, keeps the rotation due, and is retried with the same stored key package once the node is back", async () => {
    const profile = h.profile("bob")
    const clock = new ManualClock()
    const log = new MaintenanceLog()
    bob = await openWithClock(h.address, profile, clock, log, { retry: NO_RETRY })
    const first = await servedKeyPackage(api, bob)

    await h.stopNode()
    clock.advance(KEY_PACKAGE_ROTATION_INTERVAL_NS)
    await pollUntil("two failed maintenance passes", () => log.errors.length >= 2)
    expect(new Set(log.errors.map((e) => e.code))).toEqual(new Set(["UploadFailed"]))
    const pending = storedRotationState(profile).newest!
    expect(hex(pending.keyPackage)).not.toBe(hex(first))
    expect(pending.uploadedAtNs).toBeUndefined()
    await pollUntil("a third failed pass", () => log.errors.length >= 3)
    expect(hex(storedRotationState(profile).newest!.keyPackageRef)).toBe(hex(pending.keyPackageRef))

    await h.startNode()
    const served = await pollUntil("the node to serve the pending key package", async () => {
      const bytes = await servedKeyPackage(api, bob!)
      return hex(bytes) === hex(first) ? undefined : bytes
    })
    expect(hex(served)).toBe(hex(pending.keyPackage))
    const state = storedRotationState(profile, welcomeKeyOf(first).hpkePublicKey)
    expect(state.keyPackageFor(welcomeKeyOf(first).hpkePublicKey)?.deleteAtNs).toBe(clock.now() + KEY_PACKAGE_RETENTION_NS)
    expect(state.schedule.nextRotationNs).toBe(clock.now() + KEY_PACKAGE_ROTATION_INTERVAL_NS)
  })
})
