// Sending every content type through Parley's conversation senders (named as the SDK's), checked
// where it matters: the receiver's list decodes each one to the value sent, and the should_push
// flag on the node's copy is the codec's (raw send() does not push unless told to). Content that
// does not decode is listed with its fallback and the codec's error instead of breaking the list.
import { beforeAll, describe, expect, it } from "vitest"
import {
  contentTypeId,
  ContentDecodeError,
  textCodec,
  type Actions,
  type Attachment,
  type EncodedContent,
  type Intent,
  type MultiRemoteAttachment,
  type RemoteAttachment,
  type TransactionReference,
  type WalletSendCalls,
} from "../../../src/engine/content/index"
import { GroupError, type Client, type DecodedMessage, type EnrichedReply, type Group } from "../../../src/engine/index"
import { groupEnvelopes } from "../content/support/groupEnvelopes"
import { type EngineHarness, useEngineClients } from "../engine/support/engineHarness"

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
const attachment: Attachment = { filename: "hello.txt", mimeType: "text/plain", content: new TextEncoder().encode("hello file") }
const multi: MultiRemoteAttachment = { attachments: [remote, { ...remote, url: "https://example.com/blobs/0002", filename: "two.pdf" }] }
const transaction: TransactionReference = { namespace: "eip155", networkId: "8453", reference: "0xdeadbeef" }
const sendCalls: WalletSendCalls = { version: "1.0", chainId: "0x2105", from: "0xfrom", calls: [{ to: "0xto", value: "0x1" }] }
const actions: Actions = { id: "lunch", description: "Where to?", actions: [{ id: "pizza", label: "Pizza", style: "primary" }] }
const intent: Intent = { id: "lunch", actionId: "pizza" }
const custom: EncodedContent = { type: contentTypeId("example.org", "sticker", 1, 0), parameters: new Map(), fallback: "[a sticker]", content: range(8) }
/** Text that declares an encoding libxmtp refuses: the codec fails, the fallback stays. */
const undecodable: EncodedContent = { ...textCodec.encode("ignored"), parameters: new Map([["encoding", "UTF-16"]]), fallback: "an old client's text" }

describe("sending every content type from Parley", () => {
  let h: EngineHarness
  let alice: Client
  let bob: Client
  let aliceGroup: Group
  let bobGroup: Group

  useEngineClients("send-content", ["alice", "bob"], (s) => ({ h, clients: { alice, bob } } = s))
  beforeAll(async () => {
    aliceGroup = await alice.conversations.createGroup([bob.inboxId])
    await bob.conversations.sync()
    bobGroup = (await bob.conversations.getConversationById(aliceGroup.id)) as Group
  })

  it("delivers each type decoded as sent, with the codec's push flag on the wire", async () => {
    const g = aliceGroup
    const text = await g.sendText("plain")
    const sent: Array<{ id: string; push: boolean; expected?: unknown }> = [
      { id: text, push: true, expected: "plain" },
      { id: await g.sendMarkdown("**bold**"), push: true, expected: "**bold**" },
      { id: await g.sendReaction({ reference: text, referenceInboxId: alice.inboxId, action: "added", content: "👍", schema: "unicode" }), push: false },
      { id: await g.sendReply({ reference: text, content: textCodec.encode("a reply") }), push: true },
      { id: await g.sendReadReceipt(), push: false },
      { id: await g.sendAttachment(attachment), push: true, expected: attachment },
      { id: await g.sendRemoteAttachment(remote), push: true, expected: remote },
      { id: await g.sendMultiRemoteAttachment(multi), push: true, expected: multi },
      { id: await g.sendTransactionReference(transaction), push: true, expected: transaction },
      { id: await g.sendWalletSendCalls(sendCalls), push: true, expected: sendCalls },
      { id: await g.sendActions(actions), push: true, expected: actions },
      { id: await g.sendIntent(intent), push: true, expected: intent },
      { id: await g.send(custom, { shouldPush: true }), push: true },
      { id: await g.send(custom), push: false },
      { id: await g.deleteMessage(text), push: false },
    ]
    await g.publishMessages()

    const pushFlags = (await groupEnvelopes(h.address, g.id)).filter((e) => !e.isCommit).map((e) => e.shouldPush)
    expect(pushFlags).toEqual(sent.map((s) => s.push))

    await bobGroup.sync()
    const listed = new Map((await bobGroup.messages()).map((message) => [message.id, message]))
    for (const { id, expected } of sent.filter((s) => s.expected !== undefined && s.id !== text)) {
      expect(listed.get(id)?.content, id).toEqual(expected)
    }
    expect(listed.get(text)?.content).toEqual({ deletedBy: "sender" })
    const reply = listed.get(sent[3]!.id)?.content as EnrichedReply
    expect(reply).toMatchObject({ referenceId: text, content: "a reply", inReplyTo: { id: text, content: { deletedBy: "sender" } } })
    // Types without a codec are listed with their fallback and no content, and no error.
    const customs = sent.slice(12, 14).map((s) => listed.get(s.id))
    for (const message of customs) expect(message).toMatchObject({ contentType: custom.type, content: undefined, fallback: "[a sticker]" })
    expect(customs.every((message) => message?.decodeError === undefined)).toBe(true)
  })

  it("lists content its codec refuses with the fallback and the codec's error, without breaking the list", async () => {
    const broken = await aliceGroup.send(undecodable, { shouldPush: true })
    const after = await aliceGroup.sendText("still listed after it")
    await bobGroup.sync()
    const listed = await bobGroup.messages()
    const message = listed.find((m) => m.id === broken) as DecodedMessage
    expect(message).toMatchObject({ contentType: undecodable.type, content: undefined, fallback: "an old client's text" })
    expect(message.decodeError).toBeInstanceOf(ContentDecodeError)
    expect(message.decodeError?.code).toBe("UnsupportedEncoding")
    expect(listed.at(-1)).toMatchObject({ id: after, content: "still listed after it" })
  })

  it("keeps a reply's inner content of an unknown type as the EncodedContent sent", async () => {
    const target = await aliceGroup.sendText("target")
    const reply = await aliceGroup.sendReply({ reference: target, content: custom })
    await bobGroup.sync()
    const listed = (await bobGroup.messages()).find((m) => m.id === reply)?.content as EnrichedReply
    expect(listed.contentType).toEqual(custom.type)
    expect(listed.content).toEqual(custom)
    expect(listed.inReplyTo?.content).toBe("target")
  })

  it("refuses to send content that declares no type, as the SDK does", async () => {
    const untyped: EncodedContent = { parameters: new Map(), content: range(4) }
    await expect(aliceGroup.send(untyped)).rejects.toBeInstanceOf(GroupError)
    await expect(aliceGroup.send(untyped)).rejects.toMatchObject({ code: "InvalidArgument" })
  })
})
