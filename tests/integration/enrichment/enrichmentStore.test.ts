// Enrichment over a real encrypted client database, for orders of arrival a live group cannot be
// made to produce on demand: deletions that arrive before their target (DEL-06), competing
// deletions (DEL-09), cross-group deletes, payloads that are not EncodedContent (ENR-04), reply
// references that are not hex or point nowhere (ENR-03), legacy v1 reactions (ENR-05), and a DM's
// duplicate groups sharing one list. Rows are stored exactly as the engine stores received ones.
import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { bytesToHex } from "@noble/hashes/utils.js"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  deleteMessageCodec,
  encodeEncodedContent,
  legacyReactionCodec,
  reactionCodec,
  replyCodec,
  textCodec,
  type EncodedContent,
  type Reaction,
} from "../../../src/engine/content/index"
import { enrichMessages } from "../../../src/engine/content/enrichment"
import { recordReceivedDeletion } from "../../../src/engine/content/enrichmentDeletions"
import { conversationGroupIds, enrichedMessageQuery } from "../../../src/engine/groups/messageQueryOptions"
import type { DecodedMessage, EnrichedReply } from "../../../src/engine/groups/publicTypes"
import { queryableContentFields } from "../../../src/engine/groups/queryableContent"
import { ClientDatabase } from "../../../src/engine/storage/clientDatabase"
import { StoredConversationType, StoredMembershipState } from "../../../src/engine/storage/groups"
import { StoredDeliveryStatus, StoredMessageKind, type StoredMessage } from "../../../src/engine/storage/messages"

const SENDER = "a".repeat(64)
const ADMIN = "b".repeat(64)
const OTHER = "c".repeat(64)

