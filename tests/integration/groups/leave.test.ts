// Leaving a group by request through real Parley clients on a real node: who may ask, the request
// message, the pending-removal state, super admins acting on requests (and only they), left versus
// removed in transcripts, and being added again afterwards.
import { describe, expect, it } from "vitest"
import { ConsentState, GroupMembershipState, GroupMessageKind, type Client, type Group } from "../../../src/engine/index"
import { type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { conversationOf, dmThroughGroupApi, envelopeCount, syncEveryone, transcripts } from "./support/groupScenario"

describe("leave requests and pending removal", () => {
  let h: EngineHarness
  let alice: Client
  let bob: Client
  let carol: Client
  let dave: Client

  useEngineClients("group-leave", ["alice", "bob", "carol", "dave"], (s) => ({ h, clients: { alice, bob, carol, dave } } = s))

  /** Alice (super admin) with Bob, Carol and Dave (an admin), as each sees the group. */
  async function group(): Promise<Record<"alice" | "bob" | "carol" | "dave", Group>> {
    const created = await alice.conversations.createGroup([bob.inboxId, carol.inboxId, dave.inboxId])
    await created.addAdmin(dave.inboxId)
    await syncEveryone([bob, carol, dave], created.id)
    return {
      alice: created,
      bob: await conversationOf(bob, created.id),
      carol: await conversationOf(carol, created.id),
      dave: await conversationOf(dave, created.id),
    }
  }

  const memberIds = async (g: Group) => (await g.members()).map((m) => m.inboxId).sort()

  it("LEAVE-02, LEAVE-03: the request is a listed leave_request message; the requester is pending removal but still active", async () => {
    const groups = await group()
    groups.bob.updateConsentState(ConsentState.Denied)
    await groups.bob.requestRemoval()
    const request = (await groups.bob.messages()).filter((m) => m.kind === GroupMessageKind.Application).at(-1)!
    expect(request).toMatchObject({ senderInboxId: bob.inboxId, contentType: { authorityId: "xmtp.org", typeId: "leave_request", versionMajor: 1 } })
    expect(groups.bob.isPendingRemoval()).toBe(true)
    expect(groups.bob.membershipState()).toBe(GroupMembershipState.PendingRemove)
    expect(groups.bob.isActive).toBe(true)
    // Sent through the ordinary send path, which consents to the conversation.
    expect(groups.bob.consentState()).toBe(ConsentState.Allowed)
    await groups.carol.sync()
    expect((await groups.carol.messages()).filter((m) => m.kind === GroupMessageKind.Application).at(-1)).toMatchObject({
      id: request.id,
      contentType: { typeId: "leave_request" },
    })
    expect(groups.carol.isPendingRemoval()).toBe(false)
  })

  it("LEAVE-05, LEAVE-06, LEAVE-09: a plain admin does nothing; the super admin's sync removes the requester, reported as left", async () => {
    const groups = await group()
    await groups.bob.requestRemoval()
    const envelopes = await envelopeCount(h, groups.alice.id)
    await groups.dave.sync()
    await groups.carol.sync()
    expect(await envelopeCount(h, groups.alice.id)).toBe(envelopes)
    await groups.alice.sync()
    expect(await memberIds(groups.alice)).toEqual([alice.inboxId, carol.inboxId, dave.inboxId].sort())
    for (const [client, g] of [
      [carol, groups.carol],
      [dave, groups.dave],
    ] as const) {
      await g.sync()
      expect((await transcripts(client, g.id)).at(-1)).toMatchObject({ initiatedByInboxId: alice.inboxId, leftInboxes: [{ inboxId: bob.inboxId }], removedInboxes: [] })
    }
    expect((await transcripts(alice, groups.alice.id)).at(-1)).toMatchObject({ leftInboxes: [{ inboxId: bob.inboxId }], removedInboxes: [] })
    await groups.bob.sync().catch(() => undefined)
    expect(groups.bob.isActive).toBe(false)
    expect(groups.bob.membershipState()).toBe(GroupMembershipState.PendingRemove)
  })

  it("LEAVE-06: a manual removal of a member who asked to leave reports it as left; of one who did not, as removed", async () => {
    const groups = await group()
    await groups.carol.requestRemoval()
    await groups.alice.removeMembers([carol.inboxId, bob.inboxId])
    await groups.dave.sync()
    expect((await transcripts(dave, groups.dave.id)).at(-1)).toMatchObject({
      leftInboxes: [{ inboxId: carol.inboxId }],
      removedInboxes: [{ inboxId: bob.inboxId }],
    })
  })

  it("LEAVE-08, LEAVE-04: a member promoted to super admin acts on requests it recorded earlier", async () => {
    const groups = await group()
    await groups.bob.requestRemoval()
    await groups.dave.sync()
    expect(await memberIds(groups.dave)).toContain(bob.inboxId)
    await groups.alice.addSuperAdmin(dave.inboxId)
    await groups.dave.sync()
    expect(await memberIds(groups.dave)).not.toContain(bob.inboxId)
    expect((await transcripts(dave, groups.dave.id)).at(-1)).toMatchObject({ initiatedByInboxId: dave.inboxId, leftInboxes: [{ inboxId: bob.inboxId }] })
  })

  it("LEAVE-01: a repeated request sends nothing more", async () => {
    const groups = await group()
    await groups.carol.requestRemoval()
    const envelopes = await envelopeCount(h, groups.alice.id)
    await groups.carol.requestRemoval()
    expect(await envelopeCount(h, groups.alice.id)).toBe(envelopes)
  })

  it("LEAVE-01: the only member, a super admin and a removed member cannot ask to leave", async () => {
    const alone = await alice.conversations.createGroup([])
    await expect(alone.requestRemoval()).rejects.toMatchObject({ code: "SingleMemberLeaveRejected" })
    const groups = await group()
    await expect(groups.alice.requestRemoval()).rejects.toMatchObject({
      code: "SuperAdminLeaveForbidden",
      message: "super-admin cannot leave a group; must be demoted first",
    })
    await groups.alice.removeMembers([carol.inboxId])
    await groups.carol.sync().catch(() => undefined)
    await expect(groups.carol.requestRemoval()).rejects.toMatchObject({ code: "NotAGroupMember" })
  })

  it("DM-06: neither member of a DM can leave it", async () => {
    const dm = await alice.conversations.createDm(bob.inboxId)
    await syncEveryone([bob], dm.id)
    for (const client of [alice, bob]) {
      await expect((await dmThroughGroupApi(client, dm.id)).requestRemoval()).rejects.toMatchObject({
        code: "DmLeaveForbidden",
        message: "cannot leave a DM conversation",
      })
    }
  })

  it("LEAVE-07, LEAVE-11: once removed the request is forgotten; added again, the leaver is a member with consent to give afresh", async () => {
    const groups = await group()
    await groups.bob.requestRemoval()
    await groups.alice.sync()
    await groups.bob.sync().catch(() => undefined)
    expect(groups.bob.isActive).toBe(false)

    await groups.alice.addMembers([bob.inboxId])
    await bob.conversations.sync()
    const back = await conversationOf(bob, groups.alice.id)
    expect(back.isActive).toBe(true)
    expect(back.membershipState()).toBe(GroupMembershipState.Allowed)
    expect(back.isPendingRemoval()).toBe(false)
    expect(back.consentState()).toBe(ConsentState.Unknown)
    // The old request was cleared with the removal: the super admin's next sync keeps Bob.
    await groups.alice.sync()
    expect(await memberIds(groups.alice)).toContain(bob.inboxId)
    await back.sendText("back again")
    await groups.carol.sync()
    expect((await groups.carol.messages()).filter((m) => m.kind === GroupMessageKind.Application).at(-1)).toMatchObject({ content: "back again" })
  })
})
