// "Delete for everyone" among Parley clients on a real node (libxmtp 1.10 groups/mod.rs
// delete_message, mls_sync.rs process_delete_message, messages/enrichment.rs). Alice creates the
// group and is its super admin; Dan is an admin (not super); Bob and Carol are plain members, and
// Bob has a second installation (bob2) in the group. DeleteMessages that Parley's own checks would
// refuse are sent with the raw send(), as a client without those checks would, to show what
// receivers accept. A deletion arriving before its target is produced for real: the target is
// queued optimistically and published only after the deletion.
import { beforeAll, describe, expect, it } from "vitest"
import {
  CONTENT_TYPE_IDS,
  contentTypeId,
  decodeEncodedContent,
  deleteMessageCodec,
  leaveRequestCodec,
  textCodec,
  type Attachment,
  type DeleteMessage,
  type EncodedContent,
  type MultiRemoteAttachment,
  type RemoteAttachment,
} from "../../../src/engine/content/index"
import {
  DeleteMessageError,
  DeliveryStatus,
  GroupMessageKind,
  type Client,
  type DecodedMessage,
  type DeletionStream,
  type EnrichedReply,
  type Group,
} from "../../../src/engine/index"
import type { ClientProfile } from "../engine/support/engineHarness"
import { type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { take, withTimeout } from "../engine/support/waitFor"
import { conversationOf } from "../groups/support/groupScenario"
import { deletionRecords, storedMessage } from "./support/deletionRecords"

type Name = "alice" | "bob" | "bob2" | "carol" | "dan"
const NAMES: readonly Name[] = ["alice", "bob", "bob2", "carol", "dan"]
const DELETED = CONTENT_TYPE_IDS.deletedMessage

const remote: RemoteAttachment = {
  url: "https://example.com/blobs/0001",
  contentDigest: "cd".repeat(32),
  secret: new Uint8Array(32).fill(1),
  salt: new Uint8Array(32).fill(2),
  nonce: new Uint8Array(12).fill(3),
  scheme: "https://",
  contentLength: 4321,
  filename: "scan.pdf",
}
const attachment: Attachment = { filename: "hello.txt", mimeType: "text/plain", content: new TextEncoder().encode("hello file") }
const multi: MultiRemoteAttachment = { attachments: [remote, { ...remote, url: "https://example.com/blobs/0002" }] }
const sticker: EncodedContent = { type: contentTypeId("example.org", "sticker", 1, 0), parameters: new Map(), fallback: "[a sticker]", content: new Uint8Array([1, 2, 3]) }
const rawDelete = (messageId: string) => deleteMessageCodec.encode({ messageId } satisfies DeleteMessage)

describe("deleting messages for everyone among Parley clients", () => {
  let h: EngineHarness
  const profiles = {} as Record<Name, ClientProfile>
  const clients = {} as Record<Name, Client>
  const groups = {} as Record<Name, Group>
  const inbox = (name: Name) => clients[name].inboxId

  const sync = async (names: readonly Name[] = NAMES) => {
    for (const name of names) await groups[name].sync()
  }
  const listed = async (name: Name, id: string): Promise<DecodedMessage | undefined> => (await groups[name].messages()).find((m) => m.id === id)
  const refusal = async (name: Name, id: string): Promise<DeleteMessageError> => {
    const error = await groups[name].deleteMessage(id).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error, `${name} deleting ${id}`).toBeInstanceOf(DeleteMessageError)
    return error as DeleteMessageError
  }
  /** Deletes, publishes, and brings every member up to date. */
  const deleteAndSync = async (name: Name, id: string) => {
    const deleteId = await groups[name].deleteMessage(id)
    await groups[name].publishMessages()
    await sync()
    return deleteId
  }

  useEngineClients("deletion", ["alice", "bob", "carol", "dan"], (s) => {
    h = s.h
    Object.assign(profiles, s.profiles)
    Object.assign(clients, s.clients)
  })
  beforeAll(async () => {
    // Bob's second installation exists before the group does, so the group gets both.
    profiles.bob2 = { ...h.profile("bob2"), signer: profiles.bob.signer }
    clients.bob2 = await h.open(profiles.bob2)
    expect(clients.bob2.inboxId).toBe(clients.bob.inboxId)

    groups.alice = await clients.alice.conversations.createGroup([inbox("bob"), inbox("carol"), inbox("dan")])
    await groups.alice.addAdmin(inbox("dan"))
    for (const name of NAMES.filter((n) => n !== "alice")) {
      await clients[name].conversations.sync()
      groups[name] = await conversationOf(clients[name], groups.alice.id)
    }
    await sync()
    expect(groups.carol.listSuperAdmins()).toEqual([inbox("alice")])
    expect(groups.carol.listAdmins()).toEqual([inbox("dan")])
  })

  it("DEL-01: refuses in libxmtp's order: unknown id, another conversation's message, already deleted, neither sender nor super admin, then undeletable content", async () => {
    const other = await clients.bob.conversations.createGroup([inbox("carol")])
    const elsewhere = await other.sendText("bob's text in another group")
    const deleted = await groups.bob.sendText("deleted by bob")
    const ownReaction = await groups.carol.sendReaction({ reference: deleted, referenceInboxId: inbox("bob"), action: "added", content: "👀", schema: "unicode" })
    await sync()
    await deleteAndSync("bob", deleted)
    const transcript = (await groups.carol.messages({ kind: GroupMessageKind.MembershipChange })).at(-1)!

    const unknown = "AB".repeat(32)
    expect(await refusal("bob", unknown)).toMatchObject({ code: "MessageNotFound", message: `Message not found: ${unknown.toLowerCase()}` })
    expect((await refusal("bob", "not hex")).code).toBe("MessageNotFound")
    // Bob sent it and it is deletable, but it belongs to another conversation.
    expect(await refusal("bob", elsewhere)).toMatchObject({ code: "NotAuthorized", message: expect.stringMatching(/^Not authorized to delete this message/) })
    // Carol may not delete Bob's message, but that it is already deleted is checked first.
    expect(await refusal("carol", deleted)).toMatchObject({ code: "MessageAlreadyDeleted", message: "Message already deleted" })
    // Carol may not delete Alice's transcript, and authorization is checked before the content.
    expect((await refusal("carol", transcript.id)).code).toBe("NotAuthorized")
    // Her own reaction: hers to delete, but not a deletable kind of content.
    expect(await refusal("carol", ownReaction)).toMatchObject({ code: "NonDeletableMessage", message: expect.stringMatching(/^Cannot delete this message type/) })
    expect((await refusal("alice", transcript.id)).code).toBe("NonDeletableMessage")
    // Nothing was sent for any refusal.
    await sync()
    expect(deletionRecords(profiles.dan, transcript.id)).toEqual([])
    expect(deletionRecords(profiles.dan, ownReaction)).toEqual([])
  })

  it("DEL-02: the sender and any super admin may delete; an admin who is not super may not delete someone else's message, and members ignore a plain member's attempt", async () => {
    const bobs = await groups.bob.sendText("bob deletes this himself")
    const carols = await groups.carol.sendText("alice, a super admin, deletes this")
    const forDan = await groups.carol.sendText("dan, only an admin, may not delete this")
    const forBob = await groups.carol.sendText("bob may not delete this either")
    await sync()

    await deleteAndSync("bob", bobs)
    await deleteAndSync("alice", carols)
    expect((await refusal("dan", forDan)).code).toBe("NotAuthorized")
    expect((await refusal("bob", forBob)).code).toBe("NotAuthorized")
    // Sent anyway, without Parley's checks: every receiver judges them and ignores them.
    await groups.dan.send(rawDelete(forDan))
    await groups.bob.send(rawDelete(forBob))
    await sync()

    for (const name of NAMES) {
      expect(await listed(name, bobs), name).toMatchObject({ contentType: DELETED, content: { deletedBy: "sender" } })
      expect(await listed(name, carols), name).toMatchObject({ contentType: DELETED, content: { deletedBy: "admin", adminInboxId: inbox("alice") } })
      expect(await listed(name, forDan), name).toMatchObject({ contentType: CONTENT_TYPE_IDS.text, content: "dan, only an admin, may not delete this" })
      expect(await listed(name, forBob), name).toMatchObject({ contentType: CONTENT_TYPE_IDS.text })
    }
    for (const name of ["alice", "carol", "bob2"] as const) {
      expect(deletionRecords(profiles[name], forDan), name).toEqual([])
      expect(deletionRecords(profiles[name], forBob), name).toEqual([])
    }
  })

  it("DEL-03: text, markdown, replies, attachments, remote and multi-remote attachments, transaction references and wallet send calls are deletable; nothing else is", async () => {
    const { bob } = groups
    const anchor = await bob.sendText("anchor")
    const deletable = [
      anchor,
      await bob.sendMarkdown("**bold**"),
      await bob.sendReply({ reference: anchor, content: textCodec.encode("a reply") }),
      await bob.sendAttachment(attachment),
      await bob.sendRemoteAttachment(remote),
      await bob.sendMultiRemoteAttachment(multi),
      await bob.sendTransactionReference({ namespace: "eip155", networkId: "8453", reference: "0xdeadbeef" }),
      await bob.sendWalletSendCalls({ version: "1.0", chainId: "0x2105", from: "0xfrom", calls: [{ to: "0xto", value: "0x1" }] }),
    ]
    const undeletable = [
      await bob.sendReaction({ reference: anchor, referenceInboxId: inbox("bob"), action: "added", content: "👍", schema: "unicode" }),
      await bob.sendReadReceipt(),
      await bob.sendActions({ id: "lunch", description: "Where to?", actions: [{ id: "pizza", label: "Pizza", style: "primary" }] }),
      await bob.sendIntent({ id: "lunch", actionId: "pizza" }),
      await bob.send(sticker),
    ]
    await sync()
    const deleteOfDelete = await bob.deleteMessage(deletable[0]!)
    for (const id of deletable.slice(1)) await bob.deleteMessage(id)
    for (const id of [...undeletable, deleteOfDelete]) expect((await refusal("bob", id)).code, id).toBe("NonDeletableMessage")
    await bob.publishMessages()
    // Sent raw, DeleteMessages for the undeletable ones are ignored by every receiver.
    for (const id of [...undeletable, deleteOfDelete]) await bob.send(rawDelete(id))
    await sync()

    for (const name of NAMES) {
      const list = await groups[name].messages({ excludeContentTypes: [] })
      for (const id of deletable) expect(list.find((m) => m.id === id)?.contentType, `${name}: ${id}`).toEqual(DELETED)
      for (const id of [...undeletable, deleteOfDelete]) {
        expect(list.find((m) => m.id === id)?.contentType ?? "not listed", `${name}: ${id}`).not.toEqual(DELETED)
        if (name !== "bob") expect(deletionRecords(profiles[name], id), `${name}: ${id}`).toEqual([])
      }
    }

    // A leave request and a group's transcripts are not deletable either.
    const small = await clients.alice.conversations.createGroup([inbox("carol"), inbox("dan")])
    await clients.carol.conversations.sync()
    const carolSmall = await conversationOf(clients.carol, small.id)
    await carolSmall.requestRemoval()
    const leave = (await carolSmall.messages()).find((m) => m.contentType.typeId === leaveRequestCodec.contentType.typeId)!
    expect(leave.senderInboxId).toBe(inbox("carol"))
    expect((await carolSmall.deleteMessage(leave.id).catch((e: DeleteMessageError) => e)) as DeleteMessageError).toMatchObject({ code: "NonDeletableMessage" })
    const smallTranscript = (await small.messages({ kind: GroupMessageKind.MembershipChange }))[0]!
    expect((await small.deleteMessage(smallTranscript.id).catch((e: DeleteMessageError) => e)) as DeleteMessageError).toMatchObject({ code: "NonDeletableMessage" })
  })

  it("DEL-04: a deletion applies at once on the deleter's installation and queues an unpublished deleteMessage naming the target; others see it once it is published", async () => {
    const bobs = await groups.bob.sendText("bob's soon-deleted text")
    const carols = await groups.carol.sendText("carol's text for the super admin")
    await sync()

    const before = BigInt(Date.now()) * 1_000_000n
    const bobDelete = await groups.bob.deleteMessage(bobs)
    expect(bobDelete).toMatch(/^[0-9a-f]{64}$/)
    expect(await listed("bob", bobs)).toMatchObject({ contentType: DELETED, content: { deletedBy: "sender" } })
    expect(clients.bob.conversations.getMessageById(bobDelete)).toMatchObject({
      contentType: CONTENT_TYPE_IDS.deleteMessage,
      content: { messageId: bobs },
      deliveryStatus: DeliveryStatus.Unpublished,
    })
    const [bobRecord] = deletionRecords(profiles.bob, bobs)
    expect(bobRecord).toMatchObject({ deletedByInboxId: inbox("bob"), isSuperAdminDeletion: false })
    expect(Buffer.from(bobRecord!.id).toString("hex")).toBe(bobDelete)
    expect(bobRecord!.deletedAtNs).toBeGreaterThanOrEqual(before)

    const aliceDelete = await groups.alice.deleteMessage(carols)
    expect(deletionRecords(profiles.alice, carols)).toMatchObject([{ deletedByInboxId: inbox("alice"), isSuperAdminDeletion: true }])
    expect(await listed("alice", carols)).toMatchObject({ content: { deletedBy: "admin", adminInboxId: inbox("alice") } })

    // Nothing went out yet: the others still read both messages.
    await sync(["carol", "dan"])
    expect(await listed("carol", bobs)).toMatchObject({ content: "bob's soon-deleted text" })
    expect(await listed("dan", carols)).toMatchObject({ content: "carol's text for the super admin" })

    await groups.bob.publishMessages()
    await groups.alice.sync()
    expect(clients.bob.conversations.getMessageById(bobDelete)?.deliveryStatus).toBe(DeliveryStatus.Published)
    expect(clients.alice.conversations.getMessageById(aliceDelete)?.deliveryStatus).toBe(DeliveryStatus.Published)
    await sync(["carol", "dan"])
    expect(await listed("carol", bobs)).toMatchObject({ contentType: DELETED, content: { deletedBy: "sender" } })
    expect(await listed("dan", carols)).toMatchObject({ contentType: DELETED, content: { deletedBy: "admin", adminInboxId: inbox("alice") } })
  })

  it("DEL-05: receivers ignore malformed, non-hex, cross-group, undeletable and unauthorized deletes, and record a valid one at its sent time, announcing the original", async () => {
    const target = await groups.bob.sendText("bob's text, deleted by a raw delete of his own")
    const reaction = await groups.bob.sendReaction({ reference: target, referenceInboxId: inbox("bob"), action: "added", content: "🙂", schema: "unicode" })
    const carols = await groups.carol.sendText("carol's text")
    const otherGroup = await clients.bob.conversations.createGroup([inbox("carol"), inbox("dan")])
    await sync()
    const malformed: EncodedContent = { ...rawDelete(target), content: new Uint8Array([0xff, 0xff, 0xff]) }
    await groups.bob.send(malformed)
    await groups.bob.send(rawDelete("not-a-hex-id"))
    await otherGroup.send(rawDelete(target))
    await groups.bob.send(rawDelete(reaction))
    await groups.dan.send(rawDelete(carols))
    await sync()
    for (const name of ["alice", "carol", "dan", "bob2"] as const) {
      for (const id of [target, reaction, carols]) expect(deletionRecords(profiles[name], id), `${name}: ${id}`).toEqual([])
      expect(await listed(name, target), name).toMatchObject({ content: "bob's text, deleted by a raw delete of his own", reactions: [{ id: reaction }] })
      expect(await listed(name, carols), name).toMatchObject({ content: "carol's text" })
    }

    const streams = { carol: clients.carol.conversations.streamDeletedMessages(), bob2: clients.bob2.conversations.streamDeletedMessages() }
    try {
      const valid = await groups.bob.send(rawDelete(target))
      await sync()
      for (const name of ["carol", "bob2"] as const) {
        const [announced] = await take(streams[name], 1, `${name}'s deletion event`)
        // The original message, as it was before its deletion.
        expect(announced, name).toMatchObject({ id: target, senderInboxId: inbox("bob"), contentType: CONTENT_TYPE_IDS.text, content: "bob's text, deleted by a raw delete of his own" })
      }
      for (const name of ["alice", "carol", "dan", "bob2"] as const) {
        const sentAt = clients[name].conversations.getMessageById(valid)!.sentAtNs
        expect(deletionRecords(profiles[name], target), name).toEqual([
          {
            id: Uint8Array.from(Buffer.from(valid, "hex")),
            groupId: Uint8Array.from(Buffer.from(groups.alice.id, "hex")),
            deletedMessageId: Uint8Array.from(Buffer.from(target, "hex")),
            deletedByInboxId: inbox("bob"),
            isSuperAdminDeletion: false,
            deletedAtNs: sentAt,
          },
        ])
        expect(await listed(name, target), name).toMatchObject({ contentType: DELETED, content: { deletedBy: "sender" } })
      }
    } finally {
      await Promise.all(Object.values(streams).map((stream) => stream.end()))
    }
  })

  it("DEL-06: a deletion that arrives before its target is recorded, flagged when a super admin sent it, and judged when the target is listed", async () => {
    // Bob queues three messages; deletions naming them reach the network first.
    const byAdmin = await groups.bob.sendText("deleted by alice before it was published", true)
    const byOwnInstallation = await groups.bob.sendText("deleted by bob's other installation before it was published", true)
    const byPlainMember = await groups.bob.sendText("carol's early delete does not count", true)
    await groups.alice.send(rawDelete(byAdmin))
    await groups.bob2.send(rawDelete(byOwnInstallation))
    await groups.carol.send(rawDelete(byPlainMember))

    await sync(["dan"])
    for (const id of [byAdmin, byOwnInstallation, byPlainMember]) expect(storedMessage(profiles.dan, id), id).toBeUndefined()
    expect(deletionRecords(profiles.dan, byAdmin)).toMatchObject([{ deletedByInboxId: inbox("alice"), isSuperAdminDeletion: true }])
    expect(deletionRecords(profiles.dan, byOwnInstallation)).toMatchObject([{ deletedByInboxId: inbox("bob"), isSuperAdminDeletion: false }])
    expect(deletionRecords(profiles.dan, byPlainMember)).toMatchObject([{ deletedByInboxId: inbox("carol"), isSuperAdminDeletion: false }])

    await groups.bob.publishMessages()
    await sync(["dan"])
    expect(await listed("dan", byAdmin)).toMatchObject({ contentType: DELETED, content: { deletedBy: "admin", adminInboxId: inbox("alice") } })
    expect(await listed("dan", byOwnInstallation)).toMatchObject({ contentType: DELETED, content: { deletedBy: "sender" } })
    expect(await listed("dan", byPlainMember)).toMatchObject({ contentType: CONTENT_TYPE_IDS.text, content: "carol's early delete does not count" })
  })

  it("DEL-07, DEL-08: a deleted message keeps its stored bytes but lists as a deletedMessage placeholder without reactions or replies, and replies quote the placeholder", async () => {
    const target = await groups.carol.sendText("carol's regrettable text")
    await groups.bob.sendReaction({ reference: target, referenceInboxId: inbox("carol"), action: "added", content: "😮", schema: "unicode" })
    const reply = await groups.dan.sendReply({ reference: target, referenceInboxId: inbox("carol"), content: textCodec.encode("what?") })
    await sync()
    expect(await listed("bob", target)).toMatchObject({ numReplies: 1, reactions: [{ senderInboxId: inbox("bob") }] })
    const countBefore = await groups.bob.countMessages()

    await deleteAndSync("alice", target)
    for (const name of NAMES) {
      const deleted = await listed(name, target)
      expect(deleted, name).toMatchObject({
        id: target,
        senderInboxId: inbox("carol"),
        contentType: DELETED,
        content: { deletedBy: "admin", adminInboxId: inbox("alice") },
        reactions: [],
        numReplies: 0,
      })
      expect(clients[name].conversations.getMessageById(target)?.contentType, name).toEqual(DELETED)
      const quoted = ((await listed(name, reply))?.content as EnrichedReply).inReplyTo
      expect(quoted, name).toMatchObject({ id: target, content: { deletedBy: "admin", adminInboxId: inbox("alice") }, reactions: [], numReplies: 0 })
      // Raw queries still hold the original bytes.
      expect(textCodec.decode(decodeEncodedContent(storedMessage(profiles[name], target)!.decryptedMessageBytes)), name).toBe("carol's regrettable text")
    }
    // The deletion adds its DeleteMessage to the raw count; the target is still counted.
    expect(await groups.bob.countMessages()).toBe(countBefore + 1)
  })

  it("DEL-09: a super admin cannot delete what the sender already deleted; racing deletes both stand and every member shows the message deleted once, by its sender when the sender's inbox deleted it", async () => {
    const first = await groups.bob.sendText("bob deletes first")
    const raced = await groups.bob.sendText("bob and alice delete at once")
    await sync()
    await deleteAndSync("bob", first)
    expect((await refusal("alice", first)).code).toBe("MessageAlreadyDeleted")

    const bobDelete = await groups.bob.deleteMessage(raced)
    const aliceDelete = await groups.alice.deleteMessage(raced)
    await groups.bob.publishMessages()
    await groups.alice.publishMessages()
    await sync()
    for (const name of NAMES) {
      expect(deletionRecords(profiles[name], raced).map((r) => Buffer.from(r.id).toString("hex")).sort(), name).toEqual([bobDelete, aliceDelete].sort())
      const list = await groups[name].messages()
      expect(list.filter((m) => m.id === raced), name).toHaveLength(1)
      expect(list.find((m) => m.id === raced)?.contentType, name).toEqual(DELETED)
    }

    // A super admin deleting their own message before it arrives is flagged a super-admin
    // deletion where it is recorded, yet lists as deleted by its sender.
    await groups.alice.addSuperAdmin(inbox("bob"))
    await sync()
    const early = await groups.bob.sendText("deleted by bob2, a super admin's installation, before it was published", true)
    await groups.bob2.send(rawDelete(early))
    await sync(["carol"])
    expect(deletionRecords(profiles.carol, early)).toMatchObject([{ deletedByInboxId: inbox("bob"), isSuperAdminDeletion: true }])
    await groups.bob.publishMessages()
    await sync(["carol"])
    expect(await listed("carol", early)).toMatchObject({ contentType: DELETED, content: { deletedBy: "sender" } })
    await groups.alice.removeSuperAdmin(inbox("bob"))
    await sync()
  })

  it("DEL-10: deletions stream the original message: another member's once it is processed, one's own only after it is published", async () => {
    const streams = {} as Record<"alice" | "carol", DeletionStream<DecodedMessage>>
    streams.alice = clients.alice.conversations.streamDeletedMessages()
    streams.carol = clients.carol.conversations.streamDeletedMessages()
    const ids = clients.carol.conversations.streamMessageDeletions()
    try {
      const target = await groups.bob.sendText("deleted by the super admin")
      await sync()
      const aliceNext = streams.alice.next()
      await groups.alice.deleteMessage(target)
      // Applied locally, but not yet streamed: the deletion has not been published.
      expect(await Promise.race([aliceNext, Promise.resolve("nothing yet")])).toBe("nothing yet")
      await groups.alice.publishMessages()
      const own = await withTimeout("alice's own deletion event", aliceNext)
      expect(own.done).toBe(false)
      expect(own.value).toMatchObject({ id: target, senderInboxId: inbox("bob"), content: "deleted by the super admin", contentType: CONTENT_TYPE_IDS.text, reactions: [], numReplies: 0 })

      await groups.carol.sync()
      const [received] = await take(streams.carol, 1, "carol's deletion event")
      expect(received).toEqual(own.value)
      expect(await take(ids, 1, "carol's deleted id")).toEqual([target])
    } finally {
      await Promise.all([streams.alice.end(), streams.carol.end(), ids.end()])
    }
    expect((await streams.carol.next()).done).toBe(true)
  })
})