describe("enrichment over a stored database", () => {
  let dir: string
  let db: ClientDatabase
  let clock = 1_000_000_000n

  const newGroup = (dmId?: string): Uint8Array => {
    const id = new Uint8Array(randomBytes(16))
    db.groups.insert({
      id,
      createdAtNs: 1n,
      membershipState: StoredMembershipState.Allowed,
      conversationType: dmId ? StoredConversationType.Dm : StoredConversationType.Group,
      ...(dmId ? { dmId } : {}),
      addedByInboxId: SENDER,
      rotatedAtNs: 0n,
      installationsLastCheckedNs: 0n,
      // Enrichment never reads the MLS state.
      mlsState: new Uint8Array([0]),
      epoch: 0n,
      isActive: true,
    })
    return id
  }

  /** Stores a received message the way processEnvelope does, a DeleteMessage's record included. */
  const receive = (
    groupId: Uint8Array,
    sender: string,
    content: EncodedContent | Uint8Array,
    options: { superAdmins?: readonly string[]; id?: Uint8Array } = {},
  ): StoredMessage => {
    const bytes = content instanceof Uint8Array ? content : encodeEncodedContent(content)
    clock += 1_000n
    const message: StoredMessage = {
      id: options.id ?? new Uint8Array(randomBytes(32)),
      groupId,
      decryptedMessageBytes: bytes,
      sentAtNs: clock,
      kind: StoredMessageKind.Application,
      senderInstallationId: new Uint8Array(32),
      senderInboxId: sender,
      deliveryStatus: StoredDeliveryStatus.Published,
      ...queryableContentFields(bytes),
      idempotencyKey: clock.toString(),
      shouldPush: true,
      insertedAtNs: clock,
    }
    db.transaction(() => {
      db.messages.insertOrIgnore(message)
      recordReceivedDeletion(db, groupId, message, (inboxId) => options.superAdmins?.includes(inboxId) ?? false)
    })
    return message
  }
  const deletion = (target: StoredMessage | Uint8Array) => deleteMessageCodec.encode({ messageId: bytesToHex(target instanceof Uint8Array ? target : target.id) })
  const listOf = (groupId: Uint8Array): DecodedMessage[] => {
    const groupIds = conversationGroupIds(db, groupId)
    return enrichMessages(db, groupId, groupIds, db.messages.list(groupIds, enrichedMessageQuery()))
  }
  const find = (list: DecodedMessage[], message: StoredMessage) => list.find((m) => m.id === bytesToHex(message.id))

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "parley-enrichment-store-"))
    db = ClientDatabase.open(join(dir, "client.db"), new Uint8Array(randomBytes(32)))
  })

  afterAll(() => {
    db?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it("applies a deletion that arrived before its target once the target is listed, judged by who deleted it", () => {
    const group = newGroup()
    // Each deletion names a message id before a message with that id is stored.
    const early = new Uint8Array(randomBytes(32))
    receive(group, SENDER, deletion(early))
    const byStranger = new Uint8Array(randomBytes(32))
    receive(group, OTHER, deletion(byStranger))
    const byAdmin = new Uint8Array(randomBytes(32))
    receive(group, ADMIN, deletion(byAdmin), { superAdmins: [ADMIN] })

    const arrive = (id: Uint8Array, text: string) => receive(group, SENDER, textCodec.encode(text), { id }).id
    const own = arrive(early, "deleted by its sender before it arrived")
    const stranger = arrive(byStranger, "a stranger's deletion does not count")
    const admin = arrive(byAdmin, "deleted by a super admin before it arrived")
    const list = listOf(group)
    const of = (id: Uint8Array) => list.find((m) => m.id === bytesToHex(id))
    expect(of(own)).toMatchObject({ content: { deletedBy: "sender" }, contentType: { typeId: "deletedMessage" } })
    expect(of(stranger)).toMatchObject({ content: "a stranger's deletion does not count", contentType: { typeId: "text" } })
    expect(of(admin)).toMatchObject({ content: { deletedBy: "admin", adminInboxId: ADMIN } })
  })

  it("ignores deletions by plain members, of other groups' messages and of undeletable messages, as they arrive", () => {
    const group = newGroup()
    const elsewhere = newGroup()
    const target = receive(group, SENDER, textCodec.encode("stays"))
    const reaction = receive(group, SENDER, reactionCodec.encode({ reference: bytesToHex(target.id), referenceInboxId: SENDER, action: "added", content: "👍", schema: "unicode" }))
    receive(group, OTHER, deletion(target))
    receive(elsewhere, ADMIN, deletion(target), { superAdmins: [ADMIN] })
    receive(group, SENDER, deletion(reaction))
    receive(group, SENDER, deleteMessageCodec.encode({ messageId: "not hex" }))
    expect(db.messageDeletions.isDeleted(target.id)).toBe(false)
    expect(db.messageDeletions.isDeleted(reaction.id)).toBe(false)
    expect(find(listOf(group), target)).toMatchObject({ content: "stays", reactions: [{ id: bytesToHex(reaction.id) }] })
  })

  it("shows the sender as deleter whenever the sender's inbox deleted, and the last of competing deletions otherwise", () => {
    const group = newGroup()
    const target = receive(group, SENDER, textCodec.encode("deleted twice"))
    receive(group, ADMIN, deletion(target), { superAdmins: [ADMIN] })
    expect(find(listOf(group), target)?.content).toEqual({ deletedBy: "admin", adminInboxId: ADMIN })
    receive(group, SENDER, deletion(target), { superAdmins: [SENDER] })
    expect(find(listOf(group), target)?.content).toEqual({ deletedBy: "sender" })
  })

  it("leaves out payloads that are not EncodedContent, but counts them", () => {
    const group = newGroup()
    const garbage = receive(group, SENDER, new Uint8Array([0xff, 0xff, 0xff]))
    const fine = receive(group, SENDER, textCodec.encode("readable"))
    const list = listOf(group)
    expect(list.map((m) => m.id)).toEqual([bytesToHex(fine.id)])
    expect(db.messages.count([group])).toBe(2)
    expect(garbage.contentType).toBe(0)
  })

  it("keeps a reply whose reference is not hex, or names no stored message, without a target", () => {
    const group = newGroup()
    const notHex = receive(group, SENDER, replyCodec.encode({ reference: "not-valid-hex!", content: textCodec.encode("a") }))
    const missing = receive(group, SENDER, replyCodec.encode({ reference: "99".repeat(32), content: textCodec.encode("b") }))
    const list = listOf(group)
    expect(find(list, notHex)?.content).toEqual({ referenceId: "not-valid-hex!", content: "a", contentType: textCodec.contentType, inReplyTo: null })
    expect((find(list, missing)?.content as EnrichedReply).inReplyTo).toBeNull()
    expect((find(list, missing)?.content as EnrichedReply).referenceId).toBe("99".repeat(32))
  })

  it("attaches legacy v1 reactions in the v2 model, and relations across a DM's duplicate groups", () => {
    const dmId = `dm:${SENDER}:${OTHER}`
    const primary = newGroup(dmId)
    const duplicate = newGroup(dmId)
    const target = receive(primary, SENDER, textCodec.encode("in the first DM group"))
    const legacy: Reaction = { reference: bytesToHex(target.id), referenceInboxId: "", action: "removed", content: ":smile:", schema: "shortcode" }
    const v1 = receive(duplicate, OTHER, legacyReactionCodec.encode(legacy))
    const reply = receive(duplicate, OTHER, replyCodec.encode({ reference: bytesToHex(target.id), content: textCodec.encode("from the duplicate") }))
    for (const view of [primary, duplicate]) {
      const list = listOf(view)
      expect(find(list, target)).toMatchObject({ numReplies: 1, reactions: [{ id: bytesToHex(v1.id), content: legacy, contentType: legacyReactionCodec.contentType }] })
      expect((find(list, reply)?.content as EnrichedReply).inReplyTo?.id).toBe(bytesToHex(target.id))
    }
  })
})
