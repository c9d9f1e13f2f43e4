// Enriched message lists in a mixed group on Parley's node: Parley alice creates it (and is its
// super admin) with Parley dave and two official SDK clients (@xmtp/node-sdk 6.0.0), bob and carol.
// All four react and take reactions back, reply to replies, send read receipts; alice deletes
// carol's message, dave deletes his own, and a plain member on each side sends a DeleteMessage for
// someone else's message, which everyone ignores. Then the lists are compared field by field
// (id, sender, type, content, reactions, reply counts, reply targets, deletions): Parley's view
// against the SDK's, from members who joined alike, and with the same query options on both sides.
import type { Group as SdkGroup } from "@xmtp/node-sdk"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { deleteMessageCodec, textCodec, type Reaction } from "../../../src/engine/content/index"
import { type Client, ContentType, GroupMessageKind, SortDirection, type Group, type ListMessagesOptions } from "../../../src/engine/index"
import { toSdkEncoded, toSdkReaction } from "../../integration/content/support/sdkShapes"
import { conversationSeenBy } from "../support/conversationWaits"
import { pollUntil } from "../support/deadline"
import { InteropHarness } from "../support/interopHarness"
import type { LabelledClient } from "../support/sdkClient"
import type { TestNode } from "../support/testNode"
import { viewParley, viewSdk, type ViewedMessage } from "./support/enrichedView"
import { reaction, toSdkListOptions } from "./support/enrichmentInputs"

type ParleyName = "alice" | "dave"
type SdkName = "bob" | "carol"

