// Admins and super admins through real Parley clients on a real node: the creator's role, adding
// and removing both kinds, who may do it, the last super admin, who may remove whom, transcripts,
// and the permission levels members() reports.
import { describe, expect, it } from "vitest"
import { PermissionLevel, PermissionPolicy, PermissionUpdateType, type Client, type Group } from "../../../src/engine/index"
import { type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { conversationOf, dmThroughGroupApi, envelopeCount, syncEveryone, transcripts } from "./support/groupScenario"

describe("admins and super admins", () => {
  let h: EngineHarness
  let alice: Client
  let bob: Client
  let carol: Client
  let dave: Client

  useEngineClients("group-admins", ["alice", "bob", "carol", "dave"], (s) => ({ h, clients: { alice, bob, carol, dave } } = s))

  /** A group Alice created with Bob and Carol, as each of the three sees it. */
  async function threeMemberGroup(): Promise<[Group, Group, Group]> {
    const group = await alice.conversations.createGroup([bob.inboxId, carol.inboxId])
    await syncEveryone([bob, carol], group.id)
    return [group, await conversationOf(bob, group.id), await conversationOf(carol, group.id)]
  }

  const roles = async (group: Group) =>
    Object.fromEntries((await group.members()).map((m) => [m.inboxId, m.permissionLevel])) as Record<string, PermissionLevel>

  it("CREATE-02: the creator is the only super admin and there are no admins, for every member", async () => {
    const groups = await threeMemberGroup()
    for (const group of groups) {
      expect(group.listSuperAdmins()).toEqual([alice.inboxId])
      expect(group.listAdmins()).toEqual([])
      expect(group.isSuperAdmin(alice.inboxId)).toBe(true)
      expect(group.isAdmin(alice.inboxId)).toBe(false)
      expect(await roles(group)).toEqual({
        [alice.inboxId]: PermissionLevel.SuperAdmin,
        [bob.inboxId]: PermissionLevel.Member,
        [carol.inboxId]: PermissionLevel.Member,
      })
    }
  })

  it("ADMIN-01, ADMIN-07, ADMIN-08: a super admin adds and removes an admin; members see it after syncing, with transcripts", async () => {
    const [aliceGroup, bobGroup, carolGroup] = await threeMemberGroup()
    await aliceGroup.addAdmin(bob.inboxId)
    expect(aliceGroup.listAdmins()).toEqual([bob.inboxId])
    // Roles are read from the last synced epoch.
    expect(carolGroup.isAdmin(bob.inboxId)).toBe(false)
    await carolGroup.sync()
    expect(carolGroup.isAdmin(bob.inboxId)).toBe(true)
    expect((await roles(carolGroup))[bob.inboxId]).toBe(PermissionLevel.Admin)
    expect((await transcripts(carol, carolGroup.id)).at(-1)).toMatchObject({
      initiatedByInboxId: alice.inboxId,
      addedAdminInboxes: [{ inboxId: bob.inboxId }],
      removedAdminInboxes: [],
      addedSuperAdminInboxes: [],
      metadataFieldChanges: [],
    })

    await aliceGroup.removeAdmin(bob.inboxId)
    await bobGroup.sync()
    expect(bobGroup.listAdmins()).toEqual([])
    expect((await transcripts(bob, bobGroup.id)).at(-1)).toMatchObject({ removedAdminInboxes: [{ inboxId: bob.inboxId }], addedAdminInboxes: [] })
  })

  it("ADMIN-01: adding twice keeps one entry, removing a non-admin changes nothing, and the target need not be a member", async () => {
    const [aliceGroup, , carolGroup] = await threeMemberGroup()
    await aliceGroup.addAdmin(bob.inboxId)
    const transcriptCount = (await transcripts(alice, aliceGroup.id)).length
    await aliceGroup.addAdmin(bob.inboxId)
    await aliceGroup.removeAdmin(carol.inboxId)
    expect(aliceGroup.listAdmins()).toEqual([bob.inboxId])
    expect(await transcripts(alice, aliceGroup.id)).toHaveLength(transcriptCount)
    await aliceGroup.addAdmin(dave.inboxId)
    await carolGroup.sync()
    expect(carolGroup.listAdmins()).toEqual([bob.inboxId, dave.inboxId])
    expect((await carolGroup.members()).map((m) => m.inboxId)).not.toContain(dave.inboxId)
  })

  it("ADMIN-02: a super admin who is also an admin stays in both lists and is reported as super admin", async () => {
    const [aliceGroup, bobGroup] = await threeMemberGroup()
    await aliceGroup.addAdmin(bob.inboxId)
    await aliceGroup.addSuperAdmin(bob.inboxId)
    await bobGroup.sync()
    expect(bobGroup.listAdmins()).toEqual([bob.inboxId])
    expect(bobGroup.listSuperAdmins()).toEqual([alice.inboxId, bob.inboxId])
    expect((await roles(bobGroup))[bob.inboxId]).toBe(PermissionLevel.SuperAdmin)
    expect((await transcripts(bob, bobGroup.id)).at(-1)).toMatchObject({ addedSuperAdminInboxes: [{ inboxId: bob.inboxId }] })
  })

  it("ADMIN-03, PERM-08, PERM-09: a plain admin cannot add admins or change super admins, and nothing is sent", async () => {
    const [aliceGroup, bobGroup, carolGroup] = await threeMemberGroup()
    await aliceGroup.addAdmin(bob.inboxId)
    await bobGroup.sync()
    const envelopes = await envelopeCount(h, aliceGroup.id)
    await expect(bobGroup.addAdmin(carol.inboxId)).rejects.toMatchObject({ name: "GroupError", code: "PermissionDenied" })
    await expect(bobGroup.removeAdmin(bob.inboxId)).rejects.toMatchObject({ code: "PermissionDenied" })
    await expect(bobGroup.addSuperAdmin(bob.inboxId)).rejects.toMatchObject({ code: "PermissionDenied" })
    await expect(bobGroup.removeSuperAdmin(alice.inboxId)).rejects.toMatchObject({ code: "PermissionDenied" })
    await expect(carolGroup.addAdmin(carol.inboxId)).rejects.toMatchObject({ code: "PermissionDenied" })
    await expect(carolGroup.addSuperAdmin(carol.inboxId)).rejects.toMatchObject({ code: "PermissionDenied" })
    expect(await envelopeCount(h, aliceGroup.id)).toBe(envelopes)
    // The group is still usable: the refused intents left nothing pending.
    await bobGroup.updateName("still fine")
    await aliceGroup.sync()
    expect(aliceGroup.name).toBe("still fine")
    expect(aliceGroup.listAdmins()).toEqual([bob.inboxId])
    expect(aliceGroup.listSuperAdmins()).toEqual([alice.inboxId])
  })

  it("PERM-09: with the add-admin policy opened to admins, an admin may promote a member", async () => {
    const [aliceGroup, bobGroup, carolGroup] = await threeMemberGroup()
    await aliceGroup.addAdmin(bob.inboxId)
    await aliceGroup.updatePermission(PermissionUpdateType.AddAdmin, PermissionPolicy.Admin)
    await aliceGroup.updatePermission(PermissionUpdateType.RemoveAdmin, PermissionPolicy.Admin)
    await bobGroup.sync()
    await bobGroup.addAdmin(carol.inboxId)
    await bobGroup.removeAdmin(bob.inboxId)
    await carolGroup.sync()
    expect(carolGroup.listAdmins()).toEqual([carol.inboxId])
    // Super admins stay super-admin business.
    await expect(carolGroup.addSuperAdmin(carol.inboxId)).rejects.toMatchObject({ code: "PermissionDenied" })
  })

  it("ADMIN-04, PERM-08: of two super admins one may step down; the last one cannot", async () => {
    const [aliceGroup, bobGroup, carolGroup] = await threeMemberGroup()
    await aliceGroup.addSuperAdmin(bob.inboxId)
    await bobGroup.sync()
    await bobGroup.removeSuperAdmin(bob.inboxId)
    await aliceGroup.sync()
    expect(aliceGroup.listSuperAdmins()).toEqual([alice.inboxId])
    const envelopes = await envelopeCount(h, aliceGroup.id)
    await expect(aliceGroup.removeSuperAdmin(alice.inboxId)).rejects.toMatchObject({ code: "PermissionDenied" })
    expect(await envelopeCount(h, aliceGroup.id)).toBe(envelopes)
    await carolGroup.sync()
    expect(carolGroup.listSuperAdmins()).toEqual([alice.inboxId])
  })

  it("PERM-08: a super admin may demote another super admin", async () => {
    const [aliceGroup, bobGroup] = await threeMemberGroup()
    await aliceGroup.addSuperAdmin(bob.inboxId)
    await bobGroup.sync()
    await bobGroup.removeSuperAdmin(alice.inboxId)
    await aliceGroup.sync()
    expect(aliceGroup.listSuperAdmins()).toEqual([bob.inboxId])
    expect(aliceGroup.isSuperAdmin(alice.inboxId)).toBe(false)
    expect((await transcripts(alice, aliceGroup.id)).at(-1)).toMatchObject({
      initiatedByInboxId: bob.inboxId,
      removedSuperAdminInboxes: [{ inboxId: alice.inboxId }],
    })
  })

  it("PERM-10: nobody removes a super admin from the group, not even another super admin, until demoted", async () => {
    const [aliceGroup, bobGroup, carolGroup] = await threeMemberGroup()
    await aliceGroup.addSuperAdmin(bob.inboxId)
    await aliceGroup.addAdmin(carol.inboxId)
    await bobGroup.sync()
    await carolGroup.sync()
    await expect(bobGroup.removeMembers([alice.inboxId])).rejects.toMatchObject({ code: "PermissionDenied" })
    await expect(carolGroup.removeMembers([alice.inboxId])).rejects.toMatchObject({ code: "PermissionDenied" })
    await expect(aliceGroup.removeMembers([bob.inboxId])).rejects.toMatchObject({ code: "PermissionDenied" })
    await aliceGroup.removeSuperAdmin(bob.inboxId)
    await aliceGroup.removeMembers([bob.inboxId])
    await carolGroup.sync()
    expect((await carolGroup.members()).map((m) => m.inboxId).sort()).toEqual([alice.inboxId, carol.inboxId].sort())
  })

  it("PERM-01: admins remove plain members and other admins; plain members remove nobody", async () => {
    const [aliceGroup, bobGroup, carolGroup] = await threeMemberGroup()
    await aliceGroup.addMembers([dave.inboxId])
    await aliceGroup.addAdmin(bob.inboxId)
    await aliceGroup.addAdmin(dave.inboxId)
    await syncEveryone([bob, carol, dave], aliceGroup.id)
    await expect(carolGroup.removeMembers([dave.inboxId])).rejects.toMatchObject({ code: "PermissionDenied" })
    await bobGroup.removeMembers([dave.inboxId])
    await carolGroup.sync()
    expect((await carolGroup.members()).map((m) => m.inboxId)).not.toContain(dave.inboxId)
  })

  it("ADMIN-05: a DM has no admins and refuses every admin-list change", async () => {
    const dm = await alice.conversations.createDm(carol.inboxId)
    const asGroup = await dmThroughGroupApi(alice, dm.id)
    expect(asGroup.listAdmins()).toEqual([])
    expect(asGroup.listSuperAdmins()).toEqual([])
    expect(asGroup.isSuperAdmin(alice.inboxId)).toBe(false)
    expect(asGroup.isAdmin(carol.inboxId)).toBe(false)
    const envelopes = await envelopeCount(h, dm.id)
    for (const change of [asGroup.addAdmin, asGroup.removeAdmin, asGroup.addSuperAdmin, asGroup.removeSuperAdmin]) {
      await expect(change.call(asGroup, carol.inboxId)).rejects.toMatchObject({ code: "DmGroupMetadataForbidden" })
    }
    expect(await envelopeCount(h, dm.id)).toBe(envelopes)
    expect((await dm.members()).every((m) => m.permissionLevel === PermissionLevel.Member)).toBe(true)
  })
})
