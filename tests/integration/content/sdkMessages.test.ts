// Content through real groups: two official SDK clients (libxmtp 1.10) on Parley's node. One way,
// Parley encodes each content type and an SDK client sends it as is; the other SDK client decodes
// it with libxmtp's own codecs. The other way, the SDK sends with its built-in senders and Parley
// decodes the very messages the receiver takes off the wire, compares bytes where libxmtp's are
// deterministic, and checks that the should_push flag the sender put on the wire is Parley's.
import type { DecodedMessage, Group } from "@xmtp/node-sdk"
import type * as Sdk from "@xmtp/node-bindings"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  actionsCodec,
  attachmentCodec,
  CodecRegistry,
  contentTypeId,
  deleteMessageCodec,
  encodeEncodedContent,
  groupUpdatedCodec,
  intentCodec,
  leaveRequestCodec,
  legacyReactionCodec,
  markdownCodec,
  multiRemoteAttachmentCodec,
  reactionCodec,
  remoteAttachmentCodec,
  replyCodec,
  textCodec,
  transactionReferenceCodec,
  walletSendCallsCodec,
  type Actions,
  type ContentCodec,
  type EncodedContent,
  type GroupUpdated,
  type Intent,
  type MultiRemoteAttachment,
  type Reaction,
  type RemoteAttachment,
  type TransactionReference,
  type WalletSendCalls,
} from "../../../src/engine/content/index"
import { conversationSeenBy } from "../../interop/support/conversationWaits"
import { pollUntil } from "../../interop/support/deadline"
import { InteropHarness } from "../../interop/support/interopHarness"
import type { LabelledClient } from "../../interop/support/sdkClient"
import type { TestNode } from "../../interop/support/testNode"
import { groupEnvelopes, type StoredEnvelope } from "./support/groupEnvelopes"
import { fromSdkActions, fromSdkEncoded, fromSdkReaction, toSdkActions, toSdkEncoded, toSdkReaction, withoutAbsent } from "./support/sdkShapes"

const registry = new CodecRegistry()
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex")
const range = (n: number, start = 0) => new Uint8Array(Array.from({ length: n }, (_, i) => (start + i) & 0xff))

const remote: RemoteAttachment = {
  url: "https://example.com/blobs/0001",
  contentDigest: "cd".repeat(32),
  secret: range(32),
  salt: range(32, 50),
  nonce: range(12, 90),
  scheme: "https://",
  contentLength: 4321,
  filename: "scan.pdf",
}
const multi: MultiRemoteAttachment = { attachments: [remote, { ...remote, url: "https://example.com/blobs/0002", filename: "two.pdf" }] }
const transaction: TransactionReference = {
  namespace: "eip155",
  networkId: "8453",
  reference: "0xdeadbeef",
  metadata: { transactionType: "transfer", currency: "USDC", amount: 12.5, decimals: 6, fromAddress: "0xa", toAddress: "0xb" },
}
const sendCalls: WalletSendCalls = {
  version: "1.0",
  chainId: "0x2105",
  from: "0xfrom",
  calls: [{ to: "0xto", value: "0x1", metadata: { description: "Pay", transactionType: "transfer", note: "for lunch" } }],
  capabilities: { paymasterService: "https://paymaster" },
}
const actions: Actions = {
  id: "lunch",
  description: "Where to?",
  actions: [
    { id: "pizza", label: "Pizza", style: "primary", expiresAtNs: 1_900_000_000_123_000_000n },
    { id: "sushi", label: "Sushi", imageUrl: "https://img/sushi.png" },
  ],
  expiresAtNs: 1_900_000_000_000_000_000n,
}
const intent: Intent = { id: "lunch", actionId: "pizza", metadata: { note: { size: "large", slices: 8 } } }

