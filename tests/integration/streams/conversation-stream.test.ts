// conversations.stream() among Parley clients on a real node: conversations joined from welcomes
// and created locally are emitted once; a DM that duplicates one already held is left out unless
// asked for; type and consent filters apply only when given (STREAM-01).
import { describe, expect, it } from "vitest"
import { ConsentState, ConversationType, type Client } from "../../../src/engine/index"
import type { ConversationStream } from "../../../src/engine/conversationStream"
import { createSdkClient } from "../../interop/support/sdkClient"
import { type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { endedAfterAll, take, withTimeout } from "../engine/support/waitFor"

describe("conversation stream", () => {
  let h: EngineHarness
  let alice: Client
  let bob: Client
  let carol: Client

  useEngineClients("stream-conversations", ["alice", "bob", "carol"], (s) => ({ h, clients: { alice, bob, carol } } = s))
  const ended = endedAfterAll<ConversationStream>()

  async function streamOf(client: Client, options: Parameters<Client["conversations"]["stream"]>[0] = {}): Promise<ConversationStream> {
    return ended(await client.conversations.stream(options))
  }

  const ids = (conversations: ReadonlyArray<{ id: string }>) => conversations.map((c) => c.id)

  it("STREAM-01: emits conversations joined from welcomes and created here, each once, without filters by default", async () => {
    const before = await alice.conversations.createGroup([bob.inboxId], { groupName: "before the stream" })
    const stream = await streamOf(bob)
    const joined = await alice.conversations.createGroup([bob.inboxId], { groupName: "joined" })
    const [first] = await take(stream, 1, "the group bob is added to")
    expect(first).toMatchObject({ id: joined.id, name: "joined" })

    const own = await bob.conversations.createGroup([])
    const dm = await bob.conversations.createDm(carol.inboxId)
    const third = await alice.conversations.createGroup([bob.inboxId], { groupName: "third" })
    const next = await take(stream, 3, "bob's own group, his DM and the next welcome")
    expect(ids(next)).toEqual([own.id, dm.id, third.id])
    // The group joined by the sync before the stream started is not emitted, nor anything twice.
    expect(ids([first!, ...next])).not.toContain(before.id)
  })

  it("STREAM-01: the type filter and the consent filter apply when given", async () => {
    const dmsOnly = await streamOf(bob, { conversationType: ConversationType.Dm })
    const allowedOnly = await streamOf(bob, { consentStates: [ConsentState.Allowed] })
    const dave = await h.open(h.profile("dave"))
    const group = await alice.conversations.createGroup([bob.inboxId], { groupName: "not a DM" })
    const dm = await dave.conversations.createDm(bob.inboxId)
    const [onlyDm] = await take(dmsOnly, 1, "the DM, the group passed over")
    expect(onlyDm!.id).toBe(dm.id)

    // Joined by welcome, the group and the DM are Unknown to bob; what he creates is Allowed.
    const own = await bob.conversations.createGroup([alice.inboxId])
    const [onlyAllowed] = await take(allowedOnly, 1, "bob's own (allowed) group")
    expect(onlyAllowed!.id).toBe(own.id)
    expect(own.consentState()).toBe(ConsentState.Allowed)
    expect((await bob.conversations.getConversationById(group.id))!.consentState()).toBe(ConsentState.Unknown)
    await h.closeClient(dave)
  })

  it("STREAM-01: a DM duplicating one bob holds is emitted only when duplicates are asked for", async () => {
    const erin = await h.open(h.profile("erin"))
    const plain = await streamOf(bob, { disableSync: true })
    const withDuplicates = await streamOf(bob, { includeDuplicateDms: true, disableSync: true })
    // Each side creates its DM before seeing the other's: two DMs between the same inboxes.
    const bobsDm = await bob.conversations.createDm(erin.inboxId)
    const erinsDm = await erin.conversations.createDm(bob.inboxId)
    expect(erinsDm.id).not.toBe(bobsDm.id)
    const marker = await alice.conversations.createGroup([bob.inboxId], { groupName: "after the duplicate" })
    expect(ids(await take(withDuplicates, 3, "bob's DM, erin's duplicate, the marker group"))).toEqual([bobsDm.id, erinsDm.id, marker.id])
    expect(ids(await take(plain, 2, "bob's DM, then the marker group"))).toEqual([bobsDm.id, marker.id])
    await h.closeClient(erin)
  })

  it("STREAM-01: a group the SDK creates reaches a Parley stream; one Parley creates reaches the SDK's stream", async () => {
    const sam = await createSdkClient(h.address, h.dir, { label: "sam" })
    const parleyStream = await streamOf(bob, { conversationType: ConversationType.Group })
    const samStream = await sam.client.conversations.stream()
    try {
      const fromSdk = await sam.client.conversations.createGroup([bob.inboxId])
      expect(ids(await take(parleyStream, 1, "the SDK's group"))).toEqual([fromSdk.id])
      const fromParley = await alice.conversations.createGroup([sam.client.inboxId])
      // The SDK, like Parley, emits the group it created itself, then the one it was added to.
      const received = [await withTimeout("the SDK's own group", samStream.next()), await withTimeout("Parley's group", samStream.next())]
      expect(received.map((r) => r.value?.id)).toEqual([fromSdk.id, fromParley.id])
    } finally {
      await samStream.end()
    }
  })

  it("STREAM-01: keeps emitting through a node restart, each conversation once", async () => {
    let restarts = 0
    const stream = await streamOf(carol, { onRestart: () => restarts++ })
    const before = await alice.conversations.createGroup([carol.inboxId])
    expect(ids(await take(stream, 1, "the group before the restart"))).toEqual([before.id])
    await h.stopNode()
    await h.startNode()
    const after = await alice.conversations.createGroup([carol.inboxId])
    const own = await carol.conversations.createGroup([])
    // The welcome and the local creation race; each arrives once, in either order.
    expect(ids(await take(stream, 2, "the groups after the restart")).sort()).toEqual([after.id, own.id].sort())
    expect(restarts).toBeGreaterThan(0)
  })

  it("end() finishes the iteration", async () => {
    const stream = await streamOf(carol)
    const pending = stream.next()
    await stream.end()
    expect(await pending).toEqual({ value: undefined, done: true })
    expect(stream.isDone).toBe(true)
  })
})
