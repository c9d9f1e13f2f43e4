// Message queries judged against the official SDK (@xmtp/node-sdk 6.0.0, libxmtp 1.10): Parley
// alice and SDK bob share a group on Parley's node and run the same ListMessagesOptions over the
// same messages (ordering, exclusive time bounds, every filter), count DM and group messages the
// same way, and a DM that Parley creates twice at once keeps one membership transcript.
import type { Dm as SdkDm, Group as SdkGroup } from "@xmtp/node-sdk"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { textCodec } from "../../../src/engine/content/index"
import {
  type Client,
  ContentType,
  ConversationType,
  DeliveryStatus,
  GroupMessageKind,
  MessageSortBy,
  SortDirection,
  type Dm,
  type Group,
  type ListMessagesOptions,
} from "../../../src/engine/index"
import { toSdkEncoded, toSdkReaction } from "../content/support/sdkShapes"
import { conversationSeenBy } from "../../interop/support/conversationWaits"
import { pollUntil } from "../../interop/support/deadline"
import { InteropHarness } from "../../interop/support/interopHarness"
import type { LabelledClient } from "../../interop/support/sdkClient"
import type { TestNode } from "../../interop/support/testNode"
import { toSdkListOptions } from "../../interop/enrichment/support/enrichmentInputs"

const APP = { kind: GroupMessageKind.Application } as const

