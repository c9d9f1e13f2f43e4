// Disappearing messages between Parley clients on a real node (libxmtp node-bindings-1.10.0:
// groups/mod.rs settings, mls_sync.rs get_message_expire_at_ns, db/group_message.rs query filter
// and delete_expired_messages, worker/disappearing_messages.rs). Alice and Carol run the deletion
// worker on libxmtp's 1 s schedule; Bob's runs once an hour, so what he still stores shows that
// queries hide expired messages before any deletion.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  ContentType,
  DeliveryStatus,
  GroupMessageKind,
  MetadataField,
  PermissionPolicy,
  PermissionUpdateType,
  type DecodedMessage,
  type Group,
  type MessageDisappearingSettings,
} from "../../../src/engine/index"
import type { GroupUpdated } from "../../../src/engine/content/index"
import { METADATA_FIELD } from "../../../src/engine/groups/extensions/index"
import { nowNs } from "../../../src/engine/storage/rows"
import { pollUntil } from "../../interop/support/deadline"
import { EngineHarness } from "../engine/support/engineHarness"
import { conversationOf, storedXmtpContext, syncEveryone, transcripts } from "../groups/support/groupScenario"
import { DisappearingClients, type WorkerClient } from "./support/disappearingClients"

const HOUR_NS = 3_600_000_000_000n
/** Short enough to wait for, long enough that a message is stored before it is due. */
const SHORT_NS = 2_000_000_000n
const DAY_NS = 24n * HOUR_NS

