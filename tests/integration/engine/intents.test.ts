// Outgoing work as intents: concurrent commits in one epoch converge (the loser re-syncs and
// publishes again against the new epoch), an optimistic message survives a restart of its client
// and is published later, and a payload whose send was cut short by the node going away is sent
// again, unchanged, once it is back.
import { describe, expect, it } from "vitest"
import { NO_RETRY, type ApiClient } from "../../../src/engine/api/index"
import { parseGroupMessageHeader } from "../../../src/engine/mls/groupMessageHeader"
import { DeliveryStatus, GroupError, GroupMessageKind, type Client, type Group } from "../../../src/engine/index"
import { type EngineHarness, useEngineClients } from "./support/engineHarness"

async function groupOf(client: Client, id: string): Promise<Group> {
  await client.conversations.sync()
  const conversation = await client.conversations.getConversationById(id)
  if (!conversation) throw new Error(`conversation ${id} is not known to ${client.inboxId}`)
  return conversation as Group
}

/** Syncs; a commit that lost the race for its epoch is refused as OldEpoch, which is all a sync may report here. */
async function syncTolerantOfStaleCommits(group: Group): Promise<void> {
  await group.sync().catch((error: unknown) => {
    if (!(error instanceof GroupError) || error.failures.length === 0 || error.failures.some((f) => f.code !== "OldEpoch")) throw error
  })
}

const lastText = async (group: Group) => (await group.messages()).filter((m) => m.kind === GroupMessageKind.Application).at(-1)

describe("intents", () => {
  let h: EngineHarness
  let api: ApiClient
  useEngineClients("intents", [], (s) => {
    h = s.h
    api = h.apiClient()
  })

  it("converges when two members commit in the same epoch", async () => {
    const [alice, bob, carol, dave] = await Promise.all(["alice", "bob", "carol", "dave"].map((name) => h.open(h.profile(name))))
    const aliceGroup = await alice!.conversations.createGroup([bob!.inboxId])
    const bobGroup = await groupOf(bob!, aliceGroup.id)
    await bobGroup.sync()
    const epoch = (await bobGroup.debugInfo()).epoch
    expect((await aliceGroup.debugInfo()).epoch).toBe(epoch)

    // Bob has not seen Alice's commit when he publishes his own for the same epoch: his client reads
    // Alice's first, finds its own commit stale, and publishes it again against the new epoch.
    await aliceGroup.addMembers([carol!.inboxId])
    await bobGroup.addMembers([dave!.inboxId])
    const commitEpochs = (await api.mls.queryAllGroupMessages(Buffer.from(aliceGroup.id, "hex")))
      .filter((e) => e.isCommit)
      .map((e) => parseGroupMessageHeader(e.data).epoch)
    expect(commitEpochs.filter((e) => e === epoch)).toHaveLength(2)

    // Each joiner records who welcomed it: the GroupInfo signer of its welcome.
    expect((await groupOf(carol!, aliceGroup.id)).addedByInboxId).toBe(alice!.inboxId)
    expect((await groupOf(dave!, aliceGroup.id)).addedByInboxId).toBe(bob!.inboxId)
    const everyone = [alice!, bob!, carol!, dave!]
    const expected = everyone.map((c) => c.inboxId).sort()
    for (const client of everyone) {
      const group = await groupOf(client, aliceGroup.id)
      await syncTolerantOfStaleCommits(group)
      expect((await group.members()).map((m) => m.inboxId).sort()).toEqual(expected)
    }
    const epochs = await Promise.all(everyone.map(async (c) => (await (await groupOf(c, aliceGroup.id)).debugInfo()).epoch))
    expect(new Set(epochs).size).toBe(1)
    for (const sender of everyone) {
      await (await groupOf(sender, aliceGroup.id)).sendText(`from ${sender.inboxId}`)
      for (const reader of everyone.filter((c) => c !== sender)) {
        const group = await groupOf(reader, aliceGroup.id)
        await syncTolerantOfStaleCommits(group)
        expect(await lastText(group)).toMatchObject({ senderInboxId: sender.inboxId, content: `from ${sender.inboxId}` })
      }
    }
  })

  it("keeps an optimistic message across a restart of its client and publishes it later", async () => {
    const aliceProfile = h.profile("olive")
    let alice = await h.open(aliceProfile)
    const bob = await h.open(h.profile("oscar"))
    const group = await alice.conversations.createGroup([bob.inboxId])
    const id = await group.sendText("queued while offline", true)
    expect((await group.messages()).find((m) => m.id === id)?.deliveryStatus).toBe(DeliveryStatus.Unpublished)

    alice = await h.reopen(alice, aliceProfile)
    const reopened = await groupOf(alice, group.id)
    expect((await reopened.messages()).find((m) => m.id === id)?.deliveryStatus).toBe(DeliveryStatus.Unpublished)
    await reopened.publishMessages()
    expect((await reopened.messages()).find((m) => m.id === id)?.deliveryStatus).toBe(DeliveryStatus.Published)

    const bobGroup = await groupOf(bob, group.id)
    await bobGroup.sync()
    expect(await lastText(bobGroup)).toMatchObject({ id, senderInboxId: alice.inboxId, content: "queued while offline" })
  })

  it("publishes a message whose send was cut short once the client and the node are back", async () => {
    const aliceProfile = h.profile("pia")
    let alice = await h.open(aliceProfile, { retry: NO_RETRY })
    const bob = await h.open(h.profile("paul"))
    const group = await alice.conversations.createGroup([bob.inboxId])
    await (await groupOf(bob, group.id)).sync()

    await h.stopNode()
    const id = await group.sendText("through the outage", true)
    await expect(group.sync()).rejects.toMatchObject({ name: "GroupError", code: "SyncFailed" })
    // The payload was saved for sending; the client goes away before the node comes back.
    await h.closeClient(alice)
    await h.startNode()

    alice = await h.open(aliceProfile)
    const reopened = await groupOf(alice, group.id)
    await reopened.sync()
    expect((await reopened.messages()).find((m) => m.id === id)?.deliveryStatus).toBe(DeliveryStatus.Published)
    const bobGroup = await groupOf(bob, group.id)
    await bobGroup.sync()
    const received = (await bobGroup.messages()).filter((m) => m.kind === GroupMessageKind.Application)
    expect(received.map((m) => [m.id, m.content])).toEqual([[id, "through the outage"]])
    // The next message is encrypted after the resent one, so nothing reuses its key.
    await reopened.sendText("and after it")
    await bobGroup.sync()
    expect(await lastText(bobGroup)).toMatchObject({ content: "and after it" })
  })
})