describe("enriched messages in a group of Parley and official SDK clients", () => {
  let h: InteropHarness
  let node: TestNode
  const parley = {} as Record<ParleyName, Client>
  const sdk = {} as Record<SdkName, LabelledClient>
  const parleyGroup = {} as Record<ParleyName, Group>
  const sdkGroup = {} as Record<SdkName, SdkGroup>
  const inbox = (name: ParleyName | SdkName) => (name === "alice" || name === "dave" ? parley[name].inboxId : sdk[name].client.inboxId)
  const ids = {} as Record<string, string>

  const syncAll = async () => {
    for (const name of ["alice", "dave"] as const) await parleyGroup[name].sync()
    for (const name of ["bob", "carol"] as const) await sdkGroup[name].sync()
  }
  const parleyView = async (name: ParleyName, options?: ListMessagesOptions) => (await parleyGroup[name].messages(options)).map(viewParley)
  const sdkView = async (name: SdkName, options?: ListMessagesOptions) =>
    (await sdkGroup[name].messages(options && toSdkListOptions(options))).map(viewSdk)

  /** A joiner's "added you" transcript names the joiner: the one place members' lists differ. */
  const asJoiner = (list: ViewedMessage[], self: string): ViewedMessage[] =>
    list.map((m) => {
      const update = m.content as { addedInboxes?: Array<{ inboxId: string }> } | undefined
      const isWelcome = m.kind === GroupMessageKind.MembershipChange && update?.addedInboxes?.length === 1 && update.addedInboxes[0]?.inboxId === self
      return isWelcome ? { ...m, id: "<welcome>", content: { ...update, addedInboxes: [{ inboxId: "<self>" }] } } : m
    })

  beforeAll(async () => {
    h = await InteropHarness.create("enrichment")
    node = await h.startNode()
    for (const name of ["alice", "dave"] as const) {
      parley[name] = await h.createParleyClient(node, name)
    }
    for (const name of ["bob", "carol"] as const) sdk[name] = await h.createClient(node, { label: name })
    parleyGroup.alice = await parley.alice.conversations.createGroup([inbox("bob"), inbox("carol"), inbox("dave")])
    for (const name of ["bob", "carol"] as const) sdkGroup[name] = (await conversationSeenBy(sdk[name], parleyGroup.alice.id)) as SdkGroup
    parleyGroup.dave = await pollUntil("dave to join from his welcome", async () => {
      await parley.dave.conversations.sync()
      return (await parley.dave.conversations.getConversationById(parleyGroup.alice.id)) as Group | undefined
    })
    await syncAll()
  })

  afterAll(async () => {
    await h?.close()
  })

  it("runs the scenario: messages, reactions added and taken back, replies to replies, read receipts, deletions", async () => {
    const { alice, dave } = parleyGroup
    const { bob, carol } = sdkGroup
    const step = async <T>(send: () => Promise<T>): Promise<T> => {
      const result = await send()
      await syncAll()
      return result
    }
    ids.hello = await step(() => alice.sendText("hello from alice (Parley)"))
    ids.bobText = await step(() => bob.sendText("hi from bob (SDK)"))
    ids.carolText = await step(() => carol.sendText("hey from carol (SDK)"))
    ids.daveText = await step(() => dave.sendText("dave (Parley) here"))

    await step(() => bob.sendReaction(toSdkReaction(reaction(ids.hello!, inbox("alice"), "👍"))))
    await step(() => carol.sendReaction(toSdkReaction(reaction(ids.hello!, inbox("alice"), "👍"))))
    await step(() => dave.sendReaction(reaction(ids.hello!, inbox("alice"), "❤️")))
    await step(() => alice.sendReaction(reaction(ids.bobText!, inbox("bob"), "😂")))
    await step(() => carol.sendReaction(toSdkReaction(reaction(ids.hello!, inbox("alice"), "👍", "removed"))))
    await step(() => alice.sendReaction(reaction(ids.carolText!, inbox("carol"), "🙈")))

    ids.bobReply = await step(() => bob.sendReply({ reference: ids.hello!, referenceInboxId: inbox("alice"), content: toSdkEncoded(textCodec.encode("re: hello")) }))
    ids.daveReply = await step(() => dave.sendReply({ reference: ids.bobReply!, referenceInboxId: inbox("bob"), content: textCodec.encode("re: re: hello") }))
    ids.carolReply = await step(() => carol.sendReply({ reference: ids.daveReply!, content: toSdkEncoded(textCodec.encode("re³")) }))
    ids.aliceReply = await step(() => alice.sendReply({ reference: ids.carolText!, referenceInboxId: inbox("carol"), content: textCodec.encode("about that…") }))

    await step(() => bob.sendReadReceipt())
    await step(() => dave.sendReadReceipt())

    // A plain member on each side tries to delete someone else's message: everyone ignores it.
    await step(() => carol.send(toSdkEncoded(deleteMessageCodec.encode({ messageId: ids.hello! })), { shouldPush: false }))
    await step(() => dave.send(deleteMessageCodec.encode({ messageId: ids.bobText! })))
    await expect(dave.deleteMessage(ids.bobText!)).rejects.toMatchObject({ code: "NotAuthorized" })
    // The super admin deletes carol's message; dave deletes his own.
    await step(async () => {
      await alice.deleteMessage(ids.carolText!)
      await alice.publishMessages()
    })
    await step(async () => {
      await dave.deleteMessage(ids.daveText!)
      await dave.publishMessages()
    })
  })

  it("shows the SDK applying Parley's deletions and ignoring a plain member's", async () => {
    for (const name of ["bob", "carol"] as const) {
      const list = await sdkView(name)
      const of = (id: string) => list.find((m) => m.id === id)
      expect(of(ids.carolText!), name).toMatchObject({ contentType: "xmtp.org/deletedMessage:1.0", content: { deletedBy: "admin", adminInboxId: inbox("alice") }, reactions: [] })
      expect(of(ids.daveText!), name).toMatchObject({ contentType: "xmtp.org/deletedMessage:1.0", content: { deletedBy: "sender" } })
      expect(of(ids.hello!), name).toMatchObject({ content: "hello from alice (Parley)", numReplies: 1 })
      expect(of(ids.hello!)?.reactions.map((r) => (r.content as Reaction).action)).toEqual(["added", "added", "added", "removed"])
      expect(of(ids.bobText!), name).toMatchObject({ content: "hi from bob (SDK)" })
      expect((of(ids.aliceReply!)?.content as { inReplyTo: ViewedMessage }).inReplyTo).toMatchObject({ id: ids.carolText, content: { deletedBy: "admin", adminInboxId: inbox("alice") } })
    }
  })

  it("gives the same enriched list on Parley and on the SDK, for members who joined alike", async () => {
    const dave = asJoiner(await parleyView("dave"), inbox("dave"))
    expect(dave.filter((m) => m.id === "<welcome>")).toHaveLength(1)
    for (const name of ["bob", "carol"] as const) {
      expect(asJoiner(await sdkView(name), inbox(name)), `dave (Parley) against ${name} (SDK)`).toEqual(dave)
    }
  })

  it("enriches a message read on its own alike on both sides (getMessageById)", async () => {
    const listed = (await parleyGroup.dave.messages()).map((m) => m.id)
    for (const id of [...listed.slice(1), ids.carolReply!]) {
      const onParley = parley.dave.conversations.getMessageById(id)
      const onSdk = sdk.bob.client.conversations.getMessageById(id)
      expect(onParley && viewParley(onParley), id).toEqual(onSdk && viewSdk(onSdk))
    }
  })

  it("gives the creator's application messages alike on both sides", async () => {
    const applications = (list: ViewedMessage[]) => list.filter((m) => m.kind === GroupMessageKind.Application)
    const alice = applications(await parleyView("alice"))
    expect(alice).toHaveLength(8)
    expect(applications(await sdkView("bob"))).toEqual(alice)
  })

  it("answers every query option alike on both sides", async () => {
    const hello = (await parleyGroup.dave.messages()).find((m) => m.id === ids.hello)!
    const carolReply = (await parleyGroup.dave.messages()).find((m) => m.id === ids.carolReply)!
    const queries: ListMessagesOptions[] = [
      { direction: SortDirection.Descending, limit: 3 },
      { limit: 2 },
      { sentAfterNs: hello.sentAtNs, sentBeforeNs: carolReply.sentAtNs },
      { contentTypes: [ContentType.Text] },
      { contentTypes: [ContentType.Reaction, ContentType.ReadReceipt] },
      { excludeContentTypes: [ContentType.Reply, ContentType.GroupUpdated] },
      { excludeSenderInboxIds: [inbox("bob"), inbox("alice")] },
      { kind: GroupMessageKind.Application, direction: SortDirection.Descending },
    ]
    const dave = parleyGroup.dave
    const bob = sdkGroup.bob
    for (const query of queries) {
      const label = JSON.stringify(query, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))
      expect(asJoiner(await sdkView("bob", query), inbox("bob")), label).toEqual(asJoiner(await parleyView("dave", query), inbox("dave")))
    }
    const counts: Array<Omit<ListMessagesOptions, "limit" | "direction">> = [
      {},
      { contentTypes: [ContentType.Reaction] },
      { contentTypes: [ContentType.ReadReceipt] },
      { kind: GroupMessageKind.MembershipChange },
      { excludeSenderInboxIds: [inbox("carol")] },
      { sentAfterNs: hello.sentAtNs },
    ]
    for (const query of counts) {
      const label = JSON.stringify(query, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))
      expect(await bob.countMessages(toSdkListOptions(query)), label).toBe(await dave.countMessages(query))
    }
  })

  it("derives the same last-read times from read receipts on both sides", async () => {
    const parleyTimes = await parleyGroup.alice.lastReadTimes()
    expect(Object.keys(parleyTimes).sort()).toEqual([inbox("bob"), inbox("dave")].sort())
    const asNumbers = Object.fromEntries(Object.entries(parleyTimes).map(([k, v]) => [k, Number(v)]))
    for (const name of ["bob", "carol"] as const) expect(await sdkGroup[name].lastReadTimes(), name).toEqual(asNumbers)
    expect(await parleyGroup.dave.lastReadTimes()).toEqual(parleyTimes)
  })
})
