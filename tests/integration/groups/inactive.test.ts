// Removed members and inactive groups through real Parley clients on a real node: what a removed
// member keeps and can no longer do, bulk sync, joining a group one has already been removed from,
// and being added back.
import { describe, expect, it } from "vitest"
import { GroupMembershipState, GroupMessageKind, type Client, type Group } from "../../../src/engine/index"
import { type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { conversationOf, syncEveryone, transcripts } from "./support/groupScenario"

describe("removed members and inactive groups", () => {
  let h: EngineHarness
  let alice: Client
  let bob: Client

  useEngineClients("group-inactive", ["alice", "bob"], (s) => ({ h, clients: { alice, bob } } = s))

  const texts = async (group: Group) => (await group.messages()).filter((m) => m.kind === GroupMessageKind.Application).map((m) => m.content)

  /** Alice's group with Bob, who read "before" and was then removed. */
  async function bobRemoved(): Promise<{ aliceGroup: Group; bobGroup: Group }> {
    const aliceGroup = await alice.conversations.createGroup([bob.inboxId])
    await aliceGroup.sendText("before")
    await syncEveryone([bob], aliceGroup.id)
    await aliceGroup.removeMembers([bob.inboxId])
    const bobGroup = await conversationOf(bob, aliceGroup.id)
    await bobGroup.sync()
    return { aliceGroup, bobGroup }
  }

  it("INACT-01, INACT-02: the removed member keeps the group and its messages, inactive; it can neither sync nor send", async () => {
    const { aliceGroup, bobGroup } = await bobRemoved()
    expect(bobGroup.isActive).toBe(false)
    expect(bobGroup.membershipState()).toBe(GroupMembershipState.Pending)
    expect(await texts(bobGroup)).toEqual(["before"])
    expect((await transcripts(bob, bobGroup.id)).at(-1)).toMatchObject({ removedInboxes: [{ inboxId: bob.inboxId }] })
    await expect(bobGroup.sync()).rejects.toMatchObject({ code: "GroupInactive" })
    await expect(bobGroup.sendText("after")).rejects.toMatchObject({ code: "GroupInactive" })
    await expect(bobGroup.updateName("after")).rejects.toMatchObject({ code: "GroupInactive" })
    await aliceGroup.sync()
    expect(await texts(aliceGroup)).toEqual(["before"])
  })

  it("INACT-03: bulk sync skips inactive groups without failing and does not count them", async () => {
    const erin = await h.open(h.profile("erin"))
    const active = await alice.conversations.createGroup([erin.inboxId])
    const removed = await alice.conversations.createGroup([erin.inboxId])
    await erin.conversations.sync()
    await (await conversationOf(erin, removed.id)).sync()
    await removed.removeMembers([erin.inboxId])
    await (await conversationOf(erin, removed.id)).sync()
    await active.sendText("still here")
    const summary = await erin.conversations.syncAll()
    expect(summary).toEqual({ numEligible: 2, numSynced: 1 })
    expect(await texts(await conversationOf(erin, active.id))).toEqual(["still here"])
    await h.closeClient(erin)
  })

  it("INACT-04: a member added then removed before it synced joins the group inactive, with both transcripts", async () => {
    const frank = await h.open(h.profile("frank"))
    const group = await alice.conversations.createGroup([bob.inboxId])
    await group.addMembers([frank.inboxId])
    await group.removeMembers([frank.inboxId])
    await frank.conversations.syncAll()
    const frankGroup = await conversationOf(frank, group.id)
    expect(frankGroup.isActive).toBe(false)
    const seen = await transcripts(frank, group.id)
    expect(seen).toHaveLength(2)
    expect(seen[0]).toMatchObject({ addedInboxes: [{ inboxId: frank.inboxId }], initiatedByInboxId: alice.inboxId })
    expect(seen[1]).toMatchObject({ removedInboxes: [{ inboxId: frank.inboxId }] })
    await h.closeClient(frank)
  })

  it("INACT-05: added back, the removed member's same conversation is active again and reads what follows", async () => {
    const { aliceGroup, bobGroup } = await bobRemoved()
    await aliceGroup.addMembers([bob.inboxId])
    await bob.conversations.sync()
    const again = await conversationOf(bob, aliceGroup.id)
    expect(again.id).toBe(bobGroup.id)
    expect(again.isActive).toBe(true)
    await aliceGroup.sendText("welcome back")
    await again.sync()
    expect(await texts(again)).toEqual(["before", "welcome back"])
    expect(bob.conversations.listGroups().filter((g) => g.id === aliceGroup.id)).toHaveLength(1)
  })
})
