// Message queries with every ListMessagesOptions field, through two Parley clients on a real node:
// exclusive time bounds, kind, delivery status, content types in and out (reactions, read receipts
// and deletes never listed), senders left out, limit, direction, insertion order, and
// countMessages, which counts what lists hide and leaves a DM's transcripts out unless asked.
import { setTimeout as sleep } from "node:timers/promises"
import { beforeAll, describe, expect, it } from "vitest"
import {
  ContentType,
  DeliveryStatus,
  GroupMessageKind,
  MessageSortBy,
  SortDirection,
  type Client,
  type DecodedMessage,
  type Group,
} from "../../../src/engine/index"
import { useEngineClients } from "../engine/support/engineHarness"

const ids = (messages: DecodedMessage[]) => messages.map((m) => m.id)
const nowNs = () => BigInt(Date.now()) * 1_000_000n

describe("message queries (ListMessagesOptions) through a real node", () => {
  let alice: Client
  let bob: Client
  let aliceGroup: Group
  let bobGroup: Group
  /** Bob's view: the transcript of his joining, then m1..m3 (reactions and receipts hidden). */
  let transcript: DecodedMessage
  let m: { m1: DecodedMessage; m2: DecodedMessage; m3: DecodedMessage }

  useEngineClients("queries", ["alice", "bob"], (s) => ({ clients: { alice, bob } } = s))
  beforeAll(async () => {
    aliceGroup = await alice.conversations.createGroup([bob.inboxId])
    await bob.conversations.sync()
    bobGroup = (await bob.conversations.getConversationById(aliceGroup.id)) as Group
    const m1 = await aliceGroup.sendText("one")
    const m2 = await aliceGroup.sendMarkdown("*two*")
    const m3 = await bobGroup.sendText("three")
    await aliceGroup.sendReaction({ reference: m3, referenceInboxId: bob.inboxId, action: "added", content: "🎉", schema: "unicode" })
    await bobGroup.sendReadReceipt()
    await bobGroup.sync()
    const listed = await bobGroup.messages()
    expect(listed.map((x) => x.kind)).toEqual([GroupMessageKind.MembershipChange, GroupMessageKind.Application, GroupMessageKind.Application, GroupMessageKind.Application])
    const [first, one, two, three] = listed as [DecodedMessage, DecodedMessage, DecodedMessage, DecodedMessage]
    expect(ids([one, two, three])).toEqual([m1, m2, m3])
    transcript = first
    m = { m1: one, m2: two, m3: three }
  })

  it("orders by sent time, either way, and cuts at the limit (0 lists nothing)", async () => {
    const ascending = [transcript.id, m.m1.id, m.m2.id, m.m3.id]
    expect(ids(await bobGroup.messages({ direction: SortDirection.Ascending }))).toEqual(ascending)
    expect(ids(await bobGroup.messages({ direction: SortDirection.Descending }))).toEqual([...ascending].reverse())
    expect(ids(await bobGroup.messages({ limit: 2 }))).toEqual(ascending.slice(0, 2))
    expect(ids(await bobGroup.messages({ limit: 2, direction: SortDirection.Descending }))).toEqual([m.m3.id, m.m2.id])
    expect(await bobGroup.messages({ limit: 0 })).toEqual([])
    expect((await bobGroup.lastMessage())?.id).toBe(m.m3.id)
  })

  it("treats sentAfterNs and sentBeforeNs as exclusive bounds", async () => {
    expect(ids(await bobGroup.messages({ sentAfterNs: m.m1.sentAtNs }))).toEqual([m.m2.id, m.m3.id])
    expect(ids(await bobGroup.messages({ sentBeforeNs: m.m3.sentAtNs }))).toEqual([transcript.id, m.m1.id, m.m2.id])
    expect(ids(await bobGroup.messages({ sentAfterNs: m.m1.sentAtNs, sentBeforeNs: m.m3.sentAtNs }))).toEqual([m.m2.id])
    expect(ids(await bobGroup.messages({ sentAfterNs: m.m3.sentAtNs }))).toEqual([])
  })

  it("filters by kind, content types in and out, and senders", async () => {
    expect(ids(await bobGroup.messages({ kind: GroupMessageKind.MembershipChange }))).toEqual([transcript.id])
    expect(ids(await bobGroup.messages({ kind: GroupMessageKind.Application }))).toEqual([m.m1.id, m.m2.id, m.m3.id])
    expect(ids(await bobGroup.messages({ contentTypes: [ContentType.Markdown] }))).toEqual([m.m2.id])
    expect(ids(await bobGroup.messages({ contentTypes: [ContentType.Text, ContentType.GroupUpdated] }))).toEqual([transcript.id, m.m1.id, m.m3.id])
    expect(ids(await bobGroup.messages({ excludeContentTypes: [ContentType.Text] }))).toEqual([transcript.id, m.m2.id])
    // Asked for by type, hidden types still stay hidden: they are attached instead (ENR-01).
    expect(await bobGroup.messages({ contentTypes: [ContentType.Reaction, ContentType.ReadReceipt] })).toEqual([])
    expect((await bobGroup.messages({ excludeContentTypes: [] })).find((x) => x.id === m.m3.id)?.reactions).toHaveLength(1)
    expect(ids(await bobGroup.messages({ excludeSenderInboxIds: [bob.inboxId] }))).toEqual([transcript.id, m.m1.id, m.m2.id])
    expect(ids(await bobGroup.messages({ excludeSenderInboxIds: [alice.inboxId], kind: GroupMessageKind.Application }))).toEqual([m.m3.id])
  })

  it("filters by delivery status: an optimistic message stays Unpublished until it is published", async () => {
    const pending = await aliceGroup.sendText("not yet", true)
    expect(ids(await aliceGroup.messages({ deliveryStatus: DeliveryStatus.Unpublished }))).toEqual([pending])
    expect(ids(await aliceGroup.messages({ deliveryStatus: DeliveryStatus.Published }))).not.toContain(pending)
    await aliceGroup.publishMessages()
    expect(await aliceGroup.messages({ deliveryStatus: DeliveryStatus.Unpublished })).toEqual([])
    expect((await aliceGroup.messages({ deliveryStatus: DeliveryStatus.Published })).at(-1)?.id).toBe(pending)
    await bobGroup.sync()
    expect((await bobGroup.messages()).at(-1)).toMatchObject({ id: pending, content: "not yet", deliveryStatus: DeliveryStatus.Published })
  })

  it("orders and bounds by the time messages were stored here (sortBy InsertedAt)", async () => {
    await bobGroup.sync()
    const bySentTime = ids(await bobGroup.messages())
    // Bob stored his own m3 when he sent it, before the sync that brought Alice's m1 and m2.
    const storedBefore = [transcript.id, m.m3.id, m.m1.id, m.m2.id, ...bySentTime.slice(4)]
    expect(ids(await bobGroup.messages({ sortBy: MessageSortBy.InsertedAt }))).toEqual(storedBefore)
    await sleep(5)
    const between = nowNs()
    await sleep(5)
    const late = await aliceGroup.sendText("stored later")
    await bobGroup.sync()
    expect(ids(await bobGroup.messages({ insertedAfterNs: between }))).toEqual([late])
    expect(ids(await bobGroup.messages({ sortBy: MessageSortBy.InsertedAt, insertedBeforeNs: between }))).toEqual(storedBefore)
    expect(ids(await bobGroup.messages({ sortBy: MessageSortBy.InsertedAt, direction: SortDirection.Descending, limit: 1 }))).toEqual([late])
  })

  it("counts with the same filters, reactions and read receipts included", async () => {
    const all = await bobGroup.countMessages()
    const listed = (await bobGroup.messages()).length
    // One reaction and one read receipt are counted though not listed.
    expect(all).toBe(listed + 2)
    expect(await bobGroup.countMessages({ contentTypes: [ContentType.Reaction] })).toBe(1)
    expect(await bobGroup.countMessages({ contentTypes: [ContentType.ReadReceipt] })).toBe(1)
    expect(await bobGroup.countMessages({ kind: GroupMessageKind.MembershipChange })).toBe(1)
    expect(await bobGroup.countMessages({ excludeSenderInboxIds: [alice.inboxId] })).toBe(2)
    expect(await bobGroup.countMessages({ sentAfterNs: m.m1.sentAtNs, sentBeforeNs: m.m3.sentAtNs })).toBe(1)
    expect(await bobGroup.countMessages({ excludeContentTypes: [ContentType.Text, ContentType.Reaction, ContentType.ReadReceipt] })).toBe(2)
    expect(await bobGroup.countMessages({ deliveryStatus: DeliveryStatus.Unpublished })).toBe(0)
  })

  it("counts a DM's transcripts only when they are asked for by type", async () => {
    const dm = await alice.conversations.createDm(bob.inboxId)
    await dm.sendText("just us")
    const transcripts = (await dm.messages({ kind: GroupMessageKind.MembershipChange })).length
    expect(transcripts).toBeGreaterThan(0)
    expect(await dm.countMessages()).toBe(1)
    expect(await dm.countMessages({ contentTypes: [ContentType.GroupUpdated] })).toBe(transcripts)
    expect(await dm.countMessages({ kind: GroupMessageKind.MembershipChange })).toBe(0)
  })
})
