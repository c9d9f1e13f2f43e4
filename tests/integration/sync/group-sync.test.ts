// group.sync() and conversations.syncAll() among Parley clients on a real node, as libxmtp
// node-bindings-1.10.0 runs them: a sync publishes what is queued, processes new envelopes in order
// and fails only when the node cannot be read (or both publishing and the post-commit step fail);
// an envelope the group refuses is reported, not thrown (SYNC-08). syncAll joins welcomes, lists
// the conversations by consent and syncs those with new envelopes on the node (SYNC-07).
import { describe, expect, it } from "vitest"
import { NO_RETRY, type ApiClient } from "../../../src/engine/api/index"
import { ConsentState, DeliveryStatus, GroupMessageKind, type Client, type Group } from "../../../src/engine/index"
import { type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { conversationOf } from "../groups/support/groupScenario"

const texts = async (group: Group) => (await group.messages()).filter((m) => m.kind === GroupMessageKind.Application).map((m) => m.content)

describe("group sync and syncAll", () => {
  let h: EngineHarness
  let api: ApiClient
  let alice: Client
  let bob: Client

  useEngineClients(
    "sync",
    ["alice", "bob"],
    (s) => {
      ({ h, clients: { alice, bob } } = s)
      api = h.apiClient()
    },
    // Bob does not retry, so a sync while the node is down fails at once.
    { retry: { bob: NO_RETRY } },
  )

  const envelopesOf = (group: Group) => api.mls.queryAllGroupMessages(group.idBytes)

  /** Publishes a copy of the group's newest envelope with its last byte flipped: every member refuses it. */
  async function publishTamperedCopy(group: Group): Promise<bigint> {
    const tampered = Uint8Array.from((await envelopesOf(group)).at(-1)!.data)
    tampered[tampered.length - 1]! ^= 0x01
    await api.mls.sendGroupMessages([{ data: tampered, shouldPush: false }])
    return (await envelopesOf(group)).at(-1)!.id
  }

  it("SYNC-08: a refused envelope does not fail the sync; the envelopes around it are processed in order and the refusal is reported", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId])
    await group.sendText("one")
    const tamperedId = await publishTamperedCopy(group)
    await group.sendText("two")
    await group.sendText("three")
    await bob.conversations.sync()
    const bobGroup = await conversationOf(bob, group.id)
    const summary = await bobGroup.sync()
    expect(summary.failures.map((f) => [f.code, f.cursor])).toEqual([["Undecryptable", tamperedId]])
    expect(await texts(bobGroup)).toEqual(["one", "two", "three"])
    // Skipped for good: the next sync has nothing to report.
    expect((await bobGroup.sync()).failures).toEqual([])
  })

  it("SYNC-08: the sync publishes queued messages, fails when the node cannot be read, and refuses an inactive group", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId])
    await bob.conversations.sync()
    const bobGroup = await conversationOf(bob, group.id)
    const id = await bobGroup.sendText("queued", true)
    expect((await bobGroup.messages()).find((m) => m.id === id)?.deliveryStatus).toBe(DeliveryStatus.Unpublished)
    // Bob's leaf key is due for rotation (INTENT-04): the first sync publishes that commit, which
    // ends its publish pass (INTENT-03); the next publishes the message.
    await bobGroup.sync()
    expect((await bobGroup.messages()).find((m) => m.id === id)?.deliveryStatus).toBe(DeliveryStatus.Unpublished)
    await bobGroup.sync()
    expect((await bobGroup.messages()).find((m) => m.id === id)?.deliveryStatus).toBe(DeliveryStatus.Published)
    await group.sync()
    expect(await texts(group)).toEqual(["queued"])

    await h.stopNode()
    try {
      await expect(bobGroup.sync()).rejects.toMatchObject({ name: "GroupError", code: "SyncFailed" })
    } finally {
      await h.startNode()
    }

    await group.removeMembers([bob.inboxId])
    await bobGroup.sync()
    await expect(bobGroup.sync()).rejects.toMatchObject({ name: "GroupError", code: "GroupInactive" })
  })

  it("SYNC-07: syncAll joins welcomes, lists conversations by consent, syncs those with new envelopes and counts refusals as synced", async () => {
    const erin = await h.open(h.profile("erin"))
    const [refused, active, denied, quiet] = await Promise.all(["refused", "active", "denied", "quiet"].map((name) => alice.conversations.createGroup([erin.inboxId], { groupName: name })))
    await erin.conversations.sync()
    for (const group of [refused!, active!, denied!, quiet!]) await (await conversationOf(erin, group.id)).sync()
    ;(await conversationOf(erin, denied!.id)).updateConsentState(ConsentState.Denied)

    await publishTamperedCopy(refused!)
    await active!.sendText("new in active")
    await denied!.sendText("new in denied")
    const joined = await alice.conversations.createGroup([erin.inboxId], { groupName: "joined by syncAll" })
    await joined.sendText("new in joined")
    const cursorOf = async (group: Group) => (await (await conversationOf(erin, group.id)).debugInfo()).cursor
    const quietCursor = await cursorOf(quiet!)
    const deniedCursor = await cursorOf(denied!)

    // Listed: refused, active, quiet and the joined group (Unknown consent); the denied one is not.
    // Synced: those with new envelopes, the one whose only new envelope is refused included.
    expect(await erin.conversations.syncAll()).toEqual({ numEligible: 4, numSynced: 3 })
    expect(await texts(await conversationOf(erin, active!.id))).toEqual(["new in active"])
    expect(await texts(await conversationOf(erin, joined.id))).toEqual(["new in joined"])
    expect(await cursorOf(quiet!)).toBe(quietCursor)
    expect(await cursorOf(denied!)).toBe(deniedCursor)

    expect(await erin.conversations.syncAll([ConsentState.Denied])).toEqual({ numEligible: 1, numSynced: 1 })
    expect(await texts(await conversationOf(erin, denied!.id))).toEqual(["new in denied"])
    // Nothing new anywhere: everything listed, nothing synced.
    expect(await erin.conversations.syncAll()).toEqual({ numEligible: 4, numSynced: 0 })
    await h.closeClient(erin)
  })
})
