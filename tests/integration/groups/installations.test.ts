// Several installations of one inbox in a group, through real Parley clients on a real node: revoking
// one (or all others) of them, the membership commit that removes revoked installations at another
// member's next send or on demand, what the revoked installation then sees, and the inbox states
// the revocations leave behind.
import { describe, expect, it } from "vitest"
import { GroupMessageKind, type Client, type Group } from "../../../src/engine/index"
import { type ClientProfile, type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { conversationOf, syncEveryone } from "./support/groupScenario"

type Name = "alice" | "bob" | "carol" | "dave"

describe("installations of a member", () => {
  let h: EngineHarness
  let profiles: Record<Name, ClientProfile>
  let alice: Client
  let bob: Client
  let carol: Client
  let dave: Client

  useEngineClients("group-installations", ["alice", "bob", "carol", "dave"], (s) => ({ h, profiles, clients: { alice, bob, carol, dave } } = s))

  /** Another installation of `name`'s inbox (same wallet, its own database). */
  const secondInstallation = (name: Name, label: string) => h.open({ ...h.profile(label), signer: profiles[name].signer })

  const installationsOf = async (group: Group, inboxId: string) => (await group.members()).find((m) => m.inboxId === inboxId)?.installationIds.sort()

  const texts = async (group: Group) => (await group.messages()).filter((m) => m.kind === GroupMessageKind.Application).map((m) => m.content)

  it("MEMB-09: an installation its inbox revoked is removed when another member next sends, and reads nothing after", async () => {
    const bobSecond = await secondInstallation("bob", "bob-2")
    const group = await alice.conversations.createGroup([bob.inboxId])
    await syncEveryone([bob, bobSecond], group.id)
    const [bobGroup, secondGroup] = [await conversationOf(bob, group.id), await conversationOf(bobSecond, group.id)]
    await bobGroup.sendText("before the revocation")
    await secondGroup.sync()
    expect(await texts(secondGroup)).toEqual(["before the revocation"])
    expect(await installationsOf(group, bob.inboxId)).toEqual([bob.installationId, bobSecond.installationId].sort())

    await bob.revokeInstallations([bobSecond.installationIdBytes])
    await group.sendText("after the revocation")

    expect(await installationsOf(group, bob.inboxId)).toEqual([bob.installationId])
    // Bob's remaining installation accepts the removal commit (MEMB-08) and reads on.
    const { failures } = await bobGroup.sync()
    expect(failures).toEqual([])
    expect(await texts(bobGroup)).toEqual(["before the revocation", "after the revocation"])
    expect(await installationsOf(bobGroup, bob.inboxId)).toEqual([bob.installationId])
    // The revoked installation processes its own removal and is out of the group from then on.
    await secondGroup.sync()
    expect(secondGroup.isActive).toBe(false)
    expect(await texts(secondGroup)).toEqual(["before the revocation"])
    await expect(secondGroup.sync()).rejects.toMatchObject({ code: "GroupInactive" })
    await h.closeClient(bobSecond)
  })

  it("MEMB-09: revokeAllOtherInstallations leaves only the current installation, and updateInstallations removes the others on demand", async () => {
    const carolSecond = await secondInstallation("carol", "carol-2")
    const carolThird = await secondInstallation("carol", "carol-3")
    const group = await alice.conversations.createGroup([carol.inboxId])
    await syncEveryone([carol, carolSecond, carolThird], group.id)
    const carolGroup = await conversationOf(carol, group.id)
    const others = [carolSecond, carolThird]
    expect(await installationsOf(group, carol.inboxId)).toEqual([carol, ...others].map((c) => c.installationId).sort())
    // Alice has stored Carol's identity updates up to here: without a refresh she sees three installations.
    expect((await alice.preferences.getInboxStates([carol.inboxId]))[0]!.installations).toHaveLength(3)

    await carol.revokeAllOtherInstallations()

    expect((await carol.preferences.inboxState()).installations.map((i) => i.id)).toEqual([carol.installationId])
    expect((await alice.preferences.getInboxStates([carol.inboxId]))[0]!.installations).toHaveLength(3)
    expect((await alice.preferences.fetchInboxStates([carol.inboxId]))[0]!.installations.map((i) => i.id)).toEqual([carol.installationId])

    await carolGroup.updateInstallations()
    expect(await installationsOf(carolGroup, carol.inboxId)).toEqual([carol.installationId])
    await group.sync()
    expect(await installationsOf(group, carol.inboxId)).toEqual([carol.installationId])
    await group.sendText("only carol's current installation reads this")
    await carolGroup.sync()
    expect(await texts(carolGroup)).toEqual(["only carol's current installation reads this"])
    for (const other of others) {
      const removed = await conversationOf(other, group.id)
      await removed.sync()
      expect(removed.isActive).toBe(false)
      expect(await texts(removed)).toEqual([])
      await h.closeClient(other)
    }
    // Nothing is left to revoke.
    await carol.revokeAllOtherInstallations()
    expect((await carol.preferences.fetchInboxState()).installations.map((i) => i.id)).toEqual([carol.installationId])
  })

  it("MEMB-09: a member's updateInstallations removes another inbox's revoked installation without waiting for a send", async () => {
    const daveSecond = await secondInstallation("dave", "dave-2")
    const group = await alice.conversations.createGroup([dave.inboxId])
    await syncEveryone([dave, daveSecond], group.id)
    // Checked just now by the sync: a send would not look again for 5 seconds, an explicit update does.
    await group.sync()
    await dave.revokeInstallations([daveSecond.installationIdBytes])
    await group.updateInstallations()
    expect(await installationsOf(group, dave.inboxId)).toEqual([dave.installationId])
    const secondGroup = await conversationOf(daveSecond, group.id)
    await secondGroup.sync()
    expect(secondGroup.isActive).toBe(false)
    // With nothing left to change, another update publishes no commit.
    const { epoch } = await group.debugInfo()
    await group.updateInstallations()
    expect((await group.debugInfo()).epoch).toBe(epoch)
    await h.closeClient(daveSecond)
  })

  it("lists an inbox's installations with the time each was added, and its accounts", async () => {
    const state = await alice.preferences.fetchInboxState()
    expect(state).toMatchObject({ inboxId: alice.inboxId, recoveryIdentifier: { identifier: profiles.alice.signer.address.toLowerCase(), identifierKind: 0 } })
    expect(state.installations).toEqual([{ bytes: alice.installationIdBytes, id: alice.installationId, clientTimestampNs: expect.any(BigInt) }])
    expect(state.identifiers).toEqual([{ identifier: profiles.alice.signer.address.toLowerCase(), identifierKind: 0 }])
  })
})