describe("content through groups of official SDK clients on Parley's node", () => {
  let h: InteropHarness
  let node: TestNode
  let alice: LabelledClient
  let bob: LabelledClient
  let aliceGroup: Group
  let bobGroup: Group

  beforeAll(async () => {
    h = await InteropHarness.create("content")
    node = await h.startNode()
    ;[alice, bob] = await Promise.all([h.createClient(node, { label: "alice" }), h.createClient(node, { label: "bob" })])
    aliceGroup = await alice.client.conversations.createGroup([bob.client.inboxId])
    bobGroup = (await conversationSeenBy(bob, aliceGroup.id)) as Group
  })

  afterAll(async () => {
    await h?.close()
  })

  /** Bob's view of the messages with these ids, once he has them all. */
  async function bobSees(ids: readonly string[]): Promise<Map<string, DecodedMessage>> {
    return pollUntil(
      `bob to see ${ids.length} messages`,
      async () => {
        await bobGroup.sync()
        const byId = new Map((await bobGroup.messages()).map((m) => [m.id, m]))
        return ids.every((id) => byId.has(id)) ? byId : undefined
      },
      { timeoutMs: 30_000, intervalMs: 300 },
    )
  }

  /**
   * The messages libxmtp takes from one envelope. The commit that added the receiver has nothing
   * to give (his welcome already applied it): libxmtp reports GroupMessageNotFound for it.
   */
  async function processEnvelope(group: Group, stored: StoredEnvelope): Promise<Sdk.Message[]> {
    try {
      return await group.processStreamedMessage(stored.envelope)
    } catch (error) {
      if (stored.isCommit && String(error).includes("GroupMessageNotFound")) return []
      throw error
    }
  }

  const sendParley = async <T,>(codec: ContentCodec<T>, value: T): Promise<string> =>
    aliceGroup.send(toSdkEncoded(codec.encode(value)), { shouldPush: codec.shouldPush(value) })

  it("libxmtp decodes what Parley encodes, for every type it shows", async () => {
    const target = await aliceGroup.sendText("the message everyone refers to")
    const doomed = await aliceGroup.sendText("a message about to be deleted")
    const customInner: EncodedContent = {
      type: contentTypeId("example.com", "poll", 3, 1),
      parameters: new Map([["question", "lunch?"]]),
      fallback: "A poll",
      content: range(20),
    }
    const reaction: Reaction = { reference: target, referenceInboxId: alice.client.inboxId, action: "added", content: "🍕", schema: "unicode" }
    const legacy: Reaction = { reference: target, referenceInboxId: "", action: "added", content: ":pizza:", schema: "shortcode" }
    const update: GroupUpdated = {
      initiatedByInboxId: alice.client.inboxId,
      addedInboxes: [{ inboxId: bob.client.inboxId }],
      removedInboxes: [],
      leftInboxes: [],
      metadataFieldChanges: [{ fieldName: "group_name", oldValue: "", newValue: "Lunch" }, { fieldName: "description", newValue: "d" }],
      addedAdminInboxes: [],
      removedAdminInboxes: [],
      addedSuperAdminInboxes: [],
      removedSuperAdminInboxes: [{ inboxId: "someone" }],
    }
    const ids = {
      text: await sendParley(textCodec, "héllo from Parley 👋"),
      markdown: await sendParley(markdownCodec, "**bold** from Parley"),
      reply: await sendParley(replyCodec, { reference: target, referenceInboxId: alice.client.inboxId, content: textCodec.encode("a reply") }),
      customReply: await sendParley(replyCodec, { reference: target, content: customInner }),
      reaction: await sendParley(reactionCodec, reaction),
      legacyReaction: await sendParley(legacyReactionCodec, legacy),
      attachment: await sendParley(attachmentCodec, { filename: "a.bin", mimeType: "application/octet-stream", content: range(1000) }),
      remote: await sendParley(remoteAttachmentCodec, remote),
      multi: await sendParley(multiRemoteAttachmentCodec, multi),
      transaction: await sendParley(transactionReferenceCodec, transaction),
      sendCalls: await sendParley(walletSendCallsCodec, sendCalls),
      actions: await sendParley(actionsCodec, actions),
      intent: await sendParley(intentCodec, intent),
      groupUpdated: await sendParley(groupUpdatedCodec, update),
      unknown: await aliceGroup.send(toSdkEncoded(customInner), { shouldPush: false }),
      delete: await sendParley(deleteMessageCodec, { messageId: doomed }),
    }
    const seen = await bobSees([target, doomed, ...Object.entries(ids).filter(([k]) => !/reaction|delete/i.test(k)).map(([, id]) => id)])
    const content = (id: string) => seen.get(id)?.content

    expect(content(ids.text)).toBe("héllo from Parley 👋")
    expect(content(ids.markdown)).toBe("**bold** from Parley")
    expect(content(ids.reply)).toMatchObject({ referenceId: target, content: "a reply", contentType: textCodec.contentType })
    const customReply = content(ids.customReply) as { content: Sdk.EncodedContent }
    expect(hex(encodeEncodedContent(fromSdkEncoded(customReply.content)))).toBe(hex(encodeEncodedContent(customInner)))
    expect(content(ids.attachment)).toEqual({ filename: "a.bin", mimeType: "application/octet-stream", content: range(1000) })
    expect(withoutAbsent(content(ids.remote))).toEqual(remote)
    expect(withoutAbsent(content(ids.multi))).toEqual(multi)
    expect(withoutAbsent(content(ids.transaction))).toEqual(transaction)
    expect(withoutAbsent(content(ids.sendCalls))).toEqual(sendCalls)
    expect(fromSdkActions(content(ids.actions) as Sdk.Actions)).toEqual(actions)
    expect(content(ids.intent)).toEqual(intent)
    expect(withoutAbsent(content(ids.groupUpdated))).toEqual(update)
    // Content of a type libxmtp has no codec for stays Custom: shown by its type and fallback.
    expect(seen.get(ids.unknown)?.contentType).toEqual(customInner.type)
    expect(seen.get(ids.unknown)?.fallback).toBe("A poll")

    // Reactions (v2 and the legacy JSON v1) land on their target; the deletion replaces its target.
    const reactions = (seen.get(target)?.reactions ?? []).map((r) => fromSdkReaction(r.content as Sdk.Reaction))
    expect(reactions).toEqual([reaction, { ...legacy, referenceInboxId: "" }])
    expect(seen.get(doomed)?.content).toMatchObject({ deletedBy: "Sender" })
  })

  it("Parley decodes what the SDK sends, byte for byte where libxmtp is deterministic, with its push flags", async () => {
    // A fresh group that bob never syncs: his client then takes each envelope off the node with
    // processStreamedMessage, which hands back libxmtp's raw EncodedContent for it.
    const group = await alice.client.conversations.createGroup([bob.client.inboxId])
    await conversationSeenBy(bob, group.id)
    const target = await group.sendText("target")
    const reply = { reference: target, referenceInboxId: alice.client.inboxId, content: toSdkEncoded(textCodec.encode("inner reply")) }
    const reaction: Reaction = { reference: target, referenceInboxId: alice.client.inboxId, action: "removed", content: "👎", schema: "unicode" }
    await group.sendMarkdown("# markdown")
    await group.sendReaction(toSdkReaction(reaction))
    await group.sendReply(reply)
    await group.sendReadReceipt()
    await group.sendAttachment({ filename: "b.txt", mimeType: "text/plain", content: range(64) })
    await group.sendRemoteAttachment(remote)
    await group.sendMultiRemoteAttachment(multi)
    await group.sendTransactionReference(transaction)
    await group.sendWalletSendCalls(sendCalls)
    await group.sendActions(toSdkActions(actions))
    await group.sendIntent(intent)
    await group.updateName("Lunch club")

    const bobsGroup = (await bob.client.conversations.getConversationById(group.id)) as Group
    const decoded: Array<{ type: string; codec: ContentCodec<unknown>; value: unknown; raw: Sdk.EncodedContent; id: string }> = []
    for (const stored of await groupEnvelopes(node.address, group.id)) {
      for (const message of await processEnvelope(bobsGroup, stored)) {
        const result = registry.decodeEncoded(fromSdkEncoded(message.content))
        if (result.kind !== "content") throw new Error(`Parley has no codec for ${JSON.stringify(message.content.type)}`)
        decoded.push({ type: result.contentType.typeId, codec: result.codec, value: result.value, raw: message.content, id: message.id })
        // The sender's push flag (application messages) is the one Parley's codec gives.
        if (!stored.isCommit) expect(stored.shouldPush, result.contentType.typeId).toBe(result.codec.shouldPush(result.value))
      }
    }
    const byType = new Map(decoded.map((d) => [d.type, d]))
    expect(decoded.filter((d) => d.type !== "group_updated").map((d) => d.type)).toEqual([
      "text",
      "markdown",
      "reaction",
      "reply",
      "readReceipt",
      "attachment",
      "remoteStaticAttachment",
      "multiRemoteStaticAttachment",
      "transactionReference",
      "walletSendCalls",
      "actions",
      "intent",
    ])
    expect(byType.get("markdown")?.value).toBe("# markdown")
    expect(byType.get("reaction")?.value).toEqual(reaction)
    expect(byType.get("readReceipt")?.value).toEqual({})
    expect(byType.get("attachment")?.value).toEqual({ filename: "b.txt", mimeType: "text/plain", content: range(64) })
    expect(byType.get("remoteStaticAttachment")?.value).toEqual(remote)
    expect(byType.get("multiRemoteStaticAttachment")?.value).toEqual(multi)
    expect(byType.get("transactionReference")?.value).toEqual(transaction)
    expect(byType.get("walletSendCalls")?.value).toEqual(sendCalls)
    expect(byType.get("actions")?.value).toEqual(actions)
    expect(byType.get("intent")?.value).toEqual(intent)

    // A reply carries its inner EncodedContent as prost wrote it: one parameter, so deterministic.
    const replied = byType.get("reply")
    expect(replied?.value).toMatchObject({ reference: target, referenceInboxId: alice.client.inboxId })
    expect(hex(replied?.raw.content ?? new Uint8Array())).toBe(hex(encodeEncodedContent(textCodec.encode("inner reply"))))
    expect(replyCodec.encode(replied?.value as never).fallback).toBe(replied?.raw.fallback)
    expect(Object.fromEntries(replyCodec.encode(replied?.value as never).parameters)).toEqual(replied?.raw.parameters)

    // Every payload Parley re-encodes is libxmtp's byte for byte (protobuf, and JSON whose maps
    // hold one key), and so is every fallback.
    for (const item of decoded) {
      const again = item.codec.encode(item.value)
      expect(hex(again.content), item.type).toBe(hex(item.raw.content))
      expect(again.fallback, item.type).toBe(item.raw.fallback ?? undefined)
    }

    // The transcripts bob's client built from the commits (the group's creation, its new name).
    const transcripts = decoded.filter((d) => d.type === "group_updated")
    expect(transcripts.map((t) => (t.value as GroupUpdated).metadataFieldChanges.map((c) => c.fieldName))).toContainEqual(["group_name"])
    const enriched = new Map((await bobsGroup.messages()).map((m) => [m.id, m]))
    for (const transcript of transcripts) expect(withoutAbsent(enriched.get(transcript.id)?.content)).toEqual(withoutAbsent(transcript.value))
  })

  it("a leave request from the SDK is Parley's, and not pushed", async () => {
    const group = await alice.client.conversations.createGroup([bob.client.inboxId])
    const bobsGroup = (await conversationSeenBy(bob, group.id)) as Group
    await bobsGroup.requestRemoval()
    const stored = await pollUntil("bob's leave request on the node", async () => {
      const found = (await groupEnvelopes(node.address, group.id)).filter((e) => !e.isCommit)
      return found.length > 0 ? found : undefined
    })
    let leave: { content: Sdk.EncodedContent; shouldPush: boolean } | undefined
    for (const envelope of stored) {
      for (const message of await processEnvelope(group, envelope)) {
        if (message.content.type?.typeId === "leave_request") leave = { content: message.content, shouldPush: envelope.shouldPush }
      }
    }
    if (!leave) throw new Error("no leave request among bob's messages")
    const decoded = registry.decodeEncoded(fromSdkEncoded(leave.content))
    expect(decoded).toMatchObject({ kind: "content", codec: leaveRequestCodec, value: {} })
    expect(hex(leaveRequestCodec.encode({}).content)).toBe(hex(leave.content.content))
    expect(leave.shouldPush).toBe(leaveRequestCodec.shouldPush({}))
  })
})
