// Enriched message lists (libxmtp 1.10 message_list.rs, messages/enrichment.rs, decoded_message.rs)
// checked against the official SDK (@xmtp/node-sdk 6.0.0) in one group on Parley's node: Parley
// alice creates it with Parley bob and lea, Parley mallory and SDK sid. Mallory's client is closed
// after joining and her installation then sends, from its stored MLS state, a payload that is not
// an EncodedContent (no client API can). Bob's (Parley) and sid's (SDK) views are compared: both
// joined in the same commit, so they hold the same messages.
import { randomUUID } from "node:crypto"
import { bytesToHex } from "@noble/hashes/utils.js"
import type { Dm as SdkDm, Group as SdkGroup } from "@xmtp/node-sdk"
import { createApplicationMessage, encode, mlsMessageEncoder } from "ts-mls"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createApiClient } from "../../../src/engine/api/index"
import { contentTypeId, reactionCodec, textCodec, type EncodedContent, type Reaction } from "../../../src/engine/content/index"
import { saveGroupState } from "../../../src/engine/groups/groupState"
import { calculateMessageId } from "../../../src/engine/groups/messageId"
import { xmtpMlsContext } from "../../../src/engine/groups/mlsContext"
import {
  type Client,
  ContentType,
  GroupMessageKind,
  SortDirection,
  type DecodedMessage,
  type EnrichedReply,
  type Group,
  type ListMessagesOptions,
} from "../../../src/engine/index"
import { content as contentProto } from "../../../src/engine/proto/index"
import { ClientDatabase } from "../../../src/engine/storage/clientDatabase"
import type { ClientProfile } from "../engine/support/engineHarness"
import { storedGroupState } from "../engine/support/mlsStateOnDisk"
import { toSdkEncoded, toSdkReaction } from "../content/support/sdkShapes"
import { viewParley, viewSdk, type ViewedMessage } from "../../interop/enrichment/support/enrichedView"
import { conversationSeenBy } from "../../interop/support/conversationWaits"
import { pollUntil } from "../../interop/support/deadline"
import { InteropHarness } from "../../interop/support/interopHarness"
import type { LabelledClient } from "../../interop/support/sdkClient"
import type { TestNode } from "../../interop/support/testNode"
import { storedMessage } from "./support/deletionRecords"
import { reaction, toSdkListOptions } from "../../interop/enrichment/support/enrichmentInputs"

type ParleyName = "alice" | "bob" | "lea" | "mallory"
const PARLEY: readonly ParleyName[] = ["alice", "bob", "lea", "mallory"]

