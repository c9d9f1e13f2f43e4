// "Delete for everyone" (libxmtp 1.10 groups/mod.rs delete_message, mls_sync.rs
// process_delete_message, messages/enrichment.rs is_deletion_valid): who may delete what, the
// record a deletion leaves, and the placeholder a validly deleted message shows. The original
// message is kept; lists show the placeholder (DEL-07).
import { bytesToHex } from "@noble/hashes/utils.js"
import type { ClientDatabase } from "../storage/clientDatabase"
import type { StoredMessageDeletion } from "../storage/messageDeletions"
import { StoredContentType, StoredMessageKind, type StoredMessage } from "../storage/messages"
import { fromHex } from "./codecs/hex"
import { deleteMessageCodec } from "./codecs/deleteMessageCodec"
import type { DeletedMessage } from "./codecs/deletedMessage"
import { DeleteMessageError } from "./enrichmentErrors"
import { ContentDecodeError } from "./errors"
import { decodeEncodedContent } from "./proto/encodedContentMessage"

/** The content types a member may delete (DEL-03); transcripts and control messages are not. */
const DELETABLE_CONTENT_TYPES: ReadonlySet<number> = new Set([
  StoredContentType.Text,
  StoredContentType.Markdown,
  StoredContentType.Reply,
  StoredContentType.Attachment,
  StoredContentType.RemoteAttachment,
  StoredContentType.MultiRemoteAttachment,
  StoredContentType.TransactionReference,
  StoredContentType.WalletSendCalls,
])

export function isDeletable(message: StoredMessage): boolean {
  return message.kind === StoredMessageKind.Application && DELETABLE_CONTENT_TYPES.has(message.contentType)
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i])

/**
 * Whether `deletion` applies to `message` in the conversation `groupId` (is_deletion_valid): same
 * group, a deletable message, and the deleter is its sender or was a super admin when it deleted.
 * Checked at every listing, because a deletion may have been recorded before its target arrived.
 */
export function isDeletionValid(deletion: StoredMessageDeletion, message: StoredMessage, groupId: Uint8Array): boolean {
  if (!sameBytes(deletion.deletedMessageId, message.id)) return false
  if (!sameBytes(deletion.groupId, groupId) || !sameBytes(message.groupId, groupId)) return false
  if (!isDeletable(message)) return false
  return deletion.deletedByInboxId === message.senderInboxId || deletion.isSuperAdminDeletion
}

/** Who deleted it, as lists show it: the sender whenever the deleter is the sender's inbox (DEL-09). */
export function deletedMessageOf(deletion: StoredMessageDeletion, message: StoredMessage): DeletedMessage {
  return deletion.deletedByInboxId === message.senderInboxId ? { deletedBy: "sender" } : { deletedBy: "admin", adminInboxId: deletion.deletedByInboxId }
}

/**
 * What a DeleteMessage from another member (or another installation of this inbox) leaves behind
 * (process_delete_message, DEL-05/06): malformed content, a non-hex id, and — when the target is
 * stored — a target in another group, a non-deletable target or a deleter who is neither its
 * sender nor a super admin are ignored; a deletion whose target has not arrived is recorded, to be
 * judged when the target is listed. `isSuperAdmin` reads the group as it is when the delete is processed.
 */
export function recordReceivedDeletion(
  db: ClientDatabase,
  groupId: Uint8Array,
  deleteMessage: StoredMessage,
  isSuperAdmin: (inboxId: string) => boolean,
): void {
  if (deleteMessage.contentType !== StoredContentType.DeleteMessage) return
  const targetId = targetOf(deleteMessage)
  if (!targetId) return
  const deleter = deleteMessage.senderInboxId
  const target = db.messages.find(targetId)
  let isSuperAdminDeletion: boolean
  if (target) {
    if (!sameBytes(target.groupId, groupId) || !isDeletable(target)) return
    const isSender = target.senderInboxId === deleter
    isSuperAdminDeletion = !isSender && isSuperAdmin(deleter)
    if (!isSender && !isSuperAdminDeletion) return
  } else {
    isSuperAdminDeletion = isSuperAdmin(deleter)
  }
  db.messageDeletions.insertOrIgnore({
    id: deleteMessage.id,
    groupId,
    deletedMessageId: targetId,
    deletedByInboxId: deleter,
    isSuperAdminDeletion,
    deletedAtNs: deleteMessage.sentAtNs,
  })
}

/** The hex-decoded message_id of a stored DeleteMessage, or undefined when it is malformed. */
function targetOf(deleteMessage: StoredMessage): Uint8Array | undefined {
  try {
    return fromHex(deleteMessageCodec.decode(decodeEncodedContent(deleteMessage.decryptedMessageBytes)).messageId)
  } catch (error) {
    if (error instanceof ContentDecodeError) return undefined
    throw error
  }
}

/** An own deletion, checked before anything is sent (delete_message, DEL-01/02/03). */
export interface DeletionRequest {
  /** The message to delete. */
  target: StoredMessage
  /** The record to store once the DeleteMessage is queued. */
  record: (deleteMessageId: Uint8Array, nowNs: bigint) => StoredMessageDeletion
}

/** Throws DeleteMessageError in libxmtp's order: unknown, other group, already deleted, not allowed, not deletable. */
export function checkOwnDeletion(db: ClientDatabase, groupId: Uint8Array, messageId: string, caller: { inboxId: string; isSuperAdmin: boolean }): DeletionRequest {
  const id = fromHex(messageId)
  const target = id && db.messages.find(id)
  if (!target) throw new DeleteMessageError("MessageNotFound", `Message not found: ${id ? bytesToHex(id) : messageId}`)
  if (!sameBytes(target.groupId, groupId)) throw new DeleteMessageError("NotAuthorized", "Not authorized to delete this message: it belongs to another conversation.")
  if (db.messageDeletions.isDeleted(target.id)) throw new DeleteMessageError("MessageAlreadyDeleted", "Message already deleted")
  const isSender = target.senderInboxId === caller.inboxId
  if (!isSender && !caller.isSuperAdmin) {
    throw new DeleteMessageError("NotAuthorized", "Not authorized to delete this message: only its sender or a super admin of the group may.")
  }
  if (!isDeletable(target)) {
    throw new DeleteMessageError("NonDeletableMessage", "Cannot delete this message type: only text, markdown, replies, attachments and transaction messages can be deleted.")
  }
  return {
    target,
    record: (deleteMessageId, nowNs) => ({
      id: deleteMessageId,
      groupId,
      deletedMessageId: target.id,
      deletedByInboxId: caller.inboxId,
      isSuperAdminDeletion: !isSender && caller.isSuperAdmin,
      deletedAtNs: nowNs,
    }),
  }
}

/** The DeleteMessage content that deletes `target` for everyone. */
export function deleteMessageContent(target: StoredMessage) {
  return deleteMessageCodec.encode({ messageId: bytesToHex(target.id) })
}
