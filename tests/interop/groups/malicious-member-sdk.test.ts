// A member whose client skips the local checks publishes commits that break the group's rules, in a
// group that official SDK clients (@xmtp/node-sdk 6.0.0) share with Parley clients on one Parley
// node. Every honest Parley client must refuse each commit (INTENT-05, with the typed error the
// Parley-only suite checks), every SDK member must keep the group exactly as it was, all honest
// members must stay at the same epoch, and messages must still flow both ways (nobody forked).
// One exception, where the SDK itself applies the commit, is pinned at the end of the file.
import type { Group as SdkGroup } from "@xmtp/node-sdk"
import { defaultProposalTypes, makeCustomExtension, type Proposal } from "ts-mls"
import { beforeAll, describe, expect, it } from "vitest"
import { GroupMessageKind, type Client, type Group } from "../../../src/engine/index"
import { withPolicies } from "../../../src/engine/groups/contextExtensionUpdates"
import { encodeImmutableMetadataExtension, METADATA_FIELD } from "../../../src/engine/groups/extensions/index"
import { leafMembers } from "../../../src/engine/groups/leafMembers"
import { XMTP_EXTENSION } from "../../../src/engine/mls/xmtpExtensions"
import { type ClientProfile, type EngineHarness, useEngineClients } from "../../integration/engine/support/engineHarness"
import { storedGroupState } from "../../integration/engine/support/mlsStateOnDisk"
import { conversationOf, expectEachRefusesCommit, expectSameGroupState, type ExtensionsChange, RogueMember, setAttribute, setLists, syncEveryone } from "../../integration/groups/support/groupScenario"
import { conversationSeenBy } from "../support/conversationWaits"
import { pollUntil } from "../support/deadline"
import { createSdkClient, textsOf, type LabelledClient } from "../support/sdkClient"


/** Mallory named as the group's creator in the immutable metadata (0xf000), which no policy covers. */
const rewriteCreator =
  (creatorInboxId: string): ExtensionsChange =>
  (extensions, { metadata }) =>
    extensions.map((e) =>
      e.extensionType === XMTP_EXTENSION.immutableMetadata
        ? makeCustomExtension({
            extensionType: XMTP_EXTENSION.immutableMetadata,
            extensionData: encodeImmutableMetadataExtension({ ...metadata, creatorInboxId }),
          })
        : e,
    )

/** What both Parley's and the SDK's group APIs expose and every honest member must agree on. */
interface GroupView {
  name: string
  description: string
  imageUrl: string
  appData: string
  creatorInboxId: string
  admins: string[]
  superAdmins: string[]
  permissions: { policyType: number; policySet: unknown }
  members: { inboxId: string; installationIds: string[]; permissionLevel: number }[]
}

type ViewedGroup = Pick<Group, "name" | "description" | "imageUrl" | "appData" | "listAdmins" | "listSuperAdmins"> & {
  metadata(): Promise<{ creatorInboxId: string }>
  members(): Promise<{ inboxId: string; installationIds: string[]; permissionLevel: unknown }[]>
  permissions(): { policyType: unknown; policySet: unknown }
}

async function viewOf(group: ViewedGroup): Promise<GroupView> {
  const permissions = group.permissions()
  return {
    name: group.name,
    description: group.description,
    imageUrl: group.imageUrl,
    appData: group.appData,
    creatorInboxId: (await group.metadata()).creatorInboxId,
    admins: [...group.listAdmins()].sort(),
    superAdmins: [...group.listSuperAdmins()].sort(),
    permissions: { policyType: Number(permissions.policyType), policySet: permissions.policySet },
    members: (await group.members())
      .map((m) => ({ inboxId: m.inboxId, installationIds: [...m.installationIds].sort(), permissionLevel: Number(m.permissionLevel) }))
      .sort((a, b) => a.inboxId.localeCompare(b.inboxId)),
  }
}

