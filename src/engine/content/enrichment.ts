// Enriched message lists (libxmtp 1.10 messages/enrichment.rs enrich_messages, what the SDK's
// conversation.messages() returns): each message decoded, with the reaction messages that
// reference it (oldest first, added and removed alike), the number of replies that reference it,
// a reply's target resolved one level deep, and a validly deleted message (or reply target) shown
// as a DeletedMessage placeholder without reactions or replies. Relations are looked up across the
// conversation's groups (a DM's duplicates too), deletions only within `groupId`, as libxmtp does.
import { bytesToHex } from "@noble/hashes/utils.js"
import type { DecodedMessage, EnrichedReply } from "../groups/publicTypes"
import type { ClientDatabase } from "../storage/clientDatabase"
import type { StoredMessageDeletion } from "../storage/messageDeletions"
import { StoredContentType, type StoredMessage } from "../storage/messages"
import { fromHex } from "./codecs/hex"
import { CONTENT_TYPE_IDS } from "./codecs/ids"
import type { Reaction } from "./codecs/reactionCodec"
import { decodeStoredMessage } from "./enrichmentDecode"
import { deletedMessageOf, isDeletionValid } from "./enrichmentDeletions"

interface Relations {
  reactions: Map<string, DecodedMessage<Reaction>[]>
  replyCounts: Map<string, number>
  referenced: Map<string, { stored: StoredMessage; decoded: DecodedMessage }>
  deletions: Map<string, StoredMessageDeletion>
}

/**
 * `messages` (already filtered and ordered) enriched; a message whose bytes are not an
 * EncodedContent is left out, as libxmtp leaves it out.
 */
export function enrichMessages(db: ClientDatabase, groupId: Uint8Array, groupIds: readonly Uint8Array[], messages: readonly StoredMessage[]): DecodedMessage[] {
  if (messages.length === 0) return []
  const relations = relationsOf(db, groupIds, messages)
  const enriched: DecodedMessage[] = []
  for (const stored of messages) {
    const decoded = decodeStoredMessage(stored)
    if (!decoded) continue
    const deletion = validDeletion(relations, stored, groupId)
    if (deletion) {
      enriched.push({ ...asDeleted(decoded, deletion, stored), contentType: CONTENT_TYPE_IDS.deletedMessage })
      continue
    }
    decoded.reactions = relations.reactions.get(decoded.id) ?? []
    decoded.numReplies = relations.replyCounts.get(decoded.id) ?? 0
    const reply = replyOf(decoded)
    if (reply) decoded.content = { ...reply, inReplyTo: replyTarget(relations, reply.referenceId, groupId) }
    enriched.push(decoded)
  }
  return enriched
}

function relationsOf(db: ClientDatabase, groupIds: readonly Uint8Array[], messages: readonly StoredMessage[]): Relations {
  const ids = messages.map((m) => m.id)
  const referenceIds = messages.flatMap((m) => (m.referenceId ? [m.referenceId] : []))
  const reactions = new Map<string, DecodedMessage<Reaction>[]>()
  for (const row of db.messages.referencing(groupIds, ids, [StoredContentType.Reaction])) {
    const reaction = decodeStoredMessage(row) as DecodedMessage<Reaction> | undefined
    if (!reaction || !row.referenceId) continue
    const target = bytesToHex(row.referenceId)
    reactions.set(target, [...(reactions.get(target) ?? []), reaction])
  }
  const referenced = new Map<string, { stored: StoredMessage; decoded: DecodedMessage }>()
  for (const stored of db.messages.findIn(groupIds, referenceIds)) {
    const decoded = decodeStoredMessage(stored)
    if (decoded) referenced.set(decoded.id, { stored, decoded })
  }
  // One record per target: when several name it, the last stored stands (libxmtp's HashMap collect).
  const deletions = new Map(db.messageDeletions.forMessages([...ids, ...referenceIds]).map((d) => [bytesToHex(d.deletedMessageId), d]))
  return { reactions, replyCounts: db.messages.countReferencing(groupIds, ids, [StoredContentType.Reply]), referenced, deletions }
}

function validDeletion(relations: Relations, message: StoredMessage, groupId: Uint8Array): StoredMessageDeletion | undefined {
  const deletion = relations.deletions.get(bytesToHex(message.id))
  return deletion && isDeletionValid(deletion, message, groupId) ? deletion : undefined
}

/** The placeholder body; the content type is left as it was (libxmtp changes it only for listed messages, not reply targets). */
function asDeleted(decoded: DecodedMessage, deletion: StoredMessageDeletion, stored: StoredMessage): DecodedMessage {
  const { decodeError: _dropped, ...rest } = decoded
  return { ...rest, content: deletedMessageOf(deletion, stored), reactions: [], numReplies: 0 }
}

function replyTarget(relations: Relations, referenceId: string, groupId: Uint8Array): DecodedMessage | null {
  const id = fromHex(referenceId)
  const target = id && relations.referenced.get(bytesToHex(id))
  if (!target) return null
  const deletion = validDeletion(relations, target.stored, groupId)
  return deletion ? asDeleted(target.decoded, deletion, target.stored) : target.decoded
}

function replyOf(message: DecodedMessage): EnrichedReply | undefined {
  const type = message.contentType
  const isReply = type.typeId === CONTENT_TYPE_IDS.reply.typeId && type.versionMajor === CONTENT_TYPE_IDS.reply.versionMajor
  return isReply ? (message.content as EnrichedReply | undefined) : undefined
}
