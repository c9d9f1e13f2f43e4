// conversations.stream() among Parley clients on a real node: conversations joined from welcomes
// and created locally are emitted once; a DM that duplicates one already held is left out unless
// asked for; type and consent filters apply only when given (STREAM-01).
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ConsentState, ConversationType, type Client } from "../../../src/engine/index"
import type { ConversationStream } from "../../../src/engine/conversationStream"
import { EngineHarness } from "../engine/support/engineHarness"
import { take } from "../engine/support/waitFor"

describe("conversation stream", () => {
  let h: EngineHarness
  let alice: Client
  let bob: Client
  let carol: Client
  const streams: ConversationStream[] = []

  beforeAll(async () => {
    h = await EngineHarness.create("stream-conversations")
    ;[alice, bob, carol] = (await Promise.all(["alice", "bob", "carol"].map((name) => h.open(h.profile(name))))) as [Client, Client, Client]
  })
  afterAll(async () => {
    for (const stream of streams) await stream.end()
    await h?.close()
  })

  async function streamOf(client: Client, options: Parameters<Client["conversations"]["stream"]>[0] = {}): Promise<ConversationStream> {
    const stream = await client.conversations.stream(options)
    streams.push(stream)
    return stream
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

  it("end() finishes the iteration", async () => {
    const stream = await streamOf(carol)
    const pending = stream.next()
    await stream.end()
    expect(await pending).toEqual({ value: undefined, done: true })
    expect(stream.isDone).toBe(true)
  })
})