describe("disappearing messages between Parley clients", () => {
  let h: EngineHarness
  let clients: DisappearingClients
  let alice: WorkerClient
  let bob: WorkerClient
  let carol: WorkerClient

  beforeAll(async () => {
    h = await EngineHarness.create("disappearing")
    clients = new DisappearingClients(h)
    alice = await clients.open("alice")
    bob = await clients.open("bob", 3_600_000)
    carol = await clients.open("carol")
  })
  afterAll(async () => {
    await clients?.close()
    await h?.close()
  })

  /** A group Alice creates with `member`, as each of them holds it once the member has joined. */
  async function groupWith(member: WorkerClient, settings?: MessageDisappearingSettings): Promise<[Group, Group]> {
    const created = await alice.client.conversations.createGroup([member.client.inboxId], settings ? { messageDisappearingSettings: settings } : {})
    await syncEveryone([member.client], created.id)
    return [created, await conversationOf(member.client, created.id)]
  }

  const textsIn = (messages: readonly DecodedMessage[]) => messages.filter((m) => m.kind === GroupMessageKind.Application).map((m) => m.content)
  const byId = async (who: WorkerClient, id: string) => who.client.conversations.getMessageById(id)
  const attributesOf = (who: WorkerClient, groupId: string) => storedXmtpContext(who.profile, groupId).mutableMetadata.attributes

  it("DISAP-10, DISAP-02, DISAP-01: settings given at creation are in the initial metadata as decimal strings; joiners read them from the welcome", async () => {
    const settings = { fromNs: 1n, inNs: HOUR_NS }
    const [aliceGroup, bobGroup] = await groupWith(bob, settings)
    for (const group of [aliceGroup, bobGroup]) {
      expect(group.messageDisappearingSettings()).toEqual(settings)
      expect(group.isMessageDisappearingEnabled()).toBe(true)
    }
    for (const who of [alice, bob]) {
      const attributes = attributesOf(who, aliceGroup.id)
      expect([attributes.get(METADATA_FIELD.messageDisappearFromNs), attributes.get(METADATA_FIELD.messageDisappearInNs)]).toEqual(["1", "3600000000000"])
    }

    const dm = await alice.client.conversations.createDm(carol.client.inboxId, { messageDisappearingSettings: settings })
    await carol.client.conversations.sync()
    const carolDm = await conversationOf(carol.client, dm.id)
    expect(carolDm.messageDisappearingSettings()).toEqual(settings)
    expect(carolDm.isMessageDisappearingEnabled()).toBe(true)
  })

  it("DISAP-06: a received message expires at the receiver's clock plus in_ns, an own one at publication; from_ns is not compared with message times", async () => {
    // from_ns ten days ahead: every message here is sent before it, and expires all the same.
    const fromNs = nowNs() + 10n * DAY_NS
    const [aliceGroup, bobGroup] = await groupWith(bob, { fromNs, inNs: HOUR_NS })

    const beforeSend = nowNs()
    const id = await aliceGroup.sendText("expires in an hour")
    const afterSend = nowNs()
    const own = await byId(alice, id)
    expect(own?.sentAtNs).toBeLessThan(fromNs)
    expect(own?.expiresAtNs).toBeGreaterThanOrEqual(beforeSend + HOUR_NS)
    expect(own?.expiresAtNs).toBeLessThanOrEqual(afterSend + HOUR_NS)
    expect(own?.expiresAt?.getTime()).toBe(Number(own!.expiresAtNs! / 1_000_000n))

    const beforeSync = nowNs()
    await bobGroup.sync()
    const afterSync = nowNs()
    const received = await byId(bob, id)
    expect(received?.expiresAtNs).toBeGreaterThanOrEqual(beforeSync + HOUR_NS)
    expect(received?.expiresAtNs).toBeLessThanOrEqual(afterSync + HOUR_NS)
    // Not due yet: listed and counted like any other message.
    expect(textsIn(await bobGroup.messages())).toEqual(["expires in an hour"])
    expect((await aliceGroup.messages()).find((m) => m.id === id)?.expiresAtNs).toBe(own?.expiresAtNs)
  })

  it("DISAP-01, DISAP-05: unset settings read as undefined; with from_ns or in_ns zero they are disabled and messages get no expiry", async () => {
    const [aliceGroup, bobGroup] = await groupWith(bob)
    expect(aliceGroup.messageDisappearingSettings()).toBeUndefined()
    expect(aliceGroup.isMessageDisappearingEnabled()).toBe(false)

    const cases: Array<[MessageDisappearingSettings, boolean]> = [
      [{ fromNs: 0n, inNs: HOUR_NS }, false],
      [{ fromNs: 1n, inNs: 0n }, false],
      [{ fromNs: 1n, inNs: HOUR_NS }, true],
    ]
    for (const [settings, enabled] of cases) {
      await aliceGroup.updateMessageDisappearingSettings(settings.fromNs, settings.inNs)
      const id = await aliceGroup.sendText(`with ${settings.fromNs}/${settings.inNs}`)
      await bobGroup.sync()
      for (const [who, group] of [
        [alice, aliceGroup],
        [bob, bobGroup],
      ] as const) {
        expect(group.messageDisappearingSettings()).toEqual(settings)
        expect(group.isMessageDisappearingEnabled()).toBe(enabled)
        expect((await byId(who, id))?.expiresAtNs !== undefined).toBe(enabled)
      }
    }
  })

  it("DISAP-03, DISAP-02: an update commits from_ns, then in_ns, each with its own GroupUpdated; when the second is refused the first stays", async () => {
    const [aliceGroup, bobGroup] = await groupWith(bob, { fromNs: 1n, inNs: HOUR_NS })
    const before = (await transcripts(bob.client, aliceGroup.id)).length
    await aliceGroup.updateMessageDisappearingSettings(2n, 2n * HOUR_NS)
    await bobGroup.sync()
    const changesOf = (updates: GroupUpdated[]) => updates.map((u) => u.metadataFieldChanges)
    const expected = [
      [{ fieldName: METADATA_FIELD.messageDisappearFromNs, oldValue: "1", newValue: "2" }],
      [{ fieldName: METADATA_FIELD.messageDisappearInNs, oldValue: "3600000000000", newValue: "7200000000000" }],
    ]
    for (const who of [alice, bob]) expect(changesOf((await transcripts(who.client, aliceGroup.id)).slice(before))).toEqual(expected)
    // The received commits are mirrored into what Bob reads, as his own would be.
    expect(bobGroup.messageDisappearingSettings()).toEqual({ fromNs: 2n, inNs: 2n * HOUR_NS })

    // Nobody may change in_ns any more; from_ns stays admin-only, so only the first commit lands.
    await aliceGroup.updatePermission(PermissionUpdateType.UpdateMetadata, PermissionPolicy.Deny, MetadataField.MessageExpirationInNs)
    const beforePartial = (await transcripts(alice.client, aliceGroup.id)).length
    await expect(aliceGroup.updateMessageDisappearingSettings(3n, 3n * HOUR_NS)).rejects.toMatchObject({ code: "PermissionDenied" })
    await bobGroup.sync()
    for (const [who, group] of [
      [alice, aliceGroup],
      [bob, bobGroup],
    ] as const) {
      expect(group.messageDisappearingSettings()).toEqual({ fromNs: 3n, inNs: 2n * HOUR_NS })
      expect(changesOf((await transcripts(who.client, aliceGroup.id)).slice(beforePartial))).toEqual([
        [{ fieldName: METADATA_FIELD.messageDisappearFromNs, oldValue: "2", newValue: "3" }],
      ])
    }
  })

  it("DISAP-04: removal writes zeros: the getter returns {0, 0}, not undefined, and later messages do not expire", async () => {
    const [aliceGroup, bobGroup] = await groupWith(bob, { fromNs: 1n, inNs: HOUR_NS })
    await aliceGroup.removeMessageDisappearingSettings()
    const id = await aliceGroup.sendText("after removal")
    await bobGroup.sync()
    for (const [who, group] of [
      [alice, aliceGroup],
      [bob, bobGroup],
    ] as const) {
      expect(group.messageDisappearingSettings()).toEqual({ fromNs: 0n, inNs: 0n })
      expect(group.isMessageDisappearingEnabled()).toBe(false)
      const attributes = attributesOf(who, aliceGroup.id)
      expect([attributes.get(METADATA_FIELD.messageDisappearFromNs), attributes.get(METADATA_FIELD.messageDisappearInNs)]).toEqual(["0", "0"])
      expect((await byId(who, id))?.expiresAtNs).toBeUndefined()
    }
  })

  it("QUERY-04, DISAP-08: an expired message leaves every list and count at once; the worker deletes it from the database on its 1 s schedule", async () => {
    const [aliceGroup, bobGroup] = await groupWith(bob, { fromNs: 1n, inNs: SHORT_NS })
    const id = await aliceGroup.sendText("gone soon")
    await bobGroup.sync()
    const stored = await byId(bob, id)
    const expiresAtNs = stored?.expiresAtNs
    expect(expiresAtNs).toBeDefined()
    await pollUntil("Bob's copy to expire", () => nowNs() > expiresAtNs!)

    // Bob's worker has not run since the message arrived: the row is there, and hidden.
    expect(await byId(bob, id)).toBeDefined()
    expect((await bobGroup.messages()).map((m) => m.id)).not.toContain(id)
    expect(await bobGroup.messages({ contentTypes: [ContentType.Text] })).toEqual([])
    expect(await bobGroup.countMessages({ contentTypes: [ContentType.Text] })).toBe(0)
    expect(await bobGroup.countMessages()).toBe((await transcripts(bob.client, aliceGroup.id)).length)
    expect(await bobGroup.lastMessage()).toMatchObject({ kind: GroupMessageKind.MembershipChange })

    // Alice's worker deletes her copy once it is due, and reports it as the deleted-message stream would.
    await pollUntil("Alice's worker to delete the message", async () => (await byId(alice, id)) === undefined)
    expect(alice.deleted.filter((m) => m.id === id).map((m) => [m.content, m.conversationId])).toEqual([["gone soon", aliceGroup.id]])
    expect(textsIn(await aliceGroup.messages())).toEqual([])
  })

  it("DISAP-07, DISAP-08: transcripts never expire, and an own message has no expiry until it is published", async () => {
    const [aliceGroup, carolGroup] = await groupWith(carol, { fromNs: 1n, inNs: SHORT_NS })
    const transcriptIds = (await aliceGroup.messages()).map((m) => m.id)
    expect(transcriptIds.length).toBeGreaterThan(0)

    const queuedAt = nowNs()
    const id = await aliceGroup.sendText("queued", true)
    expect(await byId(alice, id)).toMatchObject({ deliveryStatus: DeliveryStatus.Unpublished })
    expect((await byId(alice, id))?.expiresAtNs).toBeUndefined()
    // Past in_ns and at least one worker pass after it: still stored and listed, since it is unpublished.
    await pollUntil("in_ns and a worker pass to go by", () => nowNs() > queuedAt + SHORT_NS + 1_500_000_000n)
    expect(textsIn(await aliceGroup.messages())).toEqual(["queued"])

    const beforePublish = nowNs()
    await aliceGroup.publishMessages()
    const published = await byId(alice, id)
    expect(published?.deliveryStatus).toBe(DeliveryStatus.Published)
    expect(published?.expiresAtNs).toBeGreaterThanOrEqual(beforePublish + SHORT_NS)

    await carolGroup.sync()
    await pollUntil("both workers to delete the message", async () => (await byId(alice, id)) === undefined && (await byId(carol, id)) === undefined)
    expect(carol.deleted.map((m) => m.id)).toContain(id)
    // The transcripts were never candidates: every pass left them.
    expect((await aliceGroup.messages()).map((m) => m.id)).toEqual(transcriptIds)
    expect((await carolGroup.messages()).every((m) => m.kind === GroupMessageKind.MembershipChange)).toBe(true)
    for (const transcriptId of transcriptIds) expect(await byId(alice, transcriptId)).toBeDefined()
  })
})
