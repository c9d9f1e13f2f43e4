// How an own message reaches the network, through Parley clients on a real node: send (stored,
// published, consented), optimistic send and publishMessages, prepare now and publish later,
// delivery status from Unpublished to Published (server time) or, after three failed attempts,
// Failed; and the place an own message takes in the sent-time order before and after publishing.
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { NO_RETRY } from "../../../src/engine/api/index"
import { textCodec } from "../../../src/engine/content/index"
import { ConsentState, DeliveryStatus, GroupError, type Client, type DecodedMessage, type Group } from "../../../src/engine/index"
import { pollUntil } from "../../interop/support/deadline"
import { groupEnvelopes } from "../content/support/groupEnvelopes"
import { type ClientProfile, type EngineHarness, useEngineClients } from "../engine/support/engineHarness"

const byId = (messages: DecodedMessage[], id: string) => messages.find((m) => m.id === id)
const applicationEnvelopes = async (group: Group, h: EngineHarness) => (await groupEnvelopes(h.address, group.id)).filter((e) => !e.isCommit)

describe("sending, publishing and delivery status", () => {
  let h: EngineHarness
  let bobProfile: ClientProfile
  let alice: Client
  let bob: Client
  let aliceGroup: Group
  let bobGroup: Group

  async function joined(client: Client, id: string): Promise<Group> {
    return pollUntil(`${client.inboxId} to join ${id}`, async () => {
      await client.conversations.sync()
      return (await client.conversations.getConversationById(id)) as Group | undefined
    })
  }

  /** The group's message `id` as `group`'s client lists it after a sync. */
  async function seenBy(group: Group, id: string): Promise<DecodedMessage> {
    return pollUntil(`message ${id} in ${group.id}`, async () => {
      await group.sync()
      return byId(await group.messages(), id)
    })
  }

  useEngineClients("delivery", ["alice", "bob"], (s) => ({ h, profiles: { bob: bobProfile }, clients: { alice, bob } } = s))
  beforeAll(async () => {
    aliceGroup = await alice.conversations.createGroup([bob.inboxId])
    bobGroup = await joined(bob, aliceGroup.id)
  })

  it("MSG-04: send stores the message, publishes it before returning its id, and consents to the conversation", async () => {
    expect(bobGroup.consentState()).toBe(ConsentState.Unknown)
    const id = await bobGroup.sendText("hello from bob")
    expect(byId(await bobGroup.messages(), id)).toMatchObject({ deliveryStatus: DeliveryStatus.Published, senderInboxId: bob.inboxId, content: "hello from bob" })
    expect(bobGroup.consentState()).toBe(ConsentState.Allowed)
    await aliceGroup.sync()
    expect(byId(await aliceGroup.messages(), id)).toMatchObject({ deliveryStatus: DeliveryStatus.Published, content: "hello from bob" })
  })

  it("MSG-04: before sending, the sender brings members' installations up to date", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId])
    // A second installation of bob's appears after the group was made.
    const bob2 = await h.open({ ...bobProfile, name: "bob-2", dbPath: join(h.dir, "bob-2.db") })
    const before = (await groupEnvelopes(h.address, group.id)).length
    const id = await group.sendText("to every installation")
    const sent = (await groupEnvelopes(h.address, group.id)).slice(before)
    expect(sent.map((e) => e.isCommit)).toEqual([true, false])
    const bobMember = (await group.members()).find((m) => m.inboxId === bob.inboxId)
    expect(bobMember?.installationIds).toContain(bob2.installationId)
    expect(await seenBy(await joined(bob2, group.id), id)).toMatchObject({ content: "to every installation" })
  })

  it("MSG-05: an optimistic send stores the message with no network and no checks; publishMessages publishes it and consents", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId])
    const bobsCopy = await joined(bob, group.id)
    expect(bobsCopy.consentState()).toBe(ConsentState.Unknown)

    await h.stopNode()
    const id = await bobsCopy.sendText("written offline", true)
    expect(byId(await bobsCopy.messages(), id)?.deliveryStatus).toBe(DeliveryStatus.Unpublished)
    await h.startNode()
    await bobsCopy.publishMessages()
    expect(byId(await bobsCopy.messages(), id)?.deliveryStatus).toBe(DeliveryStatus.Published)
    expect(bobsCopy.consentState()).toBe(ConsentState.Allowed)
    expect(await seenBy(await joined(alice, group.id), id)).toMatchObject({ content: "written offline", senderInboxId: bob.inboxId })

    // Removed from the group, bob can still queue a message optimistically (it is never checked),
    // but not send one, nor publish a prepared one.
    await group.removeMembers([bob.inboxId])
    await pollUntil("bob to see his removal", async () => {
      await bobsCopy.sync()
      return !bobsCopy.isActive
    })
    const queued = await bobsCopy.sendText("after removal", true)
    expect(byId(await bobsCopy.messages(), queued)?.deliveryStatus).toBe(DeliveryStatus.Unpublished)
    await expect(bobsCopy.sendText("after removal, sent")).rejects.toMatchObject({ name: "GroupError", code: "GroupInactive" })
    const prepared = bobsCopy.prepareMessage(textCodec.encode("prepared after removal"), true)
    await expect(bobsCopy.publishStoredMessage(prepared)).rejects.toMatchObject({ name: "GroupError", code: "GroupInactive" })
  })

  it("MSG-06: a prepared message is stored with its push flag and no intent, and goes out only through publishStoredMessage", async () => {
    const quiet = aliceGroup.prepareMessage(textCodec.encode("prepared, quiet"), false)
    const loud = aliceGroup.prepareMessage(textCodec.encode("prepared, loud"), true)
    const unpublished = async () => (await aliceGroup.messages({ deliveryStatus: DeliveryStatus.Unpublished })).map((m) => m.id)
    expect(await unpublished()).toEqual([quiet, loud])

    // (Commits may go out meanwhile: bob has a new installation to add.)
    const before = (await applicationEnvelopes(aliceGroup, h)).length
    await aliceGroup.publishMessages()
    await aliceGroup.sync()
    expect(await unpublished()).toEqual([quiet, loud])
    expect((await applicationEnvelopes(aliceGroup, h)).length).toBe(before)

    await aliceGroup.publishStoredMessage(loud)
    await aliceGroup.publishStoredMessage(quiet)
    expect(await unpublished()).toEqual([])
    // Published already: nothing more goes out.
    await aliceGroup.publishStoredMessage(quiet)
    expect((await applicationEnvelopes(aliceGroup, h)).slice(before).map((e) => e.shouldPush)).toEqual([true, false])
    expect(await seenBy(bobGroup, quiet)).toMatchObject({ content: "prepared, quiet", deliveryStatus: DeliveryStatus.Published })
    expect(byId(await bobGroup.messages(), loud)).toMatchObject({ content: "prepared, loud" })

    await expect(aliceGroup.publishStoredMessage("00".repeat(32))).rejects.toMatchObject({ name: "GroupError", code: "NotFound" })
    await expect(aliceGroup.publishStoredMessage("not hex")).rejects.toMatchObject({ name: "GroupError", code: "InvalidArgument" })
  })

  it("MSG-07: publishing replaces the local sent time with the node's; three failed attempts, not fewer, mark a message Failed", async () => {
    const id = await aliceGroup.sendText("timed by the node", true)
    const localTime = byId(await aliceGroup.messages(), id)!.sentAtNs
    await aliceGroup.publishMessages()
    const published = byId(await aliceGroup.messages(), id)!
    const received = await seenBy(bobGroup, id)
    expect(published.deliveryStatus).toBe(DeliveryStatus.Published)
    expect(published.sentAtNs).toBe(received.sentAtNs)
    expect(published.sentAtNs).not.toBe(localTime)

    // A client that does not retry calls, so each sync is one publish attempt.
    const carol = await h.open(h.profile("carol"), { retry: NO_RETRY })
    const group = await carol.conversations.createGroup([bob.inboxId])
    await h.stopNode()
    try {
      const doomed = await group.sendText("never delivered", true)
      const status = async () => byId(await group.messages(), doomed)?.deliveryStatus
      await expect(group.sync()).rejects.toBeInstanceOf(GroupError)
      expect(await status()).toBe(DeliveryStatus.Unpublished)
      await expect(group.sync()).rejects.toBeInstanceOf(GroupError)
      expect(await status()).toBe(DeliveryStatus.Unpublished)
      await expect(group.sync()).rejects.toBeInstanceOf(GroupError)
      expect(await status()).toBe(DeliveryStatus.Failed)
    } finally {
      await h.startNode()
    }
  })

  it("MSG-08: a message that arrives twice (one retried send) is stored once by its receiver", async () => {
    const encoded = textCodec.encode("retried")
    const first = await aliceGroup.send(encoded, { idempotencyKey: "retry-1" })
    const seen = await seenBy(bobGroup, first)
    expect(await aliceGroup.send(encoded, { idempotencyKey: "retry-1" })).toBe(first)
    await bobGroup.sync()
    const copies = (await bobGroup.messages()).filter((m) => m.content === "retried")
    expect(copies).toEqual([seen])
  })

  it("QUERY-05: an own message sorts by its local time until published, then by the node's", async () => {
    // Prepared rather than sent optimistically, so that the sync bringing bob's message does not publish it.
    const mine = aliceGroup.prepareMessage(textCodec.encode("written first, published last"), true)
    const theirs = await bobGroup.sendText("written second, published first")
    await seenBy(aliceGroup, theirs)
    const order = async () => (await aliceGroup.messages()).map((m) => m.id).filter((id) => id === mine || id === theirs)
    expect(await order()).toEqual([mine, theirs])
    await aliceGroup.publishStoredMessage(mine)
    expect(await order()).toEqual([theirs, mine])
    expect(await aliceGroup.messages({ sentAfterNs: byId(await aliceGroup.messages(), theirs)!.sentAtNs })).toMatchObject([{ id: mine }])
  })
})
