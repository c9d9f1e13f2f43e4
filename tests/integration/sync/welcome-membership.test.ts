// What an added inbox's installations get, and what a joiner accepts, with Parley members and an
// official SDK member (@xmtp/node-sdk 6.0.0) on a Parley node. An installation without a usable key
// package is recorded as failed and gets no welcome while its inbox's other installations join;
// every member, the SDK included, accepts that commit (MEMB-05). A welcome whose ratchet tree
// does not match its membership extension is refused and creates nothing, by Parley as by the
// SDK (MEMB-10).
import { bytesToHex } from "@noble/hashes/utils.js"
import type { Group as SdkGroup } from "@xmtp/node-sdk"
import { beforeAll, describe, expect, it } from "vitest"
import { type ApiClient } from "../../../src/engine/api/index"
import type { Client } from "../../../src/engine/index"
import { conversationSeenBy } from "../../interop/support/conversationWaits"
import { pollUntil } from "../../interop/support/deadline"
import { createSdkClient, type LabelledClient } from "../../interop/support/sdkClient"
import { type ClientProfile, type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { conversationOf, storedXmtpContext, syncEveryone } from "../groups/support/groupScenario"
import { BrokenKeyPackages } from "./support/brokenKeyPackages"
import { publishForgedAdd } from "./support/forgedAdd"

describe("failed installations and welcome membership", () => {
  const broken = new BrokenKeyPackages()
  let h: EngineHarness
  let api: ApiClient
  let profiles: Record<"alice" | "bob", ClientProfile>
  let alice: Client
  let bob: Client
  let sam: LabelledClient

  useEngineClients(
    "welcome-membership",
    ["alice", "bob"],
    (s) => {
      ({ h, profiles, clients: { alice, bob } } = s)
      api = h.apiClient()
    },
    { validators: broken.validators },
  )
  beforeAll(async () => {
    sam = await createSdkClient(h.address, h.dir, { label: "sam" })
  }, 120_000)

  /** A second installation of the profile's inbox. */
  const secondInstallation = (profile: ClientProfile, name: string) => h.open({ ...h.profile(name), signer: profile.signer })
  const welcomesFor = async (client: Client) => (await api.mls.queryAllWelcomeMessages(client.installationIdBytes)).length

  it("MEMB-05: the installation with a bad key package is recorded as failed, gets no welcome and stays listed; the others join", async () => {
    const danProfile = h.profile("dan")
    const dan = await h.open(danProfile)
    const danPhone = await secondInstallation(danProfile, "dan-phone")
    await broken.breakKeyPackageOf(api, danPhone)
    const group = await alice.conversations.createGroup([bob.inboxId, sam.client.inboxId])
    await syncEveryone([bob], group.id)
    const samGroup = (await conversationSeenBy(sam, group.id)) as SdkGroup

    await group.addMembers([dan.inboxId])
    const { membership } = storedXmtpContext(profiles.alice, group.id)
    expect(membership.members.has(dan.inboxId)).toBe(true)
    expect(membership.failedInstallations.map(bytesToHex)).toEqual([danPhone.installationId])

    expect((await dan.conversations.syncWelcomes()).joined.map(bytesToHex)).toEqual([group.id])
    expect(await welcomesFor(danPhone)).toBe(0)
    expect((await danPhone.conversations.syncWelcomes()).joined).toEqual([])
    await (await conversationOf(dan, group.id)).sendText("from dan's laptop")

    // Every member accepts the commit: Bob, and the SDK, whose validation expects no leaf for the failed installation.
    const bobGroup = await conversationOf(bob, group.id)
    expect((await bobGroup.sync()).failures).toEqual([])
    expect((await bobGroup.messages()).map((m) => m.content)).toContain("from dan's laptop")
    await pollUntil("sam to see dan as a member", async () => {
      await samGroup.sync()
      return (await samGroup.members()).some((m) => m.inboxId === dan.inboxId)
    })

    // The failed installation stays listed through later commits.
    await group.updateName("after the add")
    await bobGroup.sync()
    expect(storedXmtpContext(profiles.bob, group.id).membership.failedInstallations.map(bytesToHex)).toEqual([danPhone.installationId])
  })

  it("MEMB-05: when every installation of the added inboxes fails, the add fails and nothing is sent", async () => {
    const erin = await h.open(h.profile("erin"))
    await broken.breakKeyPackageOf(api, erin)
    const group = await alice.conversations.createGroup([bob.inboxId])
    const { epoch } = await group.debugInfo()
    const envelopes = (await api.mls.queryAllGroupMessages(group.idBytes)).length
    await expect(group.addMembers([erin.inboxId])).rejects.toMatchObject({ name: "GroupError", code: "FailedToVerifyInstallations" })
    expect((await group.debugInfo()).epoch).toBe(epoch)
    expect((await api.mls.queryAllGroupMessages(group.idBytes)).length).toBe(envelopes)
  })

  it("MEMB-10: a welcome whose tree holds an inbox its membership does not name is refused by Parley and the SDK; no group is created", async () => {
    const carol = await h.open(h.profile("carol"))
    const sally = await createSdkClient(h.address, h.dir, { label: "sally" })
    for (const newcomer of [carol, sally.client]) {
      const group = await alice.conversations.createGroup([bob.inboxId])
      await publishForgedAdd(h, profiles.alice, group.id, newcomer, { listNewcomer: false })
      if (newcomer === carol) {
        const result = await carol.conversations.syncWelcomes()
        expect(result.joined).toEqual([])
        expect(result.failures.map((f) => [f.error.code, f.error.message])).toEqual([
          ["InvalidGroupMembership", expect.stringContaining(`inbox ${carol.inboxId} is in the tree but not in the membership`)],
        ])
        expect(await carol.conversations.getConversationById(group.id)).toBeUndefined()
      } else {
        await sally.client.conversations.sync()
        expect(await sally.client.conversations.getConversationById(group.id)).toBeUndefined()
      }
    }
  })

  it("MEMB-10: a welcome missing an installation its membership expects (and does not list as failed) is refused", async () => {
    const franProfile = h.profile("fran")
    const fran = await h.open(franProfile)
    await secondInstallation(franProfile, "fran-phone")
    const group = await alice.conversations.createGroup([bob.inboxId])
    // Fran's inbox is named, so both her installations are expected; only the first is in the tree.
    await publishForgedAdd(h, profiles.alice, group.id, fran, { listNewcomer: true })
    const result = await fran.conversations.syncWelcomes()
    expect(result.joined).toEqual([])
    expect(result.failures.map((f) => [f.error.code, f.error.message])).toEqual([["InvalidGroupMembership", expect.stringMatching(/missing from the tree/)]])
    expect(await fran.conversations.getConversationById(group.id)).toBeUndefined()
  })
})
