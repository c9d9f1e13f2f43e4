// Members whose clients skip Parley's own checks: they build commits with the engine's commit
// builder from their stored state and publish them directly, breaking the group's rules. Every
// honest Parley client must refuse each commit on receipt (INTENT-05: skipped, cursor advanced, no
// transcript), end in the same state as the other honest clients, and carry on. The same changes
// asked for through the public API are refused before anything is sent.
import { defaultProposalTypes, makeCustomExtension, type Proposal } from "ts-mls"
import { beforeAll, describe, expect, it } from "vitest"
import { GroupMessageKind, PermissionLevel, type Client, type Group } from "../../../src/engine/index"
import { withMembership, withPolicies } from "../../../src/engine/groups/contextExtensionUpdates"
import { leafMembers } from "../../../src/engine/groups/leafMembers"
import { encodeImmutableMetadataExtension, METADATA_FIELD } from "../../../src/engine/groups/extensions/index"
import { XMTP_EXTENSION } from "../../../src/engine/mls/xmtpExtensions"
import { type ClientProfile, type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import {
  conversationOf,
  envelopeCount,
  expectEachRefusesCommit,
  expectSameGroupState,
  RogueMember,
  setAttribute,
  setLists,
  syncEveryone,
  transcripts,
} from "./support/groupScenario"


describe("a member who bypasses the local checks", () => {
  let h: EngineHarness
  let profiles: Record<"alice" | "bob" | "carol" | "mallory" | "eve", ClientProfile>
  let alice: Client
  let bob: Client
  let carol: Client
  let mallory: RogueMember
  let eve: RogueMember
  let malloryClient: Client
  let eveClient: Client
  let groupId: string

  useEngineClients("group-malicious", ["alice", "bob", "carol", "mallory", "eve"], (s) => ({ h, profiles, clients: { alice, bob, carol, mallory: malloryClient, eve: eveClient } } = s))
  beforeAll(async () => {
    mallory = new RogueMember(h, profiles.mallory, malloryClient.inboxId)
    eve = new RogueMember(h, profiles.eve, eveClient.inboxId)
    // Alice is the super admin, Bob and Eve admins, Carol and Mallory plain members.
    const group = await alice.conversations.createGroup([bob.inboxId, carol.inboxId, mallory.inboxId, eve.inboxId], { groupName: "honest" })
    await group.addAdmin(bob.inboxId)
    await group.addAdmin(eve.inboxId)
    groupId = group.id
    await syncEveryone([bob, carol, malloryClient, eveClient], groupId)
  })

  const honest = () => [alice, bob, carol]
  const honestProfiles = () => [profiles.alice, profiles.bob, profiles.carol]

  /** The honest clients refuse the rogue commit, agree with each other, and hold the group as before. */
  async function expectRefusedByEveryHonestMember(code: string): Promise<void> {
    const transcriptsBefore = await Promise.all(honest().map((c) => transcripts(c, groupId)))
    await expectEachRefusesCommit(honest(), groupId, code)
    expectSameGroupState(honestProfiles(), groupId)
    for (const [i, client] of honest().entries()) {
      const group = await conversationOf(client, groupId)
      expect(await transcripts(client, groupId)).toEqual(transcriptsBefore[i])
      expect(group.name).toBe("honest")
      expect(group.listSuperAdmins()).toEqual([alice.inboxId])
      expect(group.listAdmins()).toEqual([bob.inboxId, eve.inboxId])
      expect((await group.members()).map((m) => m.inboxId).sort()).toEqual([alice, bob, carol, mallory, eve].map((c) => c.inboxId).sort())
      // Refused for good: the next sync is clean.
      await group.sync()
    }
  }

  it("CONST-03: metadata over a field's byte limit, though the policy lets any member edit it", async () => {
    for (const [field, limit] of [
      [METADATA_FIELD.groupName, 100],
      [METADATA_FIELD.description, 1000],
      [METADATA_FIELD.groupImageUrlSquare, 2048],
      [METADATA_FIELD.appData, 8192],
    ] as const) {
      await mallory.commitExtensions(groupId, setAttribute(field, "é".repeat(limit / 2 + 1)))
      await expectRefusedByEveryHonestMember("TooManyCharacters")
    }
  })

  it("PERM-09, PERM-01: a plain member removes an admin from the group", async () => {
    await mallory.commitRemoval(groupId, bob.inboxId)
    await expectRefusedByEveryHonestMember("InsufficientPermissions")
  })

  it("PERM-08: a plain member makes itself super admin", async () => {
    await mallory.commitExtensions(groupId, setLists((adminList, superAdminList) => ({ adminList, superAdminList: [...superAdminList, mallory.inboxId] })))
    await expectRefusedByEveryHonestMember("InsufficientPermissions")
  })

  it("PERM-09: a plain member makes itself admin", async () => {
    await mallory.commitExtensions(groupId, setLists((adminList, superAdminList) => ({ adminList: [...adminList, mallory.inboxId], superAdminList })))
    await expectRefusedByEveryHonestMember("InsufficientPermissions")
  })

  it("CREATE-06: a commit that rewrites the immutable metadata (Mallory as creator)", async () => {
    await mallory.commitExtensions(groupId, (extensions, { metadata }) =>
      extensions.map((e) =>
        e.extensionType === XMTP_EXTENSION.immutableMetadata
          ? makeCustomExtension({
              extensionType: XMTP_EXTENSION.immutableMetadata,
              extensionData: encodeImmutableMetadataExtension({ ...metadata, creatorInboxId: mallory.inboxId }),
            })
          : e,
      ),
    )
    await expectRefusedByEveryHonestMember("ImmutableMetadataChanged")
  })

  it("PERM-07: a member who is not a super admin changes the permissions", async () => {
    for (const rogue of [mallory, eve]) {
      await rogue.commitExtensions(groupId, (extensions, { policies }) =>
        withPolicies(extensions, { ...policies, addMemberPolicy: { type: "base", base: "deny" } }),
      )
      await expectRefusedByEveryHonestMember("InsufficientPermissions")
    }
  })

  it("PERM-01, PERM-06: a plain member sets the disappearing settings, or a field without a policy", async () => {
    await mallory.commitExtensions(groupId, setAttribute(METADATA_FIELD.messageDisappearFromNs, "1"))
    await expectRefusedByEveryHonestMember("InsufficientPermissions")
    await mallory.commitExtensions(groupId, setAttribute("mallory_field", "x"))
    await expectRefusedByEveryHonestMember("InsufficientPermissions")
  })

  it("PERM-06: an admin changes a '_' field, which only super admins may", async () => {
    await eve.commitExtensions(groupId, setAttribute(METADATA_FIELD.commitLogSigner, "00".repeat(32)))
    await expectRefusedByEveryHonestMember("InsufficientPermissions")
  })

  it("PERM-10, PERM-08, ADMIN-03: an admin removes the super admin from the group or from its role, or adds an admin", async () => {
    await eve.commitRemoval(groupId, alice.inboxId)
    await expectRefusedByEveryHonestMember("InsufficientPermissions")
    await eve.commitExtensions(groupId, setLists((adminList) => ({ adminList, superAdminList: [] })))
    await expectRefusedByEveryHonestMember("InsufficientPermissions")
    await eve.commitExtensions(groupId, setLists((adminList, superAdminList) => ({ adminList: [...adminList, mallory.inboxId], superAdminList })))
    await expectRefusedByEveryHonestMember("InsufficientPermissions")
  })

  it("MEMB-08: a commit removing an installation of an inbox that stays in the group", async () => {
    await mallory.commitProposals(groupId, (state) =>
      leafMembers(state.ratchetTree)
        .filter((leaf) => leaf.inboxId === carol.inboxId)
        .map((leaf): Proposal => ({ proposalType: defaultProposalTypes.remove, remove: { removed: leaf.leafIndex } })),
    )
    await expectRefusedByEveryHonestMember("UnexpectedInstallationsRemoved")
  })

  it("MEMB-07: a commit lowering a member's identity sequence id", async () => {
    await mallory.commitExtensions(groupId, (extensions, { membership }) =>
      withMembership(extensions, { ...membership, members: new Map(membership.members).set(carol.inboxId, membership.members.get(carol.inboxId)! - 1n) }),
    )
    await expectRefusedByEveryHonestMember("SequenceIdDecreased")
  })

  it("INTENT-05: after all that the honest members carry on, and accept what an admin may do", async () => {
    const aliceGroup = await conversationOf(alice, groupId)
    await aliceGroup.sendText("still here")
    const eveGroup = await conversationOf(eveClient, groupId)
    await eveGroup.sync().catch(() => undefined) // Eve's own client cannot read the commits it did not make through it
    await eveGroup.updateDescription("set by an admin")
    for (const client of [bob, carol]) {
      const group = await conversationOf(client, groupId)
      await group.sync()
      expect(group.description).toBe("set by an admin")
      const texts = (await group.messages()).filter((m) => m.kind === GroupMessageKind.Application).map((m) => m.content)
      expect(texts).toEqual(["still here"])
    }
    await aliceGroup.sync()
    expectSameGroupState(honestProfiles(), groupId)
  })

  it("the same changes through Mallory's public API are refused before anything is sent", async () => {
    const group: Group = await conversationOf(malloryClient, groupId)
    const envelopes = await envelopeCount(h, groupId)
    await expect(group.updateName("x".repeat(101))).rejects.toMatchObject({ code: "TooManyCharacters" })
    await expect(group.removeMembers([bob.inboxId])).rejects.toMatchObject({ code: "PermissionDenied" })
    await expect(group.addSuperAdmin(mallory.inboxId)).rejects.toMatchObject({ code: "PermissionDenied" })
    await expect(group.addAdmin(mallory.inboxId)).rejects.toMatchObject({ code: "PermissionDenied" })
    expect(await envelopeCount(h, groupId)).toBe(envelopes)
  })

  describe("in a group with two super admins", () => {
    it("PERM-10, PERM-08: a super admin removes the other super admin from the group, or leaves no super admin", async () => {
      const group = await alice.conversations.createGroup([bob.inboxId, eve.inboxId])
      await group.addSuperAdmin(eve.inboxId)
      await syncEveryone([bob, eveClient], group.id)
      await eve.commitRemoval(group.id, alice.inboxId)
      await expectEachRefusesCommit([alice, bob], group.id, "InsufficientPermissions")
      await eve.commitExtensions(group.id, setLists((adminList) => ({ adminList, superAdminList: [] })))
      await expectEachRefusesCommit([alice, bob], group.id, "InsufficientPermissions")
      expectSameGroupState([profiles.alice, profiles.bob], group.id)
      const bobGroup = await conversationOf(bob, group.id)
      expect(bobGroup.listSuperAdmins()).toEqual([alice.inboxId, eve.inboxId])
      expect((await bobGroup.members()).find((m) => m.inboxId === alice.inboxId)?.permissionLevel).toBe(PermissionLevel.SuperAdmin)
    })
  })

  describe("in a DM", () => {
    it("PERM-03, DM-05: a DM member removes its peer, makes itself super admin, or opens the DM to new members", async () => {
      const dm = await alice.conversations.createDm(mallory.inboxId)
      await syncEveryone([malloryClient], dm.id)
      await mallory.commitRemoval(dm.id, alice.inboxId)
      await expectEachRefusesCommit([alice], dm.id, "InsufficientPermissions")
      await mallory.commitExtensions(dm.id, setLists((adminList, superAdminList) => ({ adminList, superAdminList: [...superAdminList, mallory.inboxId] })))
      await expectEachRefusesCommit([alice], dm.id, "InsufficientPermissions")
      await mallory.commitExtensions(dm.id, (extensions, { policies }) => withPolicies(extensions, { ...policies, addMemberPolicy: { type: "base", base: "allow" } }))
      await expectEachRefusesCommit([alice], dm.id, "InsufficientPermissions")
      const aliceDm = await conversationOf(alice, dm.id)
      expect((await aliceDm.members()).map((m) => m.inboxId).sort()).toEqual([alice.inboxId, mallory.inboxId].sort())
    })
  })
})
