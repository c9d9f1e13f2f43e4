// Membership through real Parley clients on a real node: adding by inbox id and by identifier (and
// the 250 cap that applies only to the latter), unknown inboxes, no-op adds and removals, removal
// of every installation, the members() view, installations that appear later, and concurrent adds.
import { describe, expect, it } from "vitest"
import { createApiClient } from "../../../src/engine/api/index"
import { ConsentState, GroupMessageKind, PermissionLevel, type Client, type Group, type Identifier } from "../../../src/engine/index"
import { createEoaSigner, createInstallationKey, ethereumMember, registrationRequest } from "../../../src/engine/identity/index"
import { type ClientProfile, type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { conversationOf, envelopeCount, syncEveryone, transcripts } from "./support/groupScenario"

const ethereum = (address: string): Identifier => ({ identifier: address, identifierKind: 0 })

describe("membership", () => {
  let h: EngineHarness
  let profiles: Record<"alice" | "bob" | "carol" | "dave", ClientProfile>
  let alice: Client
  let bob: Client
  let carol: Client
  let dave: Client

  useEngineClients("group-membership", ["alice", "bob", "carol", "dave"], (s) => ({ h, profiles, clients: { alice, bob, carol, dave } } = s))

  /** Inboxes registered with one installation and no key package: found by identifier, never addable. */
  async function bareInboxes(count: number): Promise<{ identifiers: Identifier[]; inboxIds: string[] }> {
    const api = createApiClient({ apiUrl: h.address })
    try {
      const made = await Promise.all(
        Array.from({ length: count }, async () => {
          const signer = createEoaSigner()
          const address = signer.getIdentifier().identifier.toLowerCase()
          const installation = createInstallationKey()
          const signed = registrationRequest(ethereumMember(address), installation.publicKey)
          await signed.addWalletSignature(signer)
          signed.addInstallationSignature(installation)
          await api.identity.publishIdentityUpdate(signed.toIdentityUpdate())
          return { identifier: ethereum(address), inboxId: signed.toIdentityUpdate().inboxId }
        }),
      )
      return { identifiers: made.map((m) => m.identifier), inboxIds: made.map((m) => m.inboxId) }
    } finally {
      api.close()
    }
  }

  it("CONST-01: adding by identifier is capped at 250 members; adding by inbox id is not", async () => {
    const group = await alice.conversations.createGroup([])
    const { identifiers, inboxIds } = await bareInboxes(250)
    const envelopes = await envelopeCount(h, group.id)
    await expect(group.addMembersByIdentifiers(identifiers)).rejects.toMatchObject({ code: "UserLimitExceeded", message: "Max user limit exceeded." })
    // 1 member + 249 = 250 passes the cap and fails later, for want of key packages.
    await expect(group.addMembersByIdentifiers(identifiers.slice(1))).rejects.toMatchObject({ code: "FailedToVerifyInstallations" })
    await expect(group.addMembers(inboxIds)).rejects.toMatchObject({ code: "FailedToVerifyInstallations" })
    expect(await envelopeCount(h, group.id)).toBe(envelopes)
  })

  it("MEMB-01, MEMB-03: unknown or malformed inboxes and unregistered identifiers are refused before any commit", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId])
    const envelopes = await envelopeCount(h, group.id)
    await expect(group.addMembers(["f".repeat(64)])).rejects.toMatchObject({ name: "GroupError", code: "UnknownInbox" })
    await expect(group.addMembers(["1234"])).rejects.toMatchObject({ name: "GroupError" })
    const stranger = createEoaSigner().getIdentifier().identifier
    await expect(group.addMembersByIdentifiers([ethereum(stranger)])).rejects.toMatchObject({ code: "AddressNotFound" })
    await expect(group.addMembersByIdentifiers([carol.accountIdentifier, ethereum(stranger)])).rejects.toMatchObject({ code: "AddressNotFound" })
    expect(await envelopeCount(h, group.id)).toBe(envelopes)
    expect((await group.members()).map((m) => m.inboxId)).not.toContain(carol.inboxId)
    // A registered identifier, in any letter case, is added.
    await group.addMembersByIdentifiers([ethereum(carol.accountIdentifier.identifier.toUpperCase().replace(/^0X/, "0x"))])
    expect((await group.members()).map((m) => m.inboxId)).toContain(carol.inboxId)
  })

  it("MEMB-02, MEMB-06: adding a member again or removing a non-member publishes nothing", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId])
    const envelopes = await envelopeCount(h, group.id)
    await group.addMembers([bob.inboxId])
    await group.removeMembers([carol.inboxId])
    await group.removeMembersByIdentifiers([ethereum(createEoaSigner().getIdentifier().identifier)])
    expect(await envelopeCount(h, group.id)).toBe(envelopes)
  })

  it("MEMB-06, MEMB-11: removal takes every installation of the inbox in one commit; members() lists installations, accounts, roles and consent", async () => {
    const bobSecond = await h.open({ ...h.profile("bob-2"), signer: profiles.bob.signer })
    const group = await alice.conversations.createGroup([bob.inboxId, carol.inboxId])
    await group.addAdmin(carol.inboxId)
    const members = Object.fromEntries((await group.members()).map((m) => [m.inboxId, m]))
    expect(members[bob.inboxId]).toEqual({
      inboxId: bob.inboxId,
      installationIds: expect.arrayContaining([bob.installationId, bobSecond.installationId]),
      accountIdentifiers: [{ identifier: bob.accountIdentifier.identifier, identifierKind: 0 }],
      permissionLevel: PermissionLevel.Member,
      consentState: ConsentState.Unknown,
    })
    expect(members[bob.inboxId]!.installationIds).toHaveLength(2)
    expect(members[carol.inboxId]!.permissionLevel).toBe(PermissionLevel.Admin)
    expect(members[alice.inboxId]!.permissionLevel).toBe(PermissionLevel.SuperAdmin)

    await syncEveryone([bob, bobSecond, carol], group.id)
    const envelopes = await envelopeCount(h, group.id)
    await group.removeMembersByIdentifiers([bob.accountIdentifier])
    expect(await envelopeCount(h, group.id)).toBe(envelopes + 1)
    for (const installation of [bob, bobSecond]) {
      const theirs = await conversationOf(installation, group.id)
      await theirs.sync().catch(() => undefined)
      expect(theirs.isActive).toBe(false)
    }
    await (await conversationOf(carol, group.id)).sync()
    expect((await transcripts(carol, group.id)).at(-1)).toMatchObject({ removedInboxes: [{ inboxId: bob.inboxId }], leftInboxes: [] })
    await h.closeClient(bobSecond)
  })

  it("MEMB-13: two members adding the same inbox at once end with one add, no error, the same roster", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId])
    await syncEveryone([bob], group.id)
    const bobGroup = await conversationOf(bob, group.id)
    await Promise.all([group.addMembers([dave.inboxId]), bobGroup.addMembers([dave.inboxId])])
    await syncEveryone([alice, bob, dave], group.id)
    for (const client of [alice, bob, dave]) {
      expect((await (await conversationOf(client, group.id)).members()).map((m) => m.inboxId).sort()).toEqual([alice.inboxId, bob.inboxId, dave.inboxId].sort())
    }
    const adds = (await transcripts(bob, group.id)).filter((t) => t.addedInboxes.some((i) => i.inboxId === dave.inboxId))
    expect(adds).toHaveLength(1)
  })

  it("MEMB-09: a member's new installation joins when another member next sends (checked at most every 5 seconds)", async () => {
    const group: Group = await alice.conversations.createGroup([carol.inboxId])
    await syncEveryone([carol], group.id)
    const carolSecond = await h.open({ ...h.profile("carol-2"), signer: profiles.carol.signer })
    // The installations were just checked when Carol was added; the next send waits out the interval.
    await new Promise((resolve) => setTimeout(resolve, 5_500))
    const envelopes = await envelopeCount(h, group.id)
    await group.sendText("to both of carol's installations")
    expect(await envelopeCount(h, group.id)).toBeGreaterThanOrEqual(envelopes + 2)
    await carolSecond.conversations.sync()
    const second = await conversationOf(carolSecond, group.id)
    await group.sendText("after the new installation joined")
    await second.sync()
    // The installation commit goes out before the message, so the new installation reads both.
    expect((await second.messages()).filter((m) => m.kind === GroupMessageKind.Application).map((m) => m.content)).toEqual([
      "to both of carol's installations",
      "after the new installation joined",
    ])
    expect((await group.members()).find((m) => m.inboxId === carol.inboxId)?.installationIds).toHaveLength(2)
    await h.closeClient(carolSecond)
  })
})
