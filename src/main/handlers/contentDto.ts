// Decoded message content, as the engine's codecs produce it, in the contract's shape. Secrets of
// remote attachments stay here (the renderer gets the description only); content without a codec,
// or of a type Parley does not render, becomes `unsupported` with its fallback text.
import {
  CONTENT_TYPE_IDS,
  type Attachment,
  type ContentTypeId,
  type DeletedMessage,
  type GroupUpdated,
  type Inbox,
  type MultiRemoteAttachment,
  type Reaction,
  type RemoteAttachment,
  type TransactionReference,
} from "../../engine/content/index"
import type { DecodedMessage, EnrichedReply } from "../../engine/index"
import type { LeafContent, MessageContent, RemoteAttachmentInfo } from "../../shared/dto/messageContent"

const UNKNOWN_TYPE: ContentTypeId = { authorityId: "", typeId: "unknown", versionMajor: 0, versionMinor: 0 }

// As the engine's registry does for built-ins: a type is known by its type id and major version.
function is(type: ContentTypeId, known: ContentTypeId): boolean {
  return type.typeId === known.typeId && type.versionMajor === known.versionMajor
}

function inboxIds(inboxes: readonly Inbox[]): string[] {
  return inboxes.map((inbox) => inbox.inboxId)
}

function remoteInfo(remote: RemoteAttachment): RemoteAttachmentInfo {
  return {
    url: remote.url,
    scheme: remote.scheme,
    contentDigest: remote.contentDigest,
    ...(remote.contentLength === undefined ? {} : { contentLength: remote.contentLength }),
    ...(remote.filename === undefined ? {} : { filename: remote.filename }),
  }
}

function groupUpdated(update: GroupUpdated): LeafContent {
  return {
    type: "groupUpdated",
    groupUpdated: {
      initiatedByInboxId: update.initiatedByInboxId,
      addedInboxIds: inboxIds(update.addedInboxes),
      removedInboxIds: inboxIds(update.removedInboxes),
      leftInboxIds: inboxIds(update.leftInboxes),
      metadataFieldChanges: update.metadataFieldChanges.map((change) => ({
        fieldName: change.fieldName,
        ...(change.oldValue === undefined ? {} : { oldValue: change.oldValue }),
        ...(change.newValue === undefined ? {} : { newValue: change.newValue }),
      })),
      addedAdminInboxIds: inboxIds(update.addedAdminInboxes),
      removedAdminInboxIds: inboxIds(update.removedAdminInboxes),
      addedSuperAdminInboxIds: inboxIds(update.addedSuperAdminInboxes),
      removedSuperAdminInboxIds: inboxIds(update.removedSuperAdminInboxes),
    },
  }
}

function transaction(reference: TransactionReference): LeafContent {
  return {
    type: "transactionReference",
    transactionReference: {
      ...(reference.namespace === undefined ? {} : { namespace: reference.namespace }),
      networkId: reference.networkId,
      reference: reference.reference,
      ...(reference.metadata === undefined ? {} : { metadata: { ...reference.metadata } }),
    },
  }
}

function unsupported(contentType: ContentTypeId | undefined, fallback: string | undefined): LeafContent {
  return { type: "unsupported", contentType: { ...(contentType ?? UNKNOWN_TYPE) }, ...(fallback === undefined ? {} : { fallback }) }
}

/** Content that is not a reply. `content` is undefined when no codec decoded it. */
export function leafContentDto(contentType: ContentTypeId | undefined, content: unknown, fallback?: string): LeafContent {
  if (!contentType || content === undefined) return unsupported(contentType, fallback)
  const ids = CONTENT_TYPE_IDS
  if (is(contentType, ids.text)) return { type: "text", text: content as string }
  if (is(contentType, ids.markdown)) return { type: "markdown", markdown: content as string }
  if (is(contentType, ids.reaction) || is(contentType, ids.legacyReaction)) return { type: "reaction", reaction: { ...(content as Reaction) } }
  if (is(contentType, ids.attachment)) {
    const attachment = content as Attachment
    return { type: "attachment", attachment: { ...(attachment.filename === undefined ? {} : { filename: attachment.filename }), mimeType: attachment.mimeType, data: Uint8Array.from(attachment.content) } }
  }
  if (is(contentType, ids.remoteAttachment)) return { type: "remoteAttachment", attachment: remoteInfo(content as RemoteAttachment) }
  if (is(contentType, ids.multiRemoteAttachment)) return { type: "multiRemoteAttachment", attachments: (content as MultiRemoteAttachment).attachments.map(remoteInfo) }
  if (is(contentType, ids.transactionReference)) return transaction(content as TransactionReference)
  if (is(contentType, ids.groupUpdated)) return groupUpdated(content as GroupUpdated)
  if (is(contentType, ids.readReceipt)) return { type: "readReceipt" }
  if (is(contentType, ids.leaveRequest)) return { type: "leaveRequest" }
  if (is(contentType, ids.deletedMessage)) {
    const deleted = content as DeletedMessage
    return { type: "deleted", deleted: deleted.deletedBy === "admin" ? { deletedBy: "admin", adminInboxId: deleted.adminInboxId } : { deletedBy: "sender" } }
  }
  return unsupported(contentType, fallback)
}

function isReply(contentType: ContentTypeId | undefined): boolean {
  return contentType !== undefined && is(contentType, CONTENT_TYPE_IDS.reply)
}

/** A reply target as the contract quotes it: one level deep, so a target that is itself a reply quotes its own text. */
function quotedContent(message: DecodedMessage): LeafContent {
  if (!isReply(message.contentType) || message.content === undefined) return leafContentDto(message.contentType, message.content, message.fallback)
  const inner = message.content as EnrichedReply
  return isReply(inner.contentType) ? unsupported(inner.contentType, message.fallback) : leafContentDto(inner.contentType, inner.content, message.fallback)
}

/** Any message's content; a reply as the engine enriched it (its own content decoded, its target resolved when stored here). */
export function messageContentDto(message: Pick<DecodedMessage, "contentType" | "content" | "fallback">): MessageContent {
  const { contentType, content, fallback } = message
  if (!isReply(contentType) || content === undefined) return leafContentDto(contentType, content, fallback)
  const reply = content as EnrichedReply
  if (!/^[0-9a-f]{64}$/.test(reply.referenceId)) return unsupported(contentType, fallback)
  const target = reply.inReplyTo
  return {
    type: "reply",
    referenceId: reply.referenceId,
    content: isReply(reply.contentType) ? unsupported(reply.contentType, fallback) : leafContentDto(reply.contentType, reply.content, fallback),
    inReplyTo: target ? { id: target.id, senderInboxId: target.senderInboxId, sentAtNs: target.sentAtNs.toString(), content: quotedContent(target) } : null,
  }
}
