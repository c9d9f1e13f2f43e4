// Consent (behaviours §17): Parley clients on a real node, each scenario repeated on an official SDK
// client in the same conversations, whose answers are the reference.
import type { Group as SdkGroup } from "@xmtp/node-sdk"
import { beforeAll, describe, expect, it } from "vitest"
import { ConsentEntityType, ConsentState, ConversationType, type Client, type Group } from "../../../src/engine/index"
import { type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { take } from "../engine/support/waitFor"
import { conversationOf } from "../groups/support/groupScenario"
import { conversationSeenBy } from "../../interop/support/conversationWaits"
import { createSdkClient, type LabelledClient } from "../../interop/support/sdkClient"
import { among, sdkConsent, sdkEntity } from "./support/consentPeers"

const ALL_STATES = [ConsentState.Unknown, ConsentState.Allowed, ConsentState.Denied]

describe("consent", () => {
  let h: EngineHarness
  let alice: Client
  let bob: Client
  let sam: LabelledClient

  useEngineClients("consent", ["alice", "bob"], (s) => ({ h, clients: { alice, bob } } = s))
  beforeAll(async () => {
    sam = await createSdkClient(h.address, h.dir, { label: "sam" })
  })

  /** A group alice creates with bob and sam, as each of the three sees it. */
  async function sharedGroup(): Promise<{ aliceGroup: Group; bobGroup: Group; samGroup: SdkGroup }> {
    const aliceGroup = await alice.conversations.createGroup([bob.inboxId, sam.client.inboxId])
    await bob.conversations.sync()
    const samGroup = (await conversationSeenBy(sam, aliceGroup.id)) as SdkGroup
    return { aliceGroup, bobGroup: await conversationOf(bob, aliceGroup.id), samGroup }
  }

  it("CONSENT-02: with no record a joined conversation and any inbox are Unknown; the creator's conversation is Allowed", async () => {
    const { aliceGroup, bobGroup, samGroup } = await sharedGroup()
    expect(aliceGroup.consentState()).toBe(ConsentState.Allowed)
    expect(bobGroup.consentState()).toBe(ConsentState.Unknown)
    expect(samGroup.consentState()).toBe(sdkConsent.Unknown)
    expect(await bob.preferences.getConsentState(ConsentEntityType.GroupId, bobGroup.id)).toBe(ConsentState.Unknown)
    expect(await sam.client.preferences.getConsentState(sdkEntity.GroupId, samGroup.id)).toBe(sdkConsent.Unknown)
    expect(await bob.preferences.getConsentState(ConsentEntityType.InboxId, alice.inboxId)).toBe(ConsentState.Unknown)
    expect(await sam.client.preferences.getConsentState(sdkEntity.InboxId, alice.inboxId)).toBe(sdkConsent.Unknown)
    const bobSees = (await bobGroup.members()).find((m) => m.inboxId === alice.inboxId)
    const samSees = (await samGroup.members()).find((m) => m.inboxId === alice.inboxId)
    expect([bobSees?.consentState, samSees?.consentState]).toEqual([ConsentState.Unknown, sdkConsent.Unknown])
  })

  it("CONSENT-03: sending, publishing and asking to leave make even a Denied conversation Allowed, as on the SDK", async () => {
    const { bobGroup, samGroup } = await sharedGroup()
    bobGroup.updateConsentState(ConsentState.Denied)
    samGroup.updateConsentState(sdkConsent.Denied)
    await bobGroup.sendText("bob speaks")
    await samGroup.sendText("sam speaks")
    expect([bobGroup.consentState(), samGroup.consentState()]).toEqual([ConsentState.Allowed, sdkConsent.Allowed])

    bobGroup.updateConsentState(ConsentState.Denied)
    samGroup.updateConsentState(sdkConsent.Denied)
    await bobGroup.sendText("queued", true)
    await samGroup.sendText("queued", true)
    // Queued (optimistic) messages do not count until they are published.
    expect([bobGroup.consentState(), samGroup.consentState()]).toEqual([ConsentState.Denied, sdkConsent.Denied])
    await bobGroup.publishMessages()
    await samGroup.publishMessages()
    expect([bobGroup.consentState(), samGroup.consentState()]).toEqual([ConsentState.Allowed, sdkConsent.Allowed])

    bobGroup.updateConsentState(ConsentState.Denied)
    await bobGroup.requestRemoval()
    expect(bobGroup.consentState()).toBe(ConsentState.Allowed)
  })

  it("CONSENT-06: lists leave Denied out by default; all three states list everything; without Unknown, conversations with no record are left out", async () => {
    const groups = [await sharedGroup(), await sharedGroup(), await sharedGroup(), await sharedGroup()]
    const ids = groups.map((g) => g.aliceGroup.id)
    const [allowed, denied, noRecord, unknown] = ids
    const states = [ConsentState.Allowed, ConsentState.Denied, undefined, ConsentState.Unknown]
    groups.forEach(({ bobGroup, samGroup }, i) => {
      const state = states[i]
      if (state === undefined) return
      bobGroup.updateConsentState(state)
      samGroup.updateConsentState(state as number as typeof sdkConsent.Unknown)
    })
    const filters: Array<ConsentState[] | undefined> = [
      undefined,
      [],
      ALL_STATES,
      [ConsentState.Allowed],
      [ConsentState.Denied],
      [ConsentState.Unknown],
      [ConsentState.Allowed, ConsentState.Denied],
    ]
    const expected = [
      [allowed, noRecord, unknown],
      [allowed, noRecord, unknown],
      [allowed, denied, noRecord, unknown],
      [allowed],
      [denied],
      [noRecord, unknown],
      [allowed, denied],
    ]
    for (const [i, consentStates] of filters.entries()) {
      const options = consentStates === undefined ? {} : { consentStates }
      const parley = among(await bob.conversations.list(options), ids).sort()
      const sdk = among(await sam.client.conversations.list(options as Parameters<typeof sam.client.conversations.list>[0]), ids).sort()
      expect(parley, `filter ${JSON.stringify(consentStates)}`).toEqual([...(expected[i] ?? [])].sort())
      expect(sdk, `SDK filter ${JSON.stringify(consentStates)}`).toEqual(parley)
    }
    expect(among(bob.conversations.listGroups(), ids).sort()).toEqual([allowed, noRecord, unknown].sort())
    expect(among(bob.conversations.listGroups({ consentStates: [ConsentState.Denied] }), ids)).toEqual([denied])
  })

  it("CONSENT-07: a Denied inbox still has its conversations listed; only the member's consentState shows it", async () => {
    const { aliceGroup, bobGroup, samGroup } = await sharedGroup()
    const dm = await alice.conversations.createDm(bob.inboxId)
    await bob.conversations.sync()
    await bob.preferences.setConsentStates([{ entityType: ConsentEntityType.InboxId, state: ConsentState.Denied, entity: alice.inboxId }])
    await sam.client.preferences.setConsentStates([{ entityType: sdkEntity.InboxId, state: sdkConsent.Denied, entity: alice.inboxId }])
    expect(await bob.preferences.getConsentState(ConsentEntityType.InboxId, alice.inboxId)).toBe(ConsentState.Denied)
    expect(among(await bob.conversations.list(), [aliceGroup.id, dm.id]).sort()).toEqual([aliceGroup.id, dm.id].sort())
    expect(among(await sam.client.conversations.list(), [aliceGroup.id])).toEqual([aliceGroup.id])
    const bobSees = (await bobGroup.members()).find((m) => m.inboxId === alice.inboxId)
    const samSees = (await samGroup.members()).find((m) => m.inboxId === alice.inboxId)
    expect([bobSees?.consentState, samSees?.consentState]).toEqual([ConsentState.Denied, sdkConsent.Denied])
    await bob.preferences.setConsentStates([{ entityType: ConsentEntityType.InboxId, state: ConsentState.Unknown, entity: alice.inboxId }])
    await sam.client.preferences.setConsentStates([{ entityType: sdkEntity.InboxId, state: sdkConsent.Unknown, entity: alice.inboxId }])
  })

  it("CONSENT-08: syncAll skips Denied conversations unless asked for them, as the SDK's does", async () => {
    const open = await sharedGroup()
    const shut = await sharedGroup()
    shut.bobGroup.updateConsentState(ConsentState.Denied)
    shut.samGroup.updateConsentState(sdkConsent.Denied)
    await open.aliceGroup.sendText("to the open group")
    await shut.aliceGroup.sendText("to the shut group")
    await bob.conversations.syncAll()
    await sam.client.conversations.syncAll()
    const texts = async (group: Group | SdkGroup) => (await group.messages()).filter((m) => typeof m.content === "string").map((m) => m.content)
    expect(await texts(open.bobGroup)).toEqual(["to the open group"])
    expect(await texts(shut.bobGroup)).toEqual([])
    expect([await texts(open.samGroup), await texts(shut.samGroup)]).toEqual([["to the open group"], []])
    await bob.conversations.syncAll([ConsentState.Denied])
    await sam.client.conversations.syncAll([sdkConsent.Denied])
    expect([await texts(shut.bobGroup), await texts(shut.samGroup)]).toEqual([["to the shut group"], ["to the shut group"]])
  })

  it("CONSENT-08: streamAllMessages follows existing conversations by the lists' default, and new ones unfiltered unless states are given", async () => {
    const allowed = await sharedGroup()
    const unknown = await sharedGroup()
    const denied = await sharedGroup()
    allowed.bobGroup.updateConsentState(ConsentState.Allowed)
    denied.bobGroup.updateConsentState(ConsentState.Denied)
    const unfiltered = await bob.conversations.streamAllMessages({ conversationType: ConversationType.Group })
    const allowedOnly = await bob.conversations.streamAllMessages({ conversationType: ConversationType.Group, consentStates: [ConsentState.Allowed] })
    const contents = async (stream: typeof unfiltered, count: number, what: string) => (await take(stream, count, what)).map((m) => m.content)
    try {
      await denied.aliceGroup.sendText("denied")
      await unknown.aliceGroup.sendText("unknown")
      await allowed.aliceGroup.sendText("allowed")
      expect(await contents(unfiltered, 2, "the default stream's first messages")).toEqual(["unknown", "allowed"])
      expect(await contents(allowedOnly, 1, "the Allowed stream's first message")).toEqual(["allowed"])

      const later = await alice.conversations.createGroup([bob.inboxId])
      await later.sendText("new conversation")
      await allowed.aliceGroup.sendText("allowed again")
      expect((await contents(unfiltered, 2, "the default stream's next messages")).sort()).toEqual(["allowed again", "new conversation"])
      await allowed.aliceGroup.sendText("last")
      // The new conversation (Unknown) is not followed when states are given.
      expect(await contents(allowedOnly, 2, "the Allowed stream's next messages")).toEqual(["allowed again", "last"])
    } finally {
      await unfiltered.end()
      await allowedOnly.end()
    }
  })

  it("DM-14, CONSENT-08: a new DM group for the same pair takes the oldest consent record of their other DM groups", async () => {
    const carol = h.profile("carol")
    const carolFirst = await h.open(carol)
    const first = await bob.conversations.createDm(carolFirst.inboxId)
    await first.sendText("hello carol")
    first.updateConsentState(ConsentState.Denied)

    // Each new installation of carol's starts a DM of its own with bob (same dm id, new group).
    const carolSecond = await h.open({ ...h.profile("carol-2"), signer: carol.signer })
    const second = await carolSecond.conversations.createDm(bob.inboxId)
    await bob.conversations.sync()
    const bobSecond = await conversationOf(bob, second.id)
    expect(bobSecond.consentState()).toBe(ConsentState.Denied)
    bobSecond.updateConsentState(ConsentState.Allowed)

    const carolThird = await h.open({ ...h.profile("carol-3"), signer: carol.signer })
    // A stream without states follows the new DM although it arrives Denied (CONSENT-08).
    const stream = await bob.conversations.streamAllMessages({ conversationType: ConversationType.Dm })
    let third
    try {
      third = await carolThird.conversations.createDm(bob.inboxId)
      await third.sendText("from carol's third installation")
      const [streamed] = await take(stream, 1, "the new DM's message")
      expect(streamed?.content).toBe("from carol's third installation")
    } finally {
      await stream.end()
    }
    // The newest record (Allowed) is not the one copied: the oldest (Denied) is.
    const bobThird = await conversationOf(bob, third.id)
    expect(bobThird.consentState()).toBe(ConsentState.Denied)
    const dmIds = [first.id, second.id, third.id]
    expect(among(await bob.conversations.list({ consentStates: ALL_STATES }), dmIds)).toEqual([third.id])
    expect(among(await bob.conversations.list(), dmIds)).toEqual([])
    expect(among(await bob.conversations.list({ consentStates: ALL_STATES, includeDuplicateDms: true }), dmIds).sort()).toEqual([...dmIds].sort())
  })
})
