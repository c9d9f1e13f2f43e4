// One comparable form for an enriched message list, whoever produced it: Parley's conversation
// messages() or the official SDK's. The two differ only in representation (SDK enums are numbers or
// capitalised strings, absent fields are null, napi objects carry parameters as Records), so each
// side is mapped into plain data: content types as `authority/type:major.minor` strings, reactions
// in Parley's model, deletions as {deletedBy, adminInboxId?}, replies with their target mapped alike.
import type { DecodedMessage as SdkDecodedMessage } from "@xmtp/node-sdk"
import type * as Sdk from "@xmtp/node-bindings"
import { contentTypeIdToString, type ContentTypeId } from "../../../../src/engine/content/index"
import type { DecodedMessage, EnrichedReply } from "../../../../src/engine/index"
import { fromSdkEncoded, fromSdkReaction, withoutAbsent } from "../../../integration/content/support/sdkShapes"

export interface ViewedMessage {
  id: string
  senderInboxId: string
  contentType: string
  kind: number
  deliveryStatus: number
  sentAtNs: string
  fallback: string | null
  content: unknown
  reactions: ViewedMessage[]
  numReplies: number
}

const typeName = (type: ContentTypeId | Sdk.ContentTypeId | null | undefined): string | null => (type ? contentTypeIdToString(type) : null)

const isDeletion = (content: unknown): content is { deletedBy: string; adminInboxId?: string | null } =>
  typeof content === "object" && content !== null && "deletedBy" in content

function deletion(content: { deletedBy: string; adminInboxId?: string | null }) {
  const deletedBy = content.deletedBy.toLowerCase()
  return deletedBy === "admin" ? { deletedBy, adminInboxId: content.adminInboxId } : { deletedBy }
}

/** Plain data for comparison: bytes as hex, Maps as objects, absent fields dropped. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString("hex")
  if (value instanceof Map) return plain(Object.fromEntries(value))
  if (typeof value === "bigint") return value.toString()
  if (Array.isArray(value)) return value.map(plain)
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined && v !== null)
        .map(([k, v]) => [k, plain(v)]),
    )
  }
  return value
}

// ---- Parley

function parleyContent(message: DecodedMessage): unknown {
  const content = message.content
  if (isDeletion(content)) return deletion(content)
  if (message.contentType.typeId === "reply" && content !== undefined) {
    const reply = content as EnrichedReply
    return {
      referenceId: reply.referenceId,
      contentType: typeName(reply.contentType),
      content: plain(reply.content),
      inReplyTo: reply.inReplyTo ? viewParley(reply.inReplyTo) : null,
    }
  }
  return plain(content)
}

export function viewParley(message: DecodedMessage): ViewedMessage {
  return {
    id: message.id,
    senderInboxId: message.senderInboxId,
    contentType: contentTypeIdToString(message.contentType),
    kind: message.kind,
    deliveryStatus: message.deliveryStatus,
    sentAtNs: message.sentAtNs.toString(),
    fallback: message.fallback ?? null,
    content: parleyContent(message),
    reactions: message.reactions.map((r) => viewParley(r)),
    numReplies: message.numReplies,
  }
}

// ---- SDK

function sdkLeaf(typeId: string | undefined, content: unknown): unknown {
  if (isDeletion(content)) return deletion(content)
  if (typeId === "reaction" && content) return plain(fromSdkReaction(content as Sdk.Reaction))
  // A reply's inner content of a type without a codec arrives as the napi EncodedContent.
  if (content && typeof content === "object" && "content" in content && "parameters" in content) return plain(fromSdkEncoded(content as Sdk.EncodedContent))
  return plain(withoutAbsent(content))
}

function sdkContent(message: SdkDecodedMessage): unknown {
  const content: unknown = message.content
  if (message.contentType.typeId === "reply" && content && !isDeletion(content)) {
    const reply = content as { referenceId: string; content: unknown; contentType?: Sdk.ContentTypeId; inReplyTo: SdkDecodedMessage | null }
    return {
      referenceId: reply.referenceId,
      contentType: typeName(reply.contentType),
      content: sdkLeaf(reply.contentType?.typeId, reply.content),
      inReplyTo: reply.inReplyTo ? viewSdk(reply.inReplyTo) : null,
    }
  }
  return sdkLeaf(message.contentType.typeId, content)
}

export function viewSdk(message: SdkDecodedMessage): ViewedMessage {
  return {
    id: message.id,
    senderInboxId: message.senderInboxId,
    contentType: contentTypeIdToString(message.contentType),
    kind: message.kind as number,
    deliveryStatus: message.deliveryStatus as number,
    sentAtNs: message.sentAtNs.toString(),
    fallback: message.fallback ?? null,
    content: sdkContent(message),
    reactions: message.reactions.map((r) => viewSdk(r as SdkDecodedMessage)),
    numReplies: message.numReplies,
  }
}