describe("enriched lists on Parley and on the official SDK", () => {
  let h: InteropHarness
  let node: TestNode
  const profiles = {} as Record<ParleyName, ClientProfile>
  const parley = {} as Record<ParleyName, Client>
  const groups = {} as Record<ParleyName, Group>
  let sid: LabelledClient
  let sidGroup: SdkGroup
  const inbox = (name: ParleyName | "sid") => (name === "sid" ? sid.client.inboxId : parley[name].inboxId)

  const syncAll = async () => {
    for (const name of ["alice", "bob", "lea"] as const) await groups[name].sync()
    await sidGroup.sync()
  }
  const bobView = async (options?: ListMessagesOptions) => (await groups.bob.messages(options)).map(viewParley)
  const sidView = async (options?: ListMessagesOptions) => (await sidGroup.messages(options && toSdkListOptions(options))).map(viewSdk)
  const applications = (list: ViewedMessage[]) => list.filter((m) => m.kind === GroupMessageKind.Application)
  const byId = (list: ViewedMessage[], id: string) => list.find((m) => m.id === id)

  beforeAll(async () => {
    h = await InteropHarness.create("enriched-lists")
    node = await h.startNode()
    for (const name of PARLEY) {
      profiles[name] = h.parleyProfile(name)
      parley[name] = await h.createParleyClient(node, profiles[name])
    }
    sid = await h.createClient(node, { label: "sid" })
    groups.alice = await parley.alice.conversations.createGroup([inbox("bob"), inbox("lea"), inbox("mallory"), inbox("sid")])
    for (const name of ["bob", "lea", "mallory"] as const) {
      groups[name] = await pollUntil(`${name} to join`, async () => {
        await parley[name].conversations.sync()
        return (await parley[name].conversations.getConversationById(groups.alice.id)) as Group | undefined
      })
    }
    sidGroup = (await conversationSeenBy(sid, groups.alice.id)) as SdkGroup
    await groups.mallory.sync()
    await parley.mallory.close()
    await syncAll()
  })

  afterAll(async () => {
    await h?.close()
  })

  /**
   * Mallory's installation sends `content` as a PlaintextEnvelope's content, whatever the bytes are,
   * and keeps the state that leaves (a second message from the old state would reuse its key).
   */
  const malloryPublishes = async (content: Uint8Array): Promise<string> => {
    const idempotencyKey = `mallory-${randomUUID()}`
    const envelope = contentProto.PlaintextEnvelope.encode({ v1: { content, idempotencyKey } }).finish()
    const built = await createApplicationMessage({ context: await xmtpMlsContext(), state: storedGroupState(profiles.mallory, groups.alice.id), message: envelope })
    const db = ClientDatabase.open(profiles.mallory.dbPath, profiles.mallory.dbEncryptionKey)
    try {
      saveGroupState(db, Buffer.from(groups.alice.id, "hex"), built.newState)
    } finally {
      db.close()
    }
    const api = createApiClient({ apiUrl: node.address })
    try {
      await api.mls.sendGroupMessages([{ data: encode(mlsMessageEncoder, built.message), shouldPush: false }])
    } finally {
      api.close()
    }
    return bytesToHex(calculateMessageId(Buffer.from(groups.alice.id, "hex"), content, idempotencyKey))
  }

  it("ENR-02: attaches each reaction to the message it references, oldest first, from Parley and SDK senders alike; a payload that is not EncodedContent never becomes one", async () => {
    const target = await groups.alice.sendText("react to me")
    const other = await groups.bob.sendText("and not to me")
    await syncAll()
    const sent: string[] = []
    sent.push(await groups.bob.sendReaction(reaction(target, inbox("alice"), "👍")))
    await syncAll()
    sent.push(await sidGroup.sendReaction(toSdkReaction(reaction(target, inbox("alice"), "🎉"))))
    await syncAll()
    sent.push(await groups.lea.sendReaction(reaction(target, inbox("alice"), "👍", "removed")))
    // A reaction of a version no codec reads still names its target: attached, without content.
    const future: EncodedContent = { ...reactionCodec.encode(reaction(target, inbox("alice"), "🚀")), type: contentTypeId("xmtp.org", "reaction", 3, 0) }
    sent.push(await groups.lea.send(future))
    await syncAll()
    await malloryPublishes(new TextEncoder().encode(`not an EncodedContent, though it names ${target}`))
    await syncAll()

    const bob = await bobView()
    const sidList = await sidView()
    for (const [who, list] of [["bob", bob], ["sid", sidList]] as const) {
      expect(byId(list, target)?.reactions.map((r) => r.id), who).toEqual(sent)
      expect(byId(list, target)?.reactions.map((r) => (r.content as Reaction | undefined)?.content ?? null), who).toEqual(["👍", "🎉", "👍", null])
      expect(byId(list, other)?.reactions, who).toEqual([])
    }
    const sentAts = byId(bob, target)!.reactions.map((r) => BigInt(r.sentAtNs))
    expect([...sentAts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(sentAts)
    expect(byId(bob, target)).toEqual(byId(sidList, target))
  })

  it("ENR-03: counts replies and fills in_reply_to from the referenced message, or leaves it empty when the reference is missing or not hex", async () => {
    const root = await sidGroup.sendText("root from the SDK")
    await syncAll()
    const first = await groups.bob.sendReply({ reference: root, referenceInboxId: inbox("sid"), content: textCodec.encode("bob answers") })
    const second = await sidGroup.sendReply({ reference: root, referenceInboxId: inbox("sid"), content: toSdkEncoded(textCodec.encode("sid adds")) })
    await syncAll()
    const toReply = await groups.alice.sendReply({ reference: first, content: textCodec.encode("alice answers bob") })
    const missing = await groups.alice.sendReply({ reference: "ab".repeat(32), content: textCodec.encode("to nothing here") })
    const notHex = await groups.lea.sendReply({ reference: "not-hex!", content: textCodec.encode("to a broken reference") })
    await syncAll()

    for (const [who, list] of [["bob", await bobView()], ["sid", await sidView()]] as const) {
      expect([root, first, second, toReply, missing, notHex].map((id) => byId(list, id)?.numReplies), who).toEqual([2, 1, 0, 0, 0, 0])
      const inReplyTo = (id: string) => (byId(list, id)?.content as { inReplyTo: ViewedMessage | null }).inReplyTo
      expect(inReplyTo(first), who).toMatchObject({ id: root, content: "root from the SDK", numReplies: 0, reactions: [] })
      expect(inReplyTo(second)?.id, who).toBe(root)
      expect(inReplyTo(toReply)?.id, who).toBe(first)
      expect(inReplyTo(missing), who).toBeNull()
      expect(inReplyTo(notHex), who).toBeNull()
      expect((byId(list, notHex)?.content as { referenceId: string }).referenceId, who).toBe("not-hex!")
    }
    expect(applications(await bobView())).toEqual(applications(await sidView()))
  })

  it("ENR-03: fills in_reply_to across a DM's stitched groups", async () => {
    // Both create the DM before either has seen the other's: two groups, one conversation.
    const aliceDm = await parley.alice.conversations.createDm(inbox("bob"))
    const bobDm = await parley.bob.conversations.createDm(inbox("alice"))
    expect(bobDm.id).not.toBe(aliceDm.id)
    const question = await aliceDm.sendText("in alice's DM group")
    await parley.bob.conversations.syncAll()
    const answer = await bobDm.sendReply({ reference: question, content: textCodec.encode("from bob's DM group") })
    await parley.alice.conversations.syncAll()
    for (const client of [parley.alice, parley.bob]) {
      const dm = client.conversations.getDmByInboxId(client === parley.alice ? inbox("bob") : inbox("alice"))!
      const list = await dm.messages()
      expect(list.find((m) => m.id === question)?.numReplies).toBe(1)
      expect((list.find((m) => m.id === answer)?.content as EnrichedReply).inReplyTo?.content).toBe("in alice's DM group")
    }
  })

  it("ENR-04: leaves a payload that is not EncodedContent out of lists (not out of counts), and shows unknown types and versions, alone or inside a reply, as custom content", async () => {
    const countBefore = await groups.bob.countMessages()
    const sticker: EncodedContent = { type: contentTypeId("example.org", "sticker", 1, 0), parameters: new Map([["size", "big"]]), fallback: "[a sticker]", content: new Uint8Array([7, 7, 7]) }
    const textV2: EncodedContent = { ...textCodec.encode("text of a future major version"), type: contentTypeId("xmtp.org", "text", 2, 0), fallback: "text v2" }
    const stickerId = await groups.alice.send(sticker)
    const textV2Id = await groups.lea.send(textV2)
    const replyId = await groups.alice.sendReply({ reference: stickerId, content: sticker })
    await syncAll()
    const garbage = new Uint8Array([0xff, 0xff, 0xff, 0xff])
    const garbageId = await malloryPublishes(garbage)
    await syncAll()
    // The limit applies to stored rows before undecodable ones are dropped: with mallory's payload
    // newest, a one-message page (and so lastMessage()) is empty on both sides.
    expect(await groups.bob.lastMessage()).toBeUndefined()
    expect(await sidGroup.lastMessage()).toBeUndefined()
    expect((await groups.bob.messages({ limit: 2, direction: SortDirection.Descending })).map((m) => m.id)).toEqual([replyId])
    expect(await groups.bob.countMessages()).toBe(countBefore + 4)

    const bob = await bobView()
    const sidList = await sidView()
    for (const [who, list] of [["bob", bob], ["sid", sidList]] as const) {
      expect(applications(list).filter((m) => m.senderInboxId === inbox("mallory")), who).toEqual([])
      expect(byId(list, stickerId), who).toMatchObject({ contentType: "example.org/sticker:1.0", fallback: "[a sticker]" })
      expect(byId(list, textV2Id), who).toMatchObject({ contentType: "xmtp.org/text:2.0", fallback: "text v2" })
      expect(byId(list, replyId)?.content, who).toMatchObject({ referenceId: stickerId, contentType: "example.org/sticker:1.0", content: { content: "070707", fallback: "[a sticker]" } })
    }
    // Parley shows no decoded value for either, as the SDK does without a codec for them.
    expect(byId(bob, stickerId)?.content).toBeUndefined()
    expect(byId(bob, textV2Id)?.content).toBeUndefined()
    expect(byId(bob, stickerId)).toEqual(byId(sidList, stickerId))
    expect(byId(bob, textV2Id)).toEqual(byId(sidList, textV2Id))
    expect(byId(bob, replyId)).toEqual(byId(sidList, replyId))
    // Stored all the same: mallory's payload is in Bob's raw rows, as an Unknown content type.
    const newest = await groups.bob.countMessages({ contentTypes: [ContentType.Custom] })
    expect(newest).toBe(3)
    expect(await sidGroup.countMessages(toSdkListOptions({ contentTypes: [ContentType.Custom] }))).toBe(newest)
    expect(storedMessage(profiles.bob, garbageId)).toMatchObject({ senderInboxId: inbox("mallory"), decryptedMessageBytes: garbage })
  })

  it("NODE-02: messages() is the enriched list, lastMessage() its newest entry, and countMessages() the raw count, on both sides", async () => {
    const last = await groups.alice.sendText("the last listed message")
    await syncAll()
    await groups.lea.sendReaction(reaction(last, inbox("alice"), "✅"))
    await groups.bob.sendReadReceipt()
    await syncAll()
    // The newest messages are a reaction and a read receipt: hidden, so the last listed is the text.
    const parleyLast = await groups.bob.lastMessage()
    expect(parleyLast?.id).toBe(last)
    expect(parleyLast?.reactions.map((r) => r.senderInboxId)).toEqual([inbox("lea")])
    expect(parleyLast).toEqual((await groups.bob.messages({ limit: 1, direction: SortDirection.Descending }))[0])
    const sdkLast = await sidGroup.lastMessage()
    expect(viewParley(parleyLast as DecodedMessage)).toEqual(sdkLast && viewSdk(sdkLast))

    const listed = (await groups.bob.messages()).length
    const count = await groups.bob.countMessages()
    expect(count).toBe(await sidGroup.countMessages())
    // Reactions, read receipts and mallory's two payloads are counted, not listed.
    expect(count).toBeGreaterThan(listed)
    expect(await groups.bob.countMessages({ contentTypes: [ContentType.Reaction] })).toBe(await sidGroup.countMessages(toSdkListOptions({ contentTypes: [ContentType.Reaction] })))

    // A DM's transcripts are left out of its count unless asked for.
    const sidDm = (await sid.client.conversations.createDm(inbox("bob"))) as SdkDm
    await sidDm.sendText("hi bob")
    await parley.bob.conversations.sync()
    const bobDm = parley.bob.conversations.getDmByInboxId(inbox("sid"))!
    await bobDm.sync()
    expect(await bobDm.countMessages()).toBe(1)
    expect(await bobDm.countMessages()).toBe(await sidDm.countMessages())
    expect((await bobDm.lastMessage())?.content).toBe("hi bob")
  })

  it("ENR-01: hides reactions, read receipts and deletes from every list, whatever the caller asks, and keeps leave requests and group updates", async () => {
    const deleted = await groups.lea.sendText("lea deletes this")
    await syncAll()
    await groups.lea.deleteMessage(deleted)
    await groups.lea.publishMessages()
    await groups.lea.requestRemoval()
    await syncAll()

    const queries: ListMessagesOptions[] = [
      {},
      { excludeContentTypes: [] },
      { excludeContentTypes: [ContentType.Text] },
      { contentTypes: [ContentType.Reaction, ContentType.ReadReceipt] },
      { contentTypes: [ContentType.LeaveRequest, ContentType.GroupUpdated] },
      { kind: GroupMessageKind.Application, direction: SortDirection.Descending },
    ]
    for (const query of queries) {
      const label = JSON.stringify(query)
      const bob = await bobView(query)
      expect(bob.map((m) => m.contentType).filter((t) => /reaction|readReceipt|deleteMessage:/.test(t)), label).toEqual([])
      expect(applications(bob), label).toEqual(applications(await sidView(query)))
    }
    expect(await groups.bob.messages({ contentTypes: [ContentType.Reaction, ContentType.ReadReceipt] })).toEqual([])
    const types = (await bobView()).map((m) => m.contentType)
    expect(types).toContain("xmtp.org/leave_request:1.0")
    expect(types).toContain("xmtp.org/group_updated:1.0")
    expect(types).toContain("xmtp.org/deletedMessage:1.0")
    expect((await bobView({ excludeContentTypes: [ContentType.Text] })).map((m) => m.contentType)).not.toContain("xmtp.org/text:1.0")
    expect((await bobView({ contentTypes: [ContentType.LeaveRequest] })).map((m) => m.senderInboxId)).toEqual([inbox("lea")])
  })
})