describe("message queries, Parley beside the SDK", () => {
  let h: InteropHarness
  let node: TestNode
  let alice: Client
  let bob: LabelledClient
  let aliceGroup: Group
  let bobGroup: SdkGroup
  /** The application messages both list, in sent order: a1 (text), b1 (text), a2 (markdown), b2 (reply). */
  const m = {} as Record<"a1" | "b1" | "a2" | "b2", { id: string; sentAtNs: bigint }>

  const parleyIds = async (options: ListMessagesOptions) => (await aliceGroup.messages(options)).map((x) => x.id)
  const sdkIds = async (options: ListMessagesOptions) => (await bobGroup.messages(toSdkListOptions(options))).map((x) => x.id)
  /** Both clients' answers to the same query, which must agree. */
  const bothList = async (options: ListMessagesOptions) => {
    const [parley, sdk] = [await parleyIds(options), await sdkIds(options)]
    expect(parley, JSON.stringify(options, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).toEqual(sdk)
    return parley
  }
  beforeAll(async () => {
    h = await InteropHarness.create("msg-queries")
    node = await h.startNode()
    alice = await h.createParleyClient(node, "alice")
    bob = await h.createClient(node, { label: "bob" })
    aliceGroup = await alice.conversations.createGroup([bob.client.inboxId])
    bobGroup = (await conversationSeenBy(bob, aliceGroup.id)) as SdkGroup
    const a1 = await aliceGroup.sendText("a1")
    await bobGroup.sync()
    const b1 = await bobGroup.sendText("b1")
    await aliceGroup.sync()
    const a2 = await aliceGroup.sendMarkdown("**a2**")
    await bobGroup.sync()
    const b2 = await bobGroup.sendReply({ reference: a1, content: toSdkEncoded(textCodec.encode("b2")) })
    // Listed by neither (reactions and read receipts are attached or hidden), counted by both.
    await bobGroup.sendReaction(toSdkReaction({ reference: a2, referenceInboxId: alice.inboxId, action: "added", content: "👍", schema: "unicode" }))
    await aliceGroup.sendReadReceipt()
    await bobGroup.sync()
    await aliceGroup.sync()
    const listed = await aliceGroup.messages(APP)
    expect(listed.map((x) => x.id)).toEqual([a1, b1, a2, b2])
    for (const [name, message] of [["a1", listed[0]], ["b1", listed[1]], ["a2", listed[2]], ["b2", listed[3]]] as const) {
      m[name] = { id: message!.id, sentAtNs: message!.sentAtNs }
    }
  })

  afterAll(async () => {
    await h?.close()
  })

  it("QUERY-01: by sent time ascending by default, reversed on request, limited, as the SDK orders them", async () => {
    const ids = [m.a1.id, m.b1.id, m.a2.id, m.b2.id]
    expect(await bothList(APP)).toEqual(ids)
    expect(await bothList({ ...APP, direction: SortDirection.Ascending, sortBy: MessageSortBy.SentAt })).toEqual(ids)
    expect(await bothList({ ...APP, direction: SortDirection.Descending })).toEqual([...ids].reverse())
    expect(await bothList({ ...APP, limit: 2 })).toEqual(ids.slice(0, 2))
    expect(await bothList({ ...APP, limit: 2, direction: SortDirection.Descending })).toEqual([m.b2.id, m.a2.id])
  })

  it("QUERY-01: sortBy InsertedAt orders by when each client stored a message", async () => {
    // A sender stores its message before the sync that sends it brings what others sent meanwhile.
    const first = await aliceGroup.sendText("first")
    const second = await bobGroup.sendText("second, stored by bob before first")
    const third = await aliceGroup.sendText("third, stored by alice before second")
    await bobGroup.sync()
    const sent = { ...APP, sentAfterNs: m.b2.sentAtNs }
    const inserted = { ...sent, sortBy: MessageSortBy.InsertedAt }
    expect(await bothList(sent)).toEqual([first, second, third])
    expect(await sdkIds(inserted)).toEqual([second, first, third])
    expect(await parleyIds(inserted)).toEqual([first, third, second])
    expect(await parleyIds({ ...inserted, direction: SortDirection.Descending })).toEqual([second, third, first])
  })

  it("QUERY-02: sent-time bounds are exclusive, as in libxmtp", async () => {
    expect(await bothList({ ...APP, sentAfterNs: m.a1.sentAtNs, sentBeforeNs: m.b2.sentAtNs })).toEqual([m.b1.id, m.a2.id])
    expect(await bothList({ ...APP, sentBeforeNs: m.b1.sentAtNs })).toEqual([m.a1.id])
    expect(await bothList({ ...APP, sentAfterNs: m.a2.sentAtNs, sentBeforeNs: m.b2.sentAtNs })).toEqual([])
    expect(await bothList({ ...APP, sentAfterNs: m.a1.sentAtNs - 1n, sentBeforeNs: m.a1.sentAtNs + 1n })).toEqual([m.a1.id])
  })

  it("QUERY-02: insertion-time bounds select what a client stored after or before a moment", async () => {
    const clockNs = () => BigInt(Date.now()) * 1_000_000n
    const earlier = (await parleyIds(APP)).length
    const moment = clockNs()
    await pollUntil("the clock to pass the moment", () => clockNs() > moment, { intervalMs: 1 })
    const late = await aliceGroup.sendText("stored after the moment")
    expect(await parleyIds({ ...APP, insertedAfterNs: moment })).toEqual([late])
    expect(await parleyIds({ ...APP, insertedBeforeNs: moment })).toHaveLength(earlier)
    expect(await parleyIds({ ...APP, insertedBeforeNs: moment, sortBy: MessageSortBy.InsertedAt, direction: SortDirection.Descending, limit: 1 })).not.toContain(late)
  })

  it("QUERY-03: kind, delivery status, content types in and out, excluded senders and limit combine with AND", async () => {
    const all = [m.a1.id, m.b1.id, m.a2.id, m.b2.id]
    const window = { sentAfterNs: m.a1.sentAtNs - 1n, sentBeforeNs: m.b2.sentAtNs + 1n }
    expect(await bothList({ ...window, kind: GroupMessageKind.Application })).toEqual(all)
    expect(await bothList({ ...window, kind: GroupMessageKind.MembershipChange })).toEqual([])
    expect(await bothList({ ...window, deliveryStatus: DeliveryStatus.Published })).toEqual(all)
    expect(await bothList({ ...window, deliveryStatus: DeliveryStatus.Unpublished })).toEqual([])
    expect(await bothList({ ...window, contentTypes: [ContentType.Markdown, ContentType.Reply] })).toEqual([m.a2.id, m.b2.id])
    expect(await bothList({ ...window, excludeContentTypes: [ContentType.Text] })).toEqual([m.a2.id, m.b2.id])
    expect(await bothList({ ...window, excludeSenderInboxIds: [bob.client.inboxId] })).toEqual([m.a1.id, m.a2.id])
    expect(await bothList({ ...window, contentTypes: [ContentType.Text, ContentType.Reply], excludeSenderInboxIds: [alice.inboxId], limit: 1 })).toEqual([m.b1.id])
    expect(await bothList({ ...window, contentTypes: [ContentType.Text], excludeContentTypes: [ContentType.Text] })).toEqual([])
    // Membership transcripts are filtered by kind and type like the rest (each client has its own).
    expect((await aliceGroup.messages({ kind: GroupMessageKind.MembershipChange })).every((x) => x.contentType.typeId === "group_updated")).toBe(true)
    expect(await parleyIds({ contentTypes: [ContentType.GroupUpdated] })).toEqual(await parleyIds({ kind: GroupMessageKind.MembershipChange }))
  })

  it("DM-16: a DM's count leaves its transcripts out unless asked for by type; a group's includes them", async () => {
    const aliceDm = await alice.conversations.createDm(bob.client.inboxId)
    await aliceDm.sendText("dm one")
    const bobDm = (await conversationSeenBy(bob, aliceDm.id)) as SdkDm
    await bobDm.sendText("dm two")
    await aliceDm.sync()
    await bobDm.sync()

    for (const [count, transcripts] of [
      [(o: ListMessagesOptions) => aliceDm.countMessages(o), async () => (await aliceDm.messages({ kind: GroupMessageKind.MembershipChange })).length],
      [(o: ListMessagesOptions) => bobDm.countMessages(toSdkListOptions(o)), async () => (await bobDm.messages(toSdkListOptions({ kind: GroupMessageKind.MembershipChange }))).length],
    ] as const) {
      expect(await transcripts()).toBeGreaterThan(0)
      expect(await count({})).toBe(2)
      expect(await count({ kind: GroupMessageKind.MembershipChange })).toBe(0)
      expect(await count({ contentTypes: [ContentType.GroupUpdated] })).toBe(await transcripts())
      expect(await count({ contentTypes: [ContentType.Text, ContentType.GroupUpdated] })).toBe(2 + (await transcripts()))
    }

    // In a group, transcripts count like any message; reactions and read receipts count though never listed.
    await bobGroup.sync()
    const parleyTranscripts = await aliceGroup.countMessages({ kind: GroupMessageKind.MembershipChange })
    expect(parleyTranscripts).toBeGreaterThan(0)
    expect(await aliceGroup.countMessages()).toBe((await aliceGroup.messages()).length + 2)
    const sdkTranscripts = await bobGroup.countMessages(toSdkListOptions({ kind: GroupMessageKind.MembershipChange }))
    expect(sdkTranscripts).toBeGreaterThan(0)
    expect(await bobGroup.countMessages()).toBe((await bobGroup.messages()).length + 2)
    expect((await aliceGroup.countMessages()) - parleyTranscripts).toBe((await bobGroup.countMessages()) - sdkTranscripts)
  })

  it("DM-15: a DM created twice at once keeps one 'added' transcript across its stitched copies", async () => {
    const carol = await h.createParleyClient(node, "carol")
    const dave = await h.createParleyClient(node, "dave")
    const [one, two] = await Promise.all([carol.conversations.createDm(dave.inboxId), carol.conversations.createDm(dave.inboxId)])
    expect(one.id).not.toBe(two.id)
    const duplicates = await carol.conversations.list({ conversationType: ConversationType.Dm, includeDuplicateDms: true })
    expect(duplicates.map((dm) => dm.id).sort()).toEqual([one.id, two.id].sort())
    // Both commits added dave; the second to be read back repeated the first and was not stored.
    for (const dm of [one, two] as Dm[]) {
      const transcripts = await dm.messages({ kind: GroupMessageKind.MembershipChange })
      expect(transcripts).toHaveLength(1)
      expect(transcripts[0]?.content).toMatchObject({ addedInboxes: [{ inboxId: dave.inboxId }] })
    }
    // The dedupe is for DMs only: a group keeps every transcript, repeated or not.
    const group = await carol.conversations.createGroup([dave.inboxId])
    await group.removeMembers([dave.inboxId])
    await group.addMembers([dave.inboxId])
    const added = (await group.messages({ kind: GroupMessageKind.MembershipChange })).filter((x) => (x.content as { addedInboxes: unknown[] }).addedInboxes.length > 0)
    expect(added).toHaveLength(2)
  })
})
