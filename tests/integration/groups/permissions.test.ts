// Permission policies through real Parley clients on a real node: the presets as permissions()
// reports them, custom policy sets, updating one policy for each action, the coercions libxmtp
// applies, and that the new policies bind every member.
import { describe, expect, it } from "vitest"
import {
  GroupPermissionsOptions,
  MetadataField,
  PermissionPolicy,
  PermissionUpdateType,
  type Client,
  type Group,
  type PermissionPolicySet,
} from "../../../src/engine/index"
import { METADATA_FIELD } from "../../../src/engine/groups/extensions/index"
import { type ClientProfile, type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { withMutableMetadata, withPolicies } from "../../../src/engine/groups/contextExtensionUpdates"
import { conversationOf, dmThroughGroupApi, envelopeCount, RogueMember, storedXmtpContext, syncEveryone } from "./support/groupScenario"

const { Allow, Deny, Admin, SuperAdmin, DoesNotExist, Other } = PermissionPolicy

const DEFAULT_SET: PermissionPolicySet = {
  addMemberPolicy: Allow,
  removeMemberPolicy: Admin,
  addAdminPolicy: SuperAdmin,
  removeAdminPolicy: SuperAdmin,
  updateGroupNamePolicy: Allow,
  updateGroupDescriptionPolicy: Allow,
  updateGroupImageUrlSquarePolicy: Allow,
  updateMessageDisappearingPolicy: Admin,
  updateAppDataPolicy: Allow,
}

describe("permission policies", () => {
  let h: EngineHarness
  let profiles: Record<"alice" | "bob" | "carol", ClientProfile>
  let alice: Client
  let bob: Client
  let carol: Client
  let dave: Client

  useEngineClients("group-permissions", ["alice", "bob", "carol", "dave"], (s) => ({ h, profiles, clients: { alice, bob, carol, dave } } = s))

  /** Alice's group with Bob (made admin when asked) and Carol, as each sees it. */
  async function group(options: Parameters<Client["conversations"]["createGroup"]>[1] = {}, bobIsAdmin = false): Promise<[Group, Group, Group]> {
    const created = await alice.conversations.createGroup([bob.inboxId, carol.inboxId], options)
    if (bobIsAdmin) await created.addAdmin(bob.inboxId)
    await syncEveryone([bob, carol], created.id)
    return [created, await conversationOf(bob, created.id), await conversationOf(carol, created.id)]
  }

  it("PERM-01: the default preset reads back as Default with its policy for each action", async () => {
    const [aliceGroup, , carolGroup] = await group()
    for (const g of [aliceGroup, carolGroup]) expect(g.permissions()).toEqual({ policyType: GroupPermissionsOptions.Default, policySet: DEFAULT_SET })
    const { policies } = storedXmtpContext(profiles.carol, aliceGroup.id)
    expect(policies.updateMetadataPolicy.get(METADATA_FIELD.minimumSupportedProtocolVersion)).toEqual({ type: "base", base: "allowIfSuperAdmin" })
    expect(policies.updatePermissionsPolicy).toEqual({ type: "base", base: "allowIfSuperAdmin" })
  })

  it("PERM-02: under AdminsOnly plain members cannot add members or edit metadata; admins can", async () => {
    const [aliceGroup, bobGroup, carolGroup] = await group({ permissions: GroupPermissionsOptions.AdminOnly }, true)
    expect(carolGroup.permissions()).toEqual({
      policyType: GroupPermissionsOptions.AdminOnly,
      policySet: {
        addMemberPolicy: Admin,
        removeMemberPolicy: Admin,
        addAdminPolicy: SuperAdmin,
        removeAdminPolicy: SuperAdmin,
        updateGroupNamePolicy: Admin,
        updateGroupDescriptionPolicy: Admin,
        updateGroupImageUrlSquarePolicy: Admin,
        updateMessageDisappearingPolicy: Admin,
        updateAppDataPolicy: Admin,
      },
    })
    const envelopes = await envelopeCount(h, aliceGroup.id)
    await expect(carolGroup.addMembers([dave.inboxId])).rejects.toMatchObject({ code: "PermissionDenied" })
    await expect(carolGroup.updateName("carol's")).rejects.toMatchObject({ code: "PermissionDenied" })
    await expect(carolGroup.updateDescription("carol's")).rejects.toMatchObject({ code: "PermissionDenied" })
    await expect(carolGroup.updateImageUrl("carol's")).rejects.toMatchObject({ code: "PermissionDenied" })
    await expect(carolGroup.updateAppData("carol's")).rejects.toMatchObject({ code: "PermissionDenied" })
    expect(await envelopeCount(h, aliceGroup.id)).toBe(envelopes)
    await bobGroup.updateName("bob's")
    await bobGroup.addMembers([dave.inboxId])
    await bobGroup.updateMessageDisappearingSettings(1n, 3_600_000_000_000n)
    await carolGroup.sync()
    expect(carolGroup.name).toBe("bob's")
    expect(carolGroup.messageDisappearingSettings()).toEqual({ fromNs: 1n, inNs: 3_600_000_000_000n })
    expect((await carolGroup.members()).map((m) => m.inboxId)).toContain(dave.inboxId)
  })

  it("PERM-13, PERM-07: only a super admin updates a policy, and every member then applies it", async () => {
    const [aliceGroup, bobGroup, carolGroup] = await group({}, true)
    const envelopes = await envelopeCount(h, aliceGroup.id)
    // Bob is an admin, not a super admin: permission changes are hard-wired to super admins.
    await expect(bobGroup.updatePermission(PermissionUpdateType.UpdateMetadata, Admin, MetadataField.GroupName)).rejects.toMatchObject({
      code: "PermissionDenied",
    })
    expect(await envelopeCount(h, aliceGroup.id)).toBe(envelopes)
    await aliceGroup.updatePermission(PermissionUpdateType.UpdateMetadata, Admin, MetadataField.GroupName)
    await carolGroup.sync()
    expect(carolGroup.permissions()).toEqual({ policyType: GroupPermissionsOptions.CustomPolicy, policySet: { ...DEFAULT_SET, updateGroupNamePolicy: Admin } })
    await expect(carolGroup.updateName("carol's")).rejects.toMatchObject({ code: "PermissionDenied" })
    await carolGroup.updateDescription("descriptions are still open")
    await bobGroup.sync()
    await bobGroup.updateName("an admin's name")
    await aliceGroup.sync()
    expect([aliceGroup.name, aliceGroup.description]).toEqual(["an admin's name", "descriptions are still open"])
  })

  it("PERM-13: each action's policy can be updated on its own", async () => {
    const [aliceGroup, , carolGroup] = await group()
    const updates: [PermissionUpdateType, PermissionPolicy, MetadataField | undefined, keyof PermissionPolicySet][] = [
      [PermissionUpdateType.AddMember, Admin, undefined, "addMemberPolicy"],
      [PermissionUpdateType.RemoveMember, Allow, undefined, "removeMemberPolicy"],
      [PermissionUpdateType.AddAdmin, Admin, undefined, "addAdminPolicy"],
      [PermissionUpdateType.RemoveAdmin, Deny, undefined, "removeAdminPolicy"],
      [PermissionUpdateType.UpdateMetadata, SuperAdmin, MetadataField.GroupName, "updateGroupNamePolicy"],
      [PermissionUpdateType.UpdateMetadata, Deny, MetadataField.Description, "updateGroupDescriptionPolicy"],
      [PermissionUpdateType.UpdateMetadata, Admin, MetadataField.GroupImageUrlSquare, "updateGroupImageUrlSquarePolicy"],
      [PermissionUpdateType.UpdateMetadata, SuperAdmin, MetadataField.AppData, "updateAppDataPolicy"],
      [PermissionUpdateType.UpdateMetadata, Allow, MetadataField.MessageExpirationInNs, "updateMessageDisappearingPolicy"],
    ]
    let expected = { ...DEFAULT_SET }
    for (const [type, policy, field, key] of updates) {
      await aliceGroup.updatePermission(type, policy, field)
      expected = { ...expected, [key]: policy }
      expect(aliceGroup.permissions().policySet).toEqual(expected)
    }
    await aliceGroup.updatePermission(PermissionUpdateType.UpdateMetadata, Allow, MetadataField.MessageExpirationFromNs)
    await carolGroup.sync()
    expect(carolGroup.permissions().policySet).toEqual(expected)
    // message_disappear_from_ns has no field in the SDK's policy set; its policy is in the extension.
    expect(storedXmtpContext(profiles.carol, aliceGroup.id).policies.updateMetadataPolicy.get(METADATA_FIELD.messageDisappearFromNs)).toEqual({
      type: "base",
      base: "allow",
    })
  })

  it("PERM-13, DISAP-09: each updated policy binds members: removal, disappearing settings, adds", async () => {
    const [aliceGroup, bobGroup, carolGroup] = await group()
    await aliceGroup.addMembers([dave.inboxId])
    await aliceGroup.updatePermission(PermissionUpdateType.RemoveMember, Allow)
    await aliceGroup.updatePermission(PermissionUpdateType.UpdateMetadata, Allow, MetadataField.MessageExpirationFromNs)
    await aliceGroup.updatePermission(PermissionUpdateType.UpdateMetadata, Allow, MetadataField.MessageExpirationInNs)
    await syncEveryone([bob, carol], aliceGroup.id)
    await carolGroup.removeMembers([dave.inboxId])
    await carolGroup.updateMessageDisappearingSettings(5n, 60_000_000_000n)
    expect(carolGroup.isMessageDisappearingEnabled()).toBe(true)
    await aliceGroup.sync()
    await aliceGroup.updatePermission(PermissionUpdateType.AddMember, Deny)
    await bobGroup.sync()
    expect(bobGroup.messageDisappearingSettings()).toEqual({ fromNs: 5n, inNs: 60_000_000_000n })
    expect((await bobGroup.members()).map((m) => m.inboxId)).not.toContain(dave.inboxId)
    await expect(bobGroup.addMembers([dave.inboxId])).rejects.toMatchObject({ code: "PermissionDenied" })
  })

  it("PERM-07, PERM-06: a stored permissions policy opened to admins is never consulted; a '_' field takes a super admin", async () => {
    // A second installation of Alice's inbox, a super admin too, commits what no API can: a
    // permissions policy for admins, and a "_" field. Both are valid, so every member applies them.
    const aliceSecondProfile = { ...h.profile("alice-2"), signer: profiles.alice.signer }
    const aliceSecond = await h.open(aliceSecondProfile)
    const [aliceGroup, bobGroup, carolGroup] = await group({}, true)
    await syncEveryone([aliceSecond], aliceGroup.id)
    const rogue = new RogueMember(h, aliceSecondProfile, alice.inboxId)
    await rogue.commitExtensions(aliceGroup.id, (extensions, { policies, mutableMetadata }) =>
      withMutableMetadata(withPolicies(extensions, { ...policies, updatePermissionsPolicy: { type: "base", base: "allowIfAdminOrSuperAdmin" } }), {
        ...mutableMetadata,
        attributes: new Map(mutableMetadata.attributes).set("_parley_note", "super admins only"),
      }),
    )
    for (const g of [aliceGroup, bobGroup, carolGroup]) await g.sync()
    expect(storedXmtpContext(profiles.carol, aliceGroup.id).policies.updatePermissionsPolicy).toEqual({ type: "base", base: "allowIfAdminOrSuperAdmin" })
    expect(storedXmtpContext(profiles.bob, aliceGroup.id).mutableMetadata.attributes.get("_parley_note")).toBe("super admins only")
    await expect(bobGroup.updatePermission(PermissionUpdateType.AddMember, Admin)).rejects.toMatchObject({ code: "PermissionDenied" })
    await h.closeClient(aliceSecond)
  })

  it("PERM-05: Deny refuses everyone, super admins included", async () => {
    const [aliceGroup, , carolGroup] = await group()
    await aliceGroup.updatePermission(PermissionUpdateType.UpdateMetadata, Deny, MetadataField.GroupName)
    await aliceGroup.updatePermission(PermissionUpdateType.AddMember, Deny)
    const envelopes = await envelopeCount(h, aliceGroup.id)
    await expect(aliceGroup.updateName("no one")).rejects.toMatchObject({ code: "PermissionDenied" })
    await expect(aliceGroup.addMembers([dave.inboxId])).rejects.toMatchObject({ code: "PermissionDenied" })
    expect(await envelopeCount(h, aliceGroup.id)).toBe(envelopes)
    await carolGroup.sync()
    expect(carolGroup.name).toBe("")
  })

  it("PERM-14: Allow for the admin policies is stored as super admin only, without an error", async () => {
    const [aliceGroup, bobGroup] = await group({}, true)
    await aliceGroup.updatePermission(PermissionUpdateType.AddAdmin, Allow)
    await aliceGroup.updatePermission(PermissionUpdateType.RemoveAdmin, Allow)
    await bobGroup.sync()
    expect(bobGroup.permissions()).toEqual({ policyType: GroupPermissionsOptions.Default, policySet: DEFAULT_SET })
    await expect(bobGroup.addAdmin(carol.inboxId)).rejects.toMatchObject({ code: "PermissionDenied" })
  })

  it("PERM-13, PERM-15: a metadata update must name its field, and DoesNotExist or Other cannot be chosen", async () => {
    const [aliceGroup] = await group()
    const envelopes = await envelopeCount(h, aliceGroup.id)
    await expect(aliceGroup.updatePermission(PermissionUpdateType.UpdateMetadata, Admin)).rejects.toMatchObject({
      code: "InvalidPermissionUpdate",
      message: "Metadata update must specify a metadata field",
    })
    for (const policy of [DoesNotExist, Other]) {
      await expect(aliceGroup.updatePermission(PermissionUpdateType.AddMember, policy)).rejects.toMatchObject({ code: "InvalidPermissionPolicyOption" })
    }
    expect(await envelopeCount(h, aliceGroup.id)).toBe(envelopes)
    expect(aliceGroup.permissions().policySet).toEqual(DEFAULT_SET)
  })

  it("PERM-13: permissions of a DM cannot be changed", async () => {
    const dm = await alice.conversations.createDm(bob.inboxId)
    const asGroup = await dmThroughGroupApi(alice, dm.id)
    await expect(asGroup.updatePermission(PermissionUpdateType.AddMember, Allow)).rejects.toMatchObject({ code: "DmGroupMetadataForbidden" })
  })

  it("PERM-16, PERM-06, PERM-04: a custom set gets five metadata policies; the two it omits need an admin; matching a preset reads as that preset", async () => {
    const custom: PermissionPolicySet = { ...DEFAULT_SET, updateMessageDisappearingPolicy: Allow }
    const [aliceGroup, bobGroup, carolGroup] = await group({ permissions: GroupPermissionsOptions.CustomPolicy, customPermissionPolicySet: custom }, true)
    const { policies } = storedXmtpContext(profiles.carol, aliceGroup.id)
    expect([...policies.updateMetadataPolicy.keys()].sort()).toEqual(
      [METADATA_FIELD.appData, METADATA_FIELD.description, METADATA_FIELD.groupImageUrlSquare, METADATA_FIELD.groupName, METADATA_FIELD.messageDisappearInNs].sort(),
    )
    expect(policies.updatePermissionsPolicy).toEqual({ type: "base", base: "allowIfSuperAdmin" })
    expect(carolGroup.permissions()).toEqual({ policyType: GroupPermissionsOptions.CustomPolicy, policySet: custom })
    // message_disappear_from_ns has no policy, so it falls back to admins: Carol's first commit is refused.
    await expect(carolGroup.updateMessageDisappearingSettings(1n, 1_000_000n)).rejects.toMatchObject({ code: "PermissionDenied" })
    await bobGroup.updateMessageDisappearingSettings(1n, 1_000_000n)
    await carolGroup.sync()
    expect(carolGroup.messageDisappearingSettings()).toEqual({ fromNs: 1n, inNs: 1_000_000n })

    // A custom set whose values are the default preset's reads as Default, missing keys and all.
    const defaultLike = await alice.conversations.createGroup([], { permissions: GroupPermissionsOptions.CustomPolicy, customPermissionPolicySet: DEFAULT_SET })
    expect(defaultLike.permissions().policyType).toBe(GroupPermissionsOptions.Default)
  })

  it("CREATE-09, PERM-16: the permissions options are checked at creation", async () => {
    await expect(alice.conversations.createGroup([], { permissions: GroupPermissionsOptions.CustomPolicy })).rejects.toMatchObject({
      message: "CustomPolicy must include policy set",
    })
    await expect(alice.conversations.createGroup([], { permissions: GroupPermissionsOptions.AdminOnly, customPermissionPolicySet: DEFAULT_SET })).rejects.toMatchObject({
      message: "Only CustomPolicy may specify a policy set",
    })
    for (const key of ["addAdminPolicy", "removeAdminPolicy"] as const) {
      await expect(
        alice.conversations.createGroup([], { permissions: GroupPermissionsOptions.CustomPolicy, customPermissionPolicySet: { ...DEFAULT_SET, [key]: Allow } }),
      ).rejects.toMatchObject({ code: "InvalidPermissionPolicyOption" })
    }
    await expect(
      alice.conversations.createGroup([], { permissions: GroupPermissionsOptions.CustomPolicy, customPermissionPolicySet: { ...DEFAULT_SET, addMemberPolicy: Other } }),
    ).rejects.toMatchObject({ code: "InvalidPermissionPolicyOption" })
  })
})
