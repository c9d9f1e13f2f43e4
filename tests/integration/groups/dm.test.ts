// DMs through real Parley clients on a real node: their id, shape and fixed policies, what either
// member may and may not change, and DMs created by both sides at once showing as one.
import { describe, expect, it } from "vitest"
import { ConsentState, ConversationType, GroupMessageKind, GroupPermissionsOptions, PermissionPolicy, type Client } from "../../../src/engine/index"
import { METADATA_FIELD } from "../../../src/engine/groups/extensions/index"
import { ClientDatabase } from "../../../src/engine/storage/clientDatabase"
import { type ClientProfile, type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { conversationOf, dmThroughGroupApi, envelopeCount, storedXmtpContext, syncEveryone, transcripts } from "./support/groupScenario"

describe("DMs", () => {
  let h: EngineHarness
  let profiles: Record<"alice" | "bob" | "carol" | "dave", ClientProfile>
  let alice: Client
  let bob: Client
  let carol: Client
  let dave: Client

  useEngineClients("group-dm", ["alice", "bob", "carol", "dave"], (s) => ({ h, profiles, clients: { alice, bob, carol, dave } } = s))

  const storedDmId = (profile: ClientProfile, id: string) => {
    const db = ClientDatabase.open(profile.dbPath, profile.dbEncryptionKey)
    try {
      return db.groups.find(Buffer.from(id, "hex"))?.dmId
    } finally {
      db.close()
    }
  }

  it("DM-01, DM-04, PERM-03: a DM's id, members, empty admin lists, fixed policies and metadata without app data", async () => {
    const dm = await alice.conversations.createDm(bob.inboxId)
    await syncEveryone([bob], dm.id)
    const expectedDmId = `dm:${[alice.inboxId, bob.inboxId].map((id) => id.toLowerCase()).sort().join(":")}`
    expect(storedDmId(profiles.alice, dm.id)).toBe(expectedDmId)
    expect(storedDmId(profiles.bob, dm.id)).toBe(expectedDmId)
    expect(dm.peerInboxId).toBe(bob.inboxId)
    expect(await dm.metadata()).toEqual({ creatorInboxId: alice.inboxId, conversationType: ConversationType.Dm })
    expect(dm.consentState()).toBe(ConsentState.Allowed)

    const context = storedXmtpContext(profiles.bob, dm.id)
    expect(context.metadata.dmMembers).toEqual({ memberOneInboxId: alice.inboxId, memberTwoInboxId: bob.inboxId })
    expect([...context.mutableMetadata.attributes.keys()].sort()).toEqual(
      [METADATA_FIELD.commitLogSigner, METADATA_FIELD.description, METADATA_FIELD.groupImageUrlSquare, METADATA_FIELD.groupName].sort(),
    )
    const asGroup = await dmThroughGroupApi(bob, dm.id)
    expect([asGroup.listAdmins(), asGroup.listSuperAdmins()]).toEqual([[], []])
    const { Allow, Deny } = PermissionPolicy
    expect(asGroup.permissions()).toEqual({
      policyType: GroupPermissionsOptions.CustomPolicy,
      policySet: {
        addMemberPolicy: Deny,
        removeMemberPolicy: Deny,
        addAdminPolicy: Deny,
        removeAdminPolicy: Deny,
        updateGroupNamePolicy: Allow,
        updateGroupDescriptionPolicy: Allow,
        updateGroupImageUrlSquarePolicy: Allow,
        updateMessageDisappearingPolicy: Allow,
        updateAppDataPolicy: Allow,
      },
    })
    expect(context.policies.updatePermissionsPolicy).toEqual({ type: "base", base: "deny" })
  })

  it("DM-02: asking for the DM again, from either side, finds the same conversation", async () => {
    const dm = await alice.conversations.createDm(carol.inboxId)
    expect((await alice.conversations.createDm(carol.inboxId)).id).toBe(dm.id)
    await carol.conversations.sync()
    const fromCarol = await carol.conversations.createDm(alice.inboxId)
    expect(fromCarol.id).toBe(dm.id)
    expect(fromCarol.createdAtNs).toBe((await conversationOf(carol, dm.id)).createdAtNs)
  })

  it("DM-05: a third member cannot be added nor the peer removed; nothing is sent", async () => {
    const dm = await alice.conversations.createDm(dave.inboxId)
    const asGroup = await dmThroughGroupApi(alice, dm.id)
    const envelopes = await envelopeCount(h, dm.id)
    await expect(asGroup.addMembers([carol.inboxId])).rejects.toMatchObject({ code: "DmMembershipForbidden" })
    await expect(asGroup.addMembers([dave.inboxId, carol.inboxId])).rejects.toMatchObject({ code: "DmMembershipForbidden" })
    await expect(asGroup.removeMembers([dave.inboxId])).rejects.toMatchObject({ code: "DmMembershipForbidden" })
    expect(await envelopeCount(h, dm.id)).toBe(envelopes)
    expect((await dm.members()).map((m) => m.inboxId).sort()).toEqual([alice.inboxId, dave.inboxId].sort())
  })

  it("DM-05, DISAP-09: either member may change the disappearing settings, the peer included", async () => {
    const dm = await bob.conversations.createDm(dave.inboxId)
    await syncEveryone([dave], dm.id)
    const daveDm = await conversationOf(dave, dm.id)
    await daveDm.updateMessageDisappearingSettings(1n, 86_400_000_000_000n)
    await dm.sync()
    expect(dm.messageDisappearingSettings()).toEqual({ fromNs: 1n, inNs: 86_400_000_000_000n })
    expect(dm.isMessageDisappearingEnabled()).toBe(true)
    const changes = (await transcripts(bob, dm.id)).slice(-2).map((t) => t.metadataFieldChanges)
    expect(changes).toEqual([
      [{ fieldName: METADATA_FIELD.messageDisappearFromNs, newValue: "1" }],
      [{ fieldName: METADATA_FIELD.messageDisappearInNs, newValue: "86400000000000" }],
    ])
    await dm.removeMessageDisappearingSettings()
    await daveDm.sync()
    expect(daveDm.messageDisappearingSettings()).toEqual({ fromNs: 0n, inNs: 0n })
    expect(daveDm.isMessageDisappearingEnabled()).toBe(false)
  })

  it("DM-09, DM-10: DMs both sides created at once list as one, and each shows the messages of both", async () => {
    const [fromCarol, fromDave] = await Promise.all([carol.conversations.createDm(dave.inboxId), dave.conversations.createDm(carol.inboxId)])
    expect(fromCarol.id).not.toBe(fromDave.id)
    await fromCarol.sendText("hello from carol")
    await fromDave.sendText("hello from dave")
    for (const client of [carol, dave]) {
      await client.conversations.syncAll()
      const dms = (await client.conversations.list({ conversationType: ConversationType.Dm })).filter((c) =>
        [fromCarol.id, fromDave.id].includes(c.id),
      )
      expect(dms).toHaveLength(1)
      for (const id of [fromCarol.id, fromDave.id]) {
        const texts = (await (await conversationOf(client, id)).messages()).filter((m) => m.kind === GroupMessageKind.Application).map((m) => m.content)
        expect(texts.sort()).toEqual(["hello from carol", "hello from dave"])
      }
    }
  })

  it("DM-11: syncing one of two stitched DMs syncs the other first; looking either up answers with the most recently active", async () => {
    const erin = await h.open(h.profile("erin"))
    const [erinsDm, carolsDm] = await Promise.all([erin.conversations.createDm(carol.inboxId), carol.conversations.createDm(erin.inboxId)])
    await Promise.all([erin.conversations.sync(), carol.conversations.sync()])
    await carolsDm.sendText("in carol's")
    await erinsDm.sendText("in erin's")
    const texts = async () => (await carolsDm.messages()).filter((m) => m.kind === GroupMessageKind.Application).map((m) => m.content)
    expect(await texts()).toEqual(["in carol's"])
    // Only Carol's own DM is synced by name; Erin's, where the new message is, goes first.
    await carolsDm.sync()
    expect(await texts()).toEqual(["in carol's", "in erin's"])
    expect((await carol.conversations.getConversationById(carolsDm.id))?.id).toBe(erinsDm.id)
    expect((await carol.conversations.getConversationById(erinsDm.id))?.id).toBe(erinsDm.id)
    await h.closeClient(erin)
  })
})
