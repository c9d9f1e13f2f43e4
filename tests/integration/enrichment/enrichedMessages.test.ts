// Enriched message lists among three Parley clients (alice creates the group and is its super
// admin; bob and carol are plain members) through a real node: reactions added and taken back,
// replies to replies, deletions by a super admin and by a sender (and a plain member's attempts on
// someone else's message, which every member ignores), read receipts as last-read times. Every
// check is made from all three members' lists, which must agree.
import { beforeAll, describe, expect, it } from "vitest"
import {
  CONTENT_TYPE_IDS,
  contentTypeIdToString,
  deleteMessageCodec,
  markdownCodec,
  textCodec,
  type DeletedMessage,
} from "../../../src/engine/content/index"
import {
  ContentType,
  DeleteMessageError,
  GroupMessageKind,
  summarizeReactions,
  type Client,
  type DecodedMessage,
  type EnrichedReply,
  type Group,
} from "../../../src/engine/index"
import { type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { reaction } from "../../interop/enrichment/support/enrichmentInputs"

type Name = "alice" | "bob" | "carol"
const NAMES: readonly Name[] = ["alice", "bob", "carol"]

const typeOf = (message: DecodedMessage) => contentTypeIdToString(message.contentType)
const DELETED = contentTypeIdToString(CONTENT_TYPE_IDS.deletedMessage)

describe("enriched messages among three Parley members", () => {
  let h: EngineHarness
  const clients = {} as Record<Name, Client>
  const groups = {} as Record<Name, Group>

  const syncAll = async () => {
    for (const name of NAMES) await groups[name].sync()
  }
  /** Each member's list, after syncing everyone. */
  const listsAfterSync = async (): Promise<Record<Name, DecodedMessage[]>> => {
    await syncAll()
    const lists = {} as Record<Name, DecodedMessage[]>
    for (const name of NAMES) lists[name] = await groups[name].messages()
    return lists
  }
  const byId = (list: DecodedMessage[], id: string): DecodedMessage => {
    const found = list.find((m) => m.id === id)
    if (!found) throw new Error(`message ${id} is not listed`)
    return found
  }

  useEngineClients("enrichment", NAMES, (s) => {
    h = s.h
    Object.assign(clients, s.clients)
  })
  beforeAll(async () => {
    groups.alice = await clients.alice.conversations.createGroup([clients.bob.inboxId, clients.carol.inboxId])
    for (const name of ["bob", "carol"] as const) {
      await clients[name].conversations.sync()
      groups[name] = (await clients[name].conversations.getConversationById(groups.alice.id)) as Group
    }
    expect(groups.alice.listSuperAdmins()).toEqual([clients.alice.inboxId])
  })

  let hello: string

  it("lists every reaction message under its target, oldest first, and never as a message of its own; the summary folds removals", async () => {
    const { alice, bob, carol } = groups
    hello = await alice.sendText("hello everyone")
    await syncAll()
    const reactions = [
      { id: await bob.sendReaction(reaction(hello, clients.alice.inboxId, "👍")), by: clients.bob.inboxId, content: "👍", action: "added" },
      { id: await carol.sendReaction(reaction(hello, clients.alice.inboxId, "👍")), by: clients.carol.inboxId, content: "👍", action: "added" },
      { id: await alice.sendReaction(reaction(hello, clients.alice.inboxId, "❤️")), by: clients.alice.inboxId, content: "❤️", action: "added" },
      { id: await carol.sendReaction(reaction(hello, clients.alice.inboxId, "👍", "removed")), by: clients.carol.inboxId, content: "👍", action: "removed" },
      { id: await bob.sendReaction(reaction(hello, clients.alice.inboxId, "👍")), by: clients.bob.inboxId, content: "👍", action: "added" },
    ]
    const lists = await listsAfterSync()
    for (const name of NAMES) {
      const list = lists[name]
      expect(list.filter((m) => m.contentType.typeId === "reaction"), name).toEqual([])
      const target = byId(list, hello)
      expect(target.content).toBe("hello everyone")
      expect(
        target.reactions.map((r) => ({ id: r.id, by: r.senderInboxId, content: r.content?.content, action: r.content?.action, reference: r.content?.reference })),
        name,
      ).toEqual(reactions.map((r) => ({ ...r, reference: hello })))
      expect(target.reactions.every((r) => typeOf(r) === contentTypeIdToString(CONTENT_TYPE_IDS.reaction))).toBe(true)
      expect(summarizeReactions(target.reactions), name).toEqual([
        { content: "👍", schema: "unicode", inboxIds: [clients.bob.inboxId] },
        { content: "❤️", schema: "unicode", inboxIds: [clients.alice.inboxId] },
      ])
      expect(await groups[name].countMessages({ contentTypes: [ContentType.Reaction] })).toBe(5)
    }
    // A message read on its own is enriched alike (getMessageById, libxmtp message_v2).
    expect(clients.carol.conversations.getMessageById(hello)?.reactions.map((r) => r.id)).toEqual(reactions.map((r) => r.id))
  })

  it("counts replies and resolves each reply's target one level deep, replies to replies included", async () => {
    const { alice, bob, carol } = groups
    const toHello = await bob.sendReply({ reference: hello, referenceInboxId: clients.alice.inboxId, content: textCodec.encode("re: hello") })
    const toReply = await carol.sendReply({ reference: toHello, referenceInboxId: clients.bob.inboxId, content: textCodec.encode("re: re: hello") })
    const toReplyToReply = await alice.sendReply({ reference: toReply, content: markdownCodec.encode("**third level**") })
    const lists = await listsAfterSync()
    for (const name of NAMES) {
      const list = lists[name]
      expect([hello, toHello, toReply, toReplyToReply].map((id) => byId(list, id).numReplies), name).toEqual([1, 1, 1, 0])

      const first = byId(list, toHello)
      expect(first.fallback).toBe('Replied with "re: hello" to an earlier message')
      const firstReply = first.content as EnrichedReply
      expect(firstReply).toMatchObject({ referenceId: hello, content: "re: hello", contentType: CONTENT_TYPE_IDS.text })
      // The target as it is on its own: no reactions or replies attached.
      expect(firstReply.inReplyTo).toMatchObject({ id: hello, senderInboxId: clients.alice.inboxId, content: "hello everyone", reactions: [], numReplies: 0 })

      const second = byId(list, toReply).content as EnrichedReply
      expect(second.inReplyTo?.id).toBe(toHello)
      // One level only: the target's own target is not resolved.
      expect(second.inReplyTo?.content).toEqual({ referenceId: hello, content: "re: hello", contentType: CONTENT_TYPE_IDS.text, inReplyTo: null })

      const third = byId(list, toReplyToReply).content as EnrichedReply
      expect(third).toMatchObject({ referenceId: toReply, content: "**third level**", contentType: CONTENT_TYPE_IDS.markdown })
      expect(third.inReplyTo?.senderInboxId).toBe(clients.carol.inboxId)
      expect(await groups[name].countMessages({ contentTypes: [ContentType.Reply] })).toBe(3)
    }
  })

  it("a super admin deletes another member's message and a sender their own; a plain member's attempts on someone else's are refused or ignored", async () => {
    const { alice, bob, carol } = groups
    const regrettable = await bob.sendText("bob says something regrettable")
    const typo = await carol.sendText("carol's tpyo")
    await syncAll()
    const answer = await carol.sendReply({ reference: regrettable, content: textCodec.encode("what did you say?") })
    await alice.sendReaction(reaction(regrettable, clients.bob.inboxId, "😮"))
    await syncAll()

    // Bob may not delete Alice's message: refused before anything is sent.
    await expect(bob.deleteMessage(hello)).rejects.toMatchObject({ name: "DeleteMessageError", code: "NotAuthorized" })
    // Carol sends the DeleteMessage anyway: every member (Carol included) ignores it.
    await carol.send(deleteMessageCodec.encode({ messageId: hello }))
    // A super admin's deletion applies at once on its own installation, before it is published.
    const adminDeletion = await alice.deleteMessage(regrettable)
    expect(byId(await alice.messages(), regrettable).content).toEqual({ deletedBy: "admin", adminInboxId: clients.alice.inboxId } satisfies DeletedMessage)
    await alice.publishMessages()
    const senderDeletion = await carol.deleteMessage(typo)
    await carol.publishMessages()

    const lists = await listsAfterSync()
    for (const name of NAMES) {
      const list = lists[name]
      expect(byId(list, hello), name).toMatchObject({ contentType: CONTENT_TYPE_IDS.text, content: "hello everyone", numReplies: 1 })
      expect(byId(list, hello).reactions).toHaveLength(5)

      const deleted = byId(list, regrettable)
      expect(typeOf(deleted), name).toBe(DELETED)
      expect(deleted).toMatchObject({ senderInboxId: clients.bob.inboxId, content: { deletedBy: "admin", adminInboxId: clients.alice.inboxId }, reactions: [], numReplies: 0 })
      expect(byId(list, typo)).toMatchObject({ contentType: CONTENT_TYPE_IDS.deletedMessage, content: { deletedBy: "sender" } })

      // A reply to a deleted message quotes the placeholder; as libxmtp, the quote keeps its original type.
      const quoted = (byId(list, answer).content as EnrichedReply).inReplyTo
      expect(quoted, name).toMatchObject({ id: regrettable, contentType: CONTENT_TYPE_IDS.text, content: { deletedBy: "admin", adminInboxId: clients.alice.inboxId }, reactions: [], numReplies: 0 })

      // The DeleteMessages themselves are never listed.
      expect(list.map((m) => m.id)).not.toContain(adminDeletion)
      expect(list.map((m) => m.id)).not.toContain(senderDeletion)
      expect(list.every((m) => m.contentType.typeId !== "deleteMessage")).toBe(true)
    }
    expect(clients.bob.conversations.getMessageById(regrettable)?.contentType).toEqual(CONTENT_TYPE_IDS.deletedMessage)
  })

  it("refuses deletions as libxmtp does: twice, transcripts, reactions, unknown ids and messages of another conversation", async () => {
    const { alice } = groups
    const list = await alice.messages()
    const deletedAlready = list.find((m) => m.contentType.typeId === "deletedMessage" && m.senderInboxId === clients.bob.inboxId)!
    const transcript = list.find((m) => m.kind === GroupMessageKind.MembershipChange)!
    const aReaction = byId(list, hello).reactions[0]!
    const other = await clients.alice.conversations.createGroup([clients.bob.inboxId])
    const elsewhere = await other.sendText("another conversation")

    const refusal = async (id: string) => {
      const error = await alice.deleteMessage(id).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(DeleteMessageError)
      return (error as DeleteMessageError).code
    }
    expect(await refusal(deletedAlready.id)).toBe("MessageAlreadyDeleted")
    expect(await refusal(transcript.id)).toBe("NonDeletableMessage")
    expect(await refusal(aReaction.id)).toBe("NonDeletableMessage")
    expect(await refusal("ab".repeat(32))).toBe("MessageNotFound")
    expect(await refusal("not hex")).toBe("MessageNotFound")
    expect(await refusal(elsewhere)).toBe("NotAuthorized")
  })

  it("turns read receipts into each member's last-read time and lists none of them", async () => {
    const { bob, carol } = groups
    await bob.sendReadReceipt()
    const carolReceipt = await carol.sendReadReceipt()
    const bobLatest = await bob.sendReadReceipt()
    const sentAt = (client: Client, id: string) => client.conversations.getMessageById(id)!.sentAtNs
    const expected = { [clients.bob.inboxId]: sentAt(clients.bob, bobLatest), [clients.carol.inboxId]: sentAt(clients.carol, carolReceipt) }
    const lists = await listsAfterSync()
    for (const name of NAMES) {
      expect(await groups[name].lastReadTimes(), name).toEqual(expected)
      expect(lists[name].some((m) => m.contentType.typeId === "readReceipt")).toBe(false)
      expect(await groups[name].countMessages({ contentTypes: [ContentType.ReadReceipt] })).toBe(3)
    }
  })

  it("lists group-updated transcripts with what changed, alongside the enriched application messages", async () => {
    const dave = await h.open(h.profile("dave"))
    await groups.alice.addMembers([dave.inboxId])
    const lists = await listsAfterSync()
    for (const name of NAMES) {
      const added = lists[name].filter((m) => m.kind === GroupMessageKind.MembershipChange).at(-1)
      expect(added, name).toMatchObject({
        senderInboxId: clients.alice.inboxId,
        contentType: CONTENT_TYPE_IDS.groupUpdated,
        content: { initiatedByInboxId: clients.alice.inboxId, addedInboxes: [{ inboxId: dave.inboxId }], removedInboxes: [] },
        reactions: [],
        numReplies: 0,
      })
    }
    // Every member holds the same enriched view of what they all saw.
    const comparable = (list: DecodedMessage[]) =>
      list.filter((m) => m.kind === GroupMessageKind.Application).map((m) => ({ ...m, deliveryStatus: undefined, reactions: m.reactions.map((r) => r.id) }))
    expect(comparable(lists.bob)).toEqual(comparable(lists.alice))
    expect(comparable(lists.carol)).toEqual(comparable(lists.alice))
  })
})