describe("a rogue member in a group with official SDK members", () => {
  let h: EngineHarness
  let profiles: Record<"alice" | "bob" | "mallory", ClientProfile>
  let alice: Client
  let bob: Client
  let malloryClient: Client
  let mallory: RogueMember
  let sam: LabelledClient
  let sid: LabelledClient
  let groupId: string
  const sdkGroups = new Map<LabelledClient, SdkGroup>()
  const labels = new Map<string, string>()
  const labelOf = (inboxId: string) => labels.get(inboxId) ?? inboxId.slice(0, 8)
  let round = 0

  useEngineClients("malicious-sdk", ["alice", "bob", "mallory"], (s) => ({ h, profiles, clients: { alice, bob, mallory: malloryClient } } = s))
  beforeAll(async () => {
    mallory = new RogueMember(h, profiles.mallory, malloryClient.inboxId)
    sam = await createSdkClient(h.address, h.dir, { label: "sam" })
    sid = await createSdkClient(h.address, h.dir, { label: "sid" })
    for (const [label, inboxId] of [
      ["alice", alice.inboxId],
      ["bob", bob.inboxId],
      ["mallory", malloryClient.inboxId],
      ["sam", sam.client.inboxId],
      ["sid", sid.client.inboxId],
    ] as const)
      labels.set(inboxId, label)
    // Alice (Parley) is the super admin; Bob (Parley) and Sam (SDK) admins; Sid (SDK) and Mallory plain members.
    const group = await alice.conversations.createGroup([bob.inboxId, malloryClient.inboxId, sam.client.inboxId, sid.client.inboxId], { groupName: "honest" })
    await group.updateDescription("as it was")
    await group.addAdmin(bob.inboxId)
    await group.addAdmin(sam.client.inboxId)
    groupId = group.id
    await syncEveryone([bob, malloryClient], groupId)
    for (const sdk of [sam, sid]) {
      const sdkGroup = (await conversationSeenBy(sdk, groupId)) as SdkGroup
      await sdkGroup.sync()
      sdkGroups.set(sdk, sdkGroup)
    }
    // A first message each way settles whatever commits the clients make before their first send.
    await expectMessagesFlow()
  }, 180_000)

  const honestParley = () => [alice, bob]
  const honestProfiles = () => [profiles.alice, profiles.bob]
  const sdkMembers = () => [...sdkGroups.entries()]

  async function epochOf(client: Client): Promise<bigint> {
    return (await (await conversationOf(client, groupId)).debugInfo()).epoch
  }

  /** Every honest member (and Mallory's own client, whose stored state the rogue commits start from) syncs. */
  async function syncAll(): Promise<void> {
    for (const client of [...honestParley(), malloryClient]) await (await conversationOf(client, groupId)).sync()
    for (const [, sdkGroup] of sdkMembers()) await sdkGroup.sync()
  }

  /** A text from each SDK member reaches every Parley member, and a text from Alice reaches every SDK member. */
  async function expectMessagesFlow(): Promise<void> {
    round += 1
    const sent: string[] = []
    for (const [sdk, sdkGroup] of sdkMembers()) {
      const text = `round ${round} from ${sdk.label}`
      await sdkGroup.sendText(text)
      sent.push(`${sdk.label}: ${text}`)
    }
    for (const client of honestParley()) {
      const group = await conversationOf(client, groupId)
      await pollUntil(`${labelOf(client.inboxId)} to receive ${JSON.stringify(sent)}`, async () => {
        await group.sync()
        const texts = (await group.messages())
          .filter((m) => m.kind === GroupMessageKind.Application && typeof m.content === "string")
          .map((m) => `${labelOf(m.senderInboxId)}: ${m.content as string}`)
        return sent.every((s) => texts.includes(s))
      })
    }
    const fromAlice = `round ${round} from alice`
    await (await conversationOf(alice, groupId)).sendText(fromAlice)
    for (const [sdk, sdkGroup] of sdkMembers()) {
      await pollUntil(`${sdk.label} to receive "${fromAlice}"`, async () => {
        await sdkGroup.sync()
        return textsOf(await sdkGroup.messages(), labelOf).includes(`alice: ${fromAlice}`)
      })
    }
  }

  /**
   * Runs one attack from Mallory's current state, then checks that every honest member refused it:
   * Parley clients with `code`, SDK clients by keeping the group exactly as before, everyone at one
   * epoch; and that messages still flow both ways afterwards.
   */
  async function expectEveryoneRefuses(code: string, attack: () => Promise<void>): Promise<void> {
    await syncAll()
    const epoch = await epochOf(alice)
    // The rogue commit must apply to the group's current epoch, or it would be dropped as stale.
    expect(storedGroupState(profiles.mallory, groupId).groupContext.epoch).toBe(epoch)
    const before = await viewOf(await conversationOf(alice, groupId))
    expect(before.name).toBe("honest")

    await attack()
    await expectEachRefusesCommit(honestParley(), groupId, code)
    expectSameGroupState(honestProfiles(), groupId)
    for (const client of honestParley()) expect(await viewOf(await conversationOf(client, groupId)), labelOf(client.inboxId)).toEqual(before)
    for (const [sdk, sdkGroup] of sdkMembers()) {
      await sdkGroup.sync()
      expect(await viewOf(sdkGroup as unknown as ViewedGroup), `${sdk.label}'s view`).toEqual(before)
      expect((await sdkGroup.debugInfo()).epoch, `${sdk.label}'s epoch`).toBe(epoch)
      expect((await sdkGroup.debugInfo()).maybeForked, `${sdk.label} suspects a fork`).toBe(false)
    }
    await expectMessagesFlow()
  }

  it("CONST-03: a group name and a description over their byte limits", async () => {
    for (const [field, limit] of [
      [METADATA_FIELD.groupName, 100],
      [METADATA_FIELD.description, 1000],
    ] as const) {
      await expectEveryoneRefuses("TooManyCharacters", () => mallory.commitExtensions(groupId, setAttribute(field, "é".repeat(limit / 2 + 1))))
    }
  })

  it("PERM-09, PERM-01: a plain member removes an admin (the SDK one) from the group", async () => {
    await expectEveryoneRefuses("InsufficientPermissions", () => mallory.commitRemoval(groupId, sam.client.inboxId))
  })

  it("PERM-08: a plain member makes itself super admin", async () => {
    await expectEveryoneRefuses("InsufficientPermissions", () =>
      mallory.commitExtensions(groupId, setLists((adminList, superAdminList) => ({ adminList, superAdminList: [...superAdminList, mallory.inboxId] }))),
    )
  })

  it("PERM-09: a plain member makes itself admin", async () => {
    await expectEveryoneRefuses("InsufficientPermissions", () =>
      mallory.commitExtensions(groupId, setLists((adminList, superAdminList) => ({ adminList: [...adminList, mallory.inboxId], superAdminList }))),
    )
  })

  it("PERM-07: a member who is not a super admin changes the permissions", async () => {
    await expectEveryoneRefuses("InsufficientPermissions", () =>
      mallory.commitExtensions(groupId, (extensions, { policies }) => withPolicies(extensions, { ...policies, addMemberPolicy: { type: "base", base: "deny" } })),
    )
  })

  it("MEMB-08: a commit removing the installation of an SDK member who stays in the group", async () => {
    await expectEveryoneRefuses("UnexpectedInstallationsRemoved", () =>
      mallory.commitProposals(groupId, (state) =>
        leafMembers(state.ratchetTree)
          .filter((leaf) => leaf.inboxId === sid.client.inboxId)
          .map((leaf): Proposal => ({ proposalType: defaultProposalTypes.remove, remove: { removed: leaf.leafIndex } })),
      ),
    )
  })

  // Not a refusal on both sides: libxmtp 1.10.0 does not compare the immutable metadata extension
  // of a commit with the group's (groups/validated_commit.rs, ValidatedCommit::from_staged_commit
  // reads only the current 0xf000; the pinned OpenMLS rev 42f1479 declares
  // GroupContextExtensionsProposalValidationError::ChangedImmutableMetadata but never returns it),
  // and a commit that changes nothing any policy covers passes evaluate_commit. Parley refuses it
  // (ImmutableMetadataChanged), so the group forks. Pinned here in a group of its own so the fork
  // stays visible without spoiling the group above; whoever settles it flips these assertions.
  describe("a commit that rewrites the immutable metadata (Mallory as creator)", () => {
    it("diverges: the SDK applies it, Parley refuses it, the group forks, and INTENT-08 flags it on Parley's side", async () => {
      const group = await alice.conversations.createGroup([malloryClient.inboxId, sid.client.inboxId], { groupName: "forked" })
      await syncEveryone([malloryClient], group.id)
      const sidGroup = (await conversationSeenBy(sid, group.id)) as SdkGroup
      await sidGroup.sync()
      const { epoch } = await group.debugInfo()
      expect((await sidGroup.debugInfo()).epoch).toBe(epoch)
      expect(storedGroupState(profiles.mallory, group.id).groupContext.epoch).toBe(epoch)

      await mallory.commitExtensions(group.id, rewriteCreator(mallory.inboxId))
      await expectEachRefusesCommit([alice], group.id, "ImmutableMetadataChanged")
      expect((await group.metadata()).creatorInboxId).toBe(alice.inboxId)
      await sidGroup.sync()
      expect((await sidGroup.metadata()).creatorInboxId).toBe(mallory.inboxId)
      expect((await sidGroup.debugInfo()).epoch).toBe(epoch + 1n)

      // INTENT-08: the SDK member's next message is from an epoch Alice never reached; her ordered
      // sync skips it and flags the group as maybe forked, with libxmtp's wording.
      expect(await group.debugInfo()).toMatchObject({ maybeForked: false, forkDetails: "" })
      await sidGroup.sendText("can anyone read this?")
      const { failures } = await group.sync()
      // (the SDK may publish a commit of its own before the text: every envelope is past the fork)
      expect(failures.length).toBeGreaterThan(0)
      expect(new Set(failures.map((failure) => failure.code))).toEqual(new Set(["FutureEpoch"]))
      const info = await group.debugInfo()
      expect(info.maybeForked).toBe(true)
      expect(info.forkDetails).toMatch(new RegExp(`^Message cursor \\[\\d+\\] epoch \\[\\d+\\] is greater than group epoch \\[${epoch}\\], your group may be forked$`))
    })
  })
})
