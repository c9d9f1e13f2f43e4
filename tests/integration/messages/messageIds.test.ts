// Message ids, idempotency keys, received fields and push flags, judged against the official SDK
// (@xmtp/node-sdk 6.0.0, libxmtp 1.10) in one group on Parley's node: Parley alice and SDK bob.
// Ids are recomputed here with node:crypto from the formula, not with Parley's own function.
import { createHash, randomUUID } from "node:crypto"
import type { DeliveryStatus as SdkDeliveryStatus, Group as SdkGroup } from "@xmtp/node-sdk"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  encodeEncodedContent,
  textCodec,
  type Actions,
  type Attachment,
  type EncodedContent,
  type Intent,
  type Reaction,
  type RemoteAttachment,
  type TransactionReference,
  type WalletSendCalls,
} from "../../../src/engine/content/index"
import { mlsApi } from "../../../src/engine/proto/index"
import { type Client, DeliveryStatus, type Group } from "../../../src/engine/index"
import { conversationSeenBy } from "../../interop/support/conversationWaits"
import { pollUntil } from "../../interop/support/deadline"
import { InteropHarness } from "../../interop/support/interopHarness"
import type { LabelledClient } from "../../interop/support/sdkClient"
import type { TestNode } from "../../interop/support/testNode"
import { groupEnvelopes } from "../content/support/groupEnvelopes"
import { toSdkActions, toSdkEncoded, toSdkReaction } from "../content/support/sdkShapes"

/** libxmtp calculate_message_id, written out independently of Parley's. */
const expectedId = (groupIdHex: string, idempotencyKey: string, contentBytes: Uint8Array): string =>
  createHash("sha256").update(Buffer.from(groupIdHex, "hex")).update("\t").update(idempotencyKey).update("\t").update(contentBytes).digest("hex")

const SDK_UNPUBLISHED = 0 as SdkDeliveryStatus
const textBytes = (text: string) => encodeEncodedContent(textCodec.encode(text))

