// Minimum protocol versions and paused groups, with Parley members and an official SDK member
// (@xmtp/node-sdk 6.0.0, libxmtp 1.10.0) in the same group on a Parley node. Parley implements
// libxmtp 1.10.0's group behaviour and says so: it may require up to 1.10.0, which the SDK meets.
// A commit or a welcome requiring more (built here the way a newer client would send it) pauses
// every member, Parley and SDK alike: syncs do nothing and every change fails (META-07, META-08).
import type { Group as SdkGroup } from "@xmtp/node-sdk"
import { beforeAll, describe, expect, it } from "vitest"
import type { Client, Group } from "../../../src/engine/index"
import { withMutableMetadata } from "../../../src/engine/groups/contextExtensionUpdates"
import { METADATA_FIELD } from "../../../src/engine/groups/extensions/index"
import { PARLEY_PROTOCOL_VERSION } from "../../../src/engine/groups/protocolVersion"
import { conversationSeenBy, textsSeenBy } from "../../interop/support/conversationWaits"
import { createSdkClient, type LabelledClient } from "../../interop/support/sdkClient"
import { type ClientProfile, type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { conversationOf, RogueMember, syncEveryone } from "../groups/support/groupScenario"
import { publishForgedAdd } from "./support/forgedAdd"

const MIN_VERSION = METADATA_FIELD.minimumSupportedProtocolVersion
const NEWER = "1.11.0"
const PAUSED = { name: "GroupError", code: "GroupPausedUntilUpdate", message: expect.stringContaining(`Group is paused until version ${NEWER} is available`) }

describe("minimum protocol version and paused groups", () => {
  let h: EngineHarness
  let profiles: Record<"alice" | "bob" | "carol", ClientProfile>
  let alice: Client
  let bob: Client
  let carol: Client
  let sam: LabelledClient
  const labelOf = (inboxId: string) => (inboxId === alice.inboxId ? "alice" : inboxId === sam.client.inboxId ? "sam" : "other")

  useEngineClients("paused-groups", ["alice", "bob", "carol"], (s) => ({ h, profiles, clients: { alice, bob, carol } } = s))
  beforeAll(async () => {
    sam = await createSdkClient(h.address, h.dir, { label: "sam" })
  }, 120_000)

  /** A group of Alice (super admin), Bob and the SDK's Sam, joined by everyone. */
  async function groupWithSam(): Promise<{ group: Group; bobGroup: Group; samGroup: SdkGroup }> {
    const group = await alice.conversations.createGroup([bob.inboxId, sam.client.inboxId])
    await syncEveryone([bob], group.id)
    return { group, bobGroup: await conversationOf(bob, group.id), samGroup: (await conversationSeenBy(sam, group.id)) as SdkGroup }
  }

  it("META-07: only a super admin sets the minimum; it must parse, not exceed Parley's own version, nor go down", async () => {
    const { group, bobGroup, samGroup } = await groupWithSam()
    expect(PARLEY_PROTOCOL_VERSION).toBe("1.10.0")
    await expect(bobGroup.updateGroupMinVersion("1.6.0")).rejects.toMatchObject({ code: "PermissionDenied" })
    for (const invalid of ["1.10", "1.x.0", "v1.10.0", ""]) {
      await expect(group.updateGroupMinVersion(invalid)).rejects.toMatchObject({ code: "InvalidMinVersion" })
    }
    // libxmtp 1.10.0 ranks a suffixed version above the plain one; so does Parley.
    for (const tooNew of ["1.10.1", "2.0.0", "1.10.0-rc1"]) {
      await expect(group.updateGroupMinVersion(tooNew)).rejects.toMatchObject({ code: "MinVersionExceedsOwnVersion" })
    }
    await group.updateGroupMinVersion("1.6.0")
    await expect(group.updateGroupMinVersion("1.5.9")).rejects.toMatchObject({ code: "MinVersionDowngrade" })
    await group.updateGroupMinVersion(PARLEY_PROTOCOL_VERSION)
    expect(group.minimumSupportedProtocolVersion).toBe(PARLEY_PROTOCOL_VERSION)

    // Everyone meets 1.10.0: nobody pauses and the group carries on.
    await bobGroup.sync()
    expect([bobGroup.minimumSupportedProtocolVersion, bobGroup.pausedForVersion()]).toEqual([PARLEY_PROTOCOL_VERSION, undefined])
    await samGroup.sync()
    expect(samGroup.pausedForVersion()).toBeUndefined()
    await samGroup.sendText("still here")
    expect(await textsSeenBy(sam, samGroup, ["sam: still here"], labelOf)).toEqual(["sam: still here"])
    await group.sync()
    expect((await group.messages()).map((m) => m.content)).toContain("still here")
  })

  it("META-08: a commit requiring a newer version pauses Parley and SDK members: the commit waits, syncs do nothing, every change fails", async () => {
    const { group, bobGroup, samGroup } = await groupWithSam()
    const { epoch, cursor } = await bobGroup.debugInfo()
    // What a newer client of Alice's (a super admin) would send.
    await new RogueMember(h, profiles.alice, alice.inboxId).commitExtensions(group.id, (extensions, { mutableMetadata }) =>
      withMutableMetadata(extensions, { ...mutableMetadata, attributes: new Map(mutableMetadata.attributes).set(MIN_VERSION, NEWER) }),
    )

    expect((await bobGroup.sync()).failures).toEqual([])
    expect(bobGroup.pausedForVersion()).toBe(NEWER)
    expect(await bobGroup.debugInfo()).toEqual({ epoch, cursor, maybeForked: false, forkDetails: "" })
    await expect(bobGroup.sendText("hello")).rejects.toMatchObject(PAUSED)
    await expect(bobGroup.sendText("later", true)).rejects.toMatchObject(PAUSED)
    await expect(bobGroup.updateName("renamed")).rejects.toMatchObject(PAUSED)
    await expect(bobGroup.addMembers([carol.inboxId])).rejects.toMatchObject(PAUSED)
    await expect(bobGroup.removeMembers([sam.client.inboxId])).rejects.toMatchObject(PAUSED)
    await expect(bobGroup.requestRemoval()).rejects.toMatchObject(PAUSED)
    expect((await bobGroup.sync()).failures).toEqual([])
    expect(await bobGroup.debugInfo()).toEqual({ epoch, cursor, maybeForked: false, forkDetails: "" })

    // The pause is stored: it outlasts the client.
    bob = await h.reopen(bob, profiles.bob)
    const reopened = await conversationOf(bob, group.id)
    expect(reopened.pausedForVersion()).toBe(NEWER)
    await expect(reopened.updateAppData("x")).rejects.toMatchObject(PAUSED)

    await samGroup.sync()
    expect(samGroup.pausedForVersion()).toBe(NEWER)
    await expect(samGroup.sendText("hello")).rejects.toThrow(/paused until version 1\.11\.0/)
  })

  it("META-08: a welcome to a group requiring a newer version joins it paused, for Parley and the SDK", async () => {
    const sally = await createSdkClient(h.address, h.dir, { label: "sally" })
    for (const newcomer of [carol, sally.client]) {
      const group = await alice.conversations.createGroup([bob.inboxId])
      await publishForgedAdd(h, profiles.alice, group.id, newcomer, { listNewcomer: true, attributes: { [MIN_VERSION]: NEWER } })
      if (newcomer === carol) {
        expect((await carol.conversations.syncWelcomes()).joined.map((id) => Buffer.from(id).toString("hex"))).toEqual([group.id])
        const carolGroup = await conversationOf(carol, group.id)
        expect(carolGroup.pausedForVersion()).toBe(NEWER)
        await expect(carolGroup.sendText("hi")).rejects.toMatchObject(PAUSED)
        expect((await carolGroup.sync()).failures).toEqual([])
      } else {
        const sallyGroup = await conversationSeenBy(sally, group.id)
        expect(sallyGroup.pausedForVersion()).toBe(NEWER)
        await expect(sallyGroup.sendText("hi")).rejects.toThrow(/paused until version 1\.11\.0/)
      }
    }
  })
})