describe("message ids and what travels with a message, Parley beside the SDK", () => {
  let h: InteropHarness
  let node: TestNode
  let alice: Client
  let bob: LabelledClient
  let aliceGroup: Group
  let bobGroup: SdkGroup

  const applicationEnvelopes = async () => (await groupEnvelopes(node.address, aliceGroup.id)).filter((e) => !e.isCommit)
  const bobSees = (ids: readonly string[]) =>
    pollUntil(`bob to have ${ids.join(", ")}`, async () => {
      await bobGroup.sync()
      const listed = await bobGroup.messages()
      return ids.every((id) => listed.some((m) => m.id === id)) && listed
    })

  beforeAll(async () => {
    h = await InteropHarness.create("msg-ids")
    node = await h.startNode()
    alice = await h.createParleyClient(node, "alice")
    bob = await h.createClient(node, { label: "bob" })
    aliceGroup = await alice.conversations.createGroup([bob.client.inboxId])
    bobGroup = (await conversationSeenBy(bob, aliceGroup.id)) as SdkGroup
  })

  afterAll(async () => {
    await h?.close()
  })

  it("MSG-01: an id is SHA-256(group id, TAB, key, TAB, content) and the default key is the send time in ns, on both clients", async () => {
    const content = textBytes("same words")
    const parleyIds = [await aliceGroup.sendText("same words", true), await aliceGroup.sendText("same words", true)]
    const sdkIds = [await bobGroup.sendText("same words", true), await bobGroup.sendText("same words", true)]
    // Identical content sent twice is two messages: each send has its own time, hence its own key.
    expect(new Set([...parleyIds, ...sdkIds]).size).toBe(4)

    // Before publishing, a message's sent time is still the local one its key was made from.
    const parleyPending = await aliceGroup.messages({ deliveryStatus: DeliveryStatus.Unpublished })
    expect(parleyPending.map((m) => m.id)).toEqual(parleyIds)
    for (const m of parleyPending) expect(m.id).toBe(expectedId(aliceGroup.id, m.sentAtNs.toString(), content))
    const sdkPending = (await bobGroup.messages()).filter((m) => m.deliveryStatus === SDK_UNPUBLISHED)
    expect(sdkPending.map((m) => m.id)).toEqual(sdkIds)
    for (const m of sdkPending) expect(m.id).toBe(expectedId(aliceGroup.id, m.sentAtNs.toString(), content))

    // Each side derives the other's ids from what it receives.
    await aliceGroup.publishMessages()
    await bobGroup.publishMessages()
    await bobSees(parleyIds)
    await aliceGroup.sync()
    const aliceIds = (await aliceGroup.messages()).map((m) => m.id)
    expect(aliceIds).toEqual(expect.arrayContaining([...parleyIds, ...sdkIds]))
  })

  it("MSG-02, MSG-03: a caller's key makes the id; the same content and key are one message, for the sender and for libxmtp", async () => {
    const encoded = textCodec.encode("pay once")
    const content = encodeEncodedContent(encoded)
    const key = `order-${randomUUID()}`
    const before = (await applicationEnvelopes()).length

    const first = await aliceGroup.send(encoded, { idempotencyKey: key, shouldPush: true })
    expect(first).toBe(expectedId(aliceGroup.id, key, content))
    const again = await aliceGroup.send(encoded, { idempotencyKey: key, shouldPush: true })
    expect(again).toBe(first)
    expect(aliceGroup.prepareMessage(encoded, true, key)).toBe(first)
    // The retry went out (a second envelope), yet only one message is stored.
    expect((await applicationEnvelopes()).length).toBe(before + 2)
    expect((await aliceGroup.messages()).filter((m) => m.content === "pay once").map((m) => m.id)).toEqual([first])

    // A different key, or none, is a different message.
    const otherKey = await aliceGroup.send(encoded, { idempotencyKey: `${key}-b` })
    expect(otherKey).toBe(expectedId(aliceGroup.id, `${key}-b`, content))
    const unkeyed = await aliceGroup.send(encoded)
    expect(new Set([first, otherKey, unkeyed]).size).toBe(3)

    // The key travels in the envelope: libxmtp derives the same ids and keeps one copy of the retried message.
    const received = await bobSees([first, otherKey, unkeyed])
    expect(received.filter((m) => m.content === "pay once").map((m) => m.id)).toEqual([first, otherKey, unkeyed])
  })

  it("MSG-08: a received message is Published, timed by the node's envelope, attributed to the sending installation", async () => {
    const id = await bobGroup.sendText("from libxmtp")
    const sdkView = (await bobGroup.messages()).find((m) => m.id === id)
    await aliceGroup.sync()
    const received = (await aliceGroup.messages()).find((m) => m.id === id)
    const envelope = mlsApi.GroupMessage.decode((await applicationEnvelopes()).at(-1)!.envelope)
    const createdNs = BigInt(envelope.v1!.createdNs.toString())
    expect(received).toMatchObject({
      deliveryStatus: DeliveryStatus.Published,
      senderInboxId: bob.client.inboxId,
      senderInstallationId: bob.client.installationId,
      sentAtNs: createdNs,
      content: "from libxmtp",
    })
    // The sender, having read it back, dates it the same way.
    expect(sdkView?.sentAtNs).toBe(createdNs)
  })

  it("MSG-11: the senders push as their codecs say, alike on Parley and the SDK; raw sends do not push unless told; commits never push", async () => {
    const attachment: Attachment = { filename: "a.txt", mimeType: "text/plain", content: new TextEncoder().encode("file") }
    const custom: EncodedContent = { type: { authorityId: "example.org", typeId: "sticker", versionMajor: 1, versionMinor: 0 }, parameters: new Map(), content: new Uint8Array(4) }
    const reactionTo = (reference: string, inboxId: string): Reaction => ({ reference, referenceInboxId: inboxId, action: "added", content: "👍", schema: "unicode" })
    const reply = (reference: string) => ({ reference, content: textCodec.encode("re") })
    const remote: RemoteAttachment = {
      url: "https://example.com/blob",
      contentDigest: "cd".repeat(32),
      secret: new Uint8Array(32),
      salt: new Uint8Array(32),
      nonce: new Uint8Array(12),
      scheme: "https://",
    }
    const transaction: TransactionReference = { namespace: "eip155", networkId: "8453", reference: "0xabc" }
    const calls: WalletSendCalls = { version: "1.0", chainId: "0x2105", from: "0xfrom", calls: [{ to: "0xto", value: "0x1" }] }
    const actions: Actions = { id: "poll", description: "Lunch?", actions: [{ id: "yes", label: "Yes" }] }
    const intent: Intent = { id: "poll", actionId: "yes" }
    // text, markdown, reaction, reply, read receipt, attachment, remote, multi-remote, transaction,
    // wallet calls, actions, intent, raw send without and with shouldPush.
    const expected = [true, true, false, true, false, true, true, true, true, true, true, true, false, true]

    const before = (await groupEnvelopes(node.address, aliceGroup.id)).length
    const target = await aliceGroup.sendText("push me")
    await aliceGroup.sendMarkdown("*push me*")
    await aliceGroup.sendReaction(reactionTo(target, alice.inboxId))
    await aliceGroup.sendReply(reply(target))
    await aliceGroup.sendReadReceipt()
    await aliceGroup.sendAttachment(attachment)
    await aliceGroup.sendRemoteAttachment(remote)
    await aliceGroup.sendMultiRemoteAttachment({ attachments: [remote] })
    await aliceGroup.sendTransactionReference(transaction)
    await aliceGroup.sendWalletSendCalls(calls)
    await aliceGroup.sendActions(actions)
    await aliceGroup.sendIntent(intent)
    await aliceGroup.send(custom)
    await aliceGroup.send(custom, { shouldPush: true })
    await aliceGroup.deleteMessage(target)
    await aliceGroup.publishMessages()
    await aliceGroup.updateName("push flags")
    const parleyFlags = (await groupEnvelopes(node.address, aliceGroup.id)).slice(before)
    expect(parleyFlags.map((e) => [e.isCommit, e.shouldPush])).toEqual([...expected.map((push) => [false, push]), [false, false], [true, false]])

    await bobSees([target])
    const sdkBefore = (await groupEnvelopes(node.address, aliceGroup.id)).length
    const sdkTarget = await bobGroup.sendText("push me")
    await bobGroup.sendMarkdown("*push me*")
    await bobGroup.sendReaction(toSdkReaction(reactionTo(sdkTarget, bob.client.inboxId)))
    await bobGroup.sendReply({ reference: sdkTarget, content: toSdkEncoded(textCodec.encode("re")) })
    await bobGroup.sendReadReceipt()
    await bobGroup.sendAttachment(attachment)
    await bobGroup.sendRemoteAttachment(remote)
    await bobGroup.sendMultiRemoteAttachment({ attachments: [remote] })
    await bobGroup.sendTransactionReference(transaction)
    await bobGroup.sendWalletSendCalls(calls)
    await bobGroup.sendActions(toSdkActions(actions))
    await bobGroup.sendIntent(intent)
    await bobGroup.send(toSdkEncoded(custom))
    await bobGroup.send(toSdkEncoded(custom), { shouldPush: true })
    // A leave request is a message too, and does not push.
    await bobGroup.requestRemoval()
    const sdkFlags = (await groupEnvelopes(node.address, aliceGroup.id)).slice(sdkBefore).filter((e) => !e.isCommit)
    expect(sdkFlags.map((e) => e.shouldPush)).toEqual([...expected, false])
  })
})
