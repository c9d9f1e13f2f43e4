// One stored message decoded on its own, as libxmtp's DecodedMessage::try_from and the SDK's
// DecodedMessage constructor present it, before enrichment attaches reactions, reply counts,
// reply targets and deletions: bytes that are not an EncodedContent yield nothing (ENR-04); a type
// without a codec has undefined content; a codec that refuses its content leaves the content
// undefined with the error beside the fallback; a reply's content becomes an EnrichedReply whose
// inner content is decoded too (an EncodedContent when its type has no codec).
import { bytesToHex } from "@noble/hashes/utils.js"
import { DeliveryStatus, GroupMessageKind, type DecodedMessage, type EnrichedReply } from "../groups/publicTypes"
import { StoredDeliveryStatus, StoredMessageKind, type StoredMessage } from "../storage/messages"
import { replyCodec, type Reply } from "./codecs/replyCodec"
import { contentTypeId, type ContentTypeId } from "./contentTypeId"
import { ContentDecodeError } from "./errors"
import { decodeEncodedContent, type EncodedContent } from "./proto/encodedContentMessage"
import { CodecRegistry } from "./registry"

const registry = new CodecRegistry()

/** libxmtp's `r#type.unwrap_or_default()`: content that declares no type. */
const NO_CONTENT_TYPE: ContentTypeId = contentTypeId("", "", 0, 0)

const DELIVERY_STATUSES: Record<StoredDeliveryStatus, DeliveryStatus> = {
  [StoredDeliveryStatus.Unpublished]: DeliveryStatus.Unpublished,
  [StoredDeliveryStatus.Published]: DeliveryStatus.Published,
  [StoredDeliveryStatus.Failed]: DeliveryStatus.Failed,
}

interface Body {
  content: unknown
  decodeError?: ContentDecodeError
}

/** The message with no reactions and no replies counted; undefined when its bytes are not an EncodedContent. */
export function decodeStoredMessage(message: StoredMessage): DecodedMessage | undefined {
  let encoded: EncodedContent
  try {
    encoded = decodeEncodedContent(message.decryptedMessageBytes)
  } catch (error) {
    if (error instanceof ContentDecodeError) return undefined
    throw error
  }
  const body = decodeBody(encoded)
  return {
    id: bytesToHex(message.id),
    conversationId: bytesToHex(message.groupId),
    senderInboxId: message.senderInboxId,
    senderInstallationId: bytesToHex(message.senderInstallationId),
    contentType: encoded.type ?? NO_CONTENT_TYPE,
    content: body.content,
    ...(encoded.fallback === undefined ? {} : { fallback: encoded.fallback }),
    kind: message.kind === StoredMessageKind.MembershipChange ? GroupMessageKind.MembershipChange : GroupMessageKind.Application,
    deliveryStatus: DELIVERY_STATUSES[message.deliveryStatus],
    sentAtNs: message.sentAtNs,
    sentAt: new Date(Number(message.sentAtNs / 1_000_000n)),
    ...(message.expireAtNs === undefined ? {} : { expiresAtNs: message.expireAtNs, expiresAt: new Date(Number(message.expireAtNs / 1_000_000n)) }),
    reactions: [],
    numReplies: 0,
    ...(body.decodeError ? { decodeError: body.decodeError } : {}),
  }
}

function decodeBody(encoded: EncodedContent): Body {
  let decoded
  try {
    decoded = registry.decodeEncoded(encoded)
  } catch (error) {
    if (error instanceof ContentDecodeError) return { content: undefined, decodeError: error }
    throw error
  }
  if (decoded.kind === "custom") return { content: undefined }
  if (decoded.codec === replyCodec) return { content: enrichedReply(decoded.value as Reply) }
  return { content: decoded.value }
}

function enrichedReply(reply: Reply): EnrichedReply {
  return { referenceId: reply.reference, ...replyInner(reply.content), inReplyTo: null }
}

/** The reply's own content and its type: the codec's type when one decodes it, else the EncodedContent as sent. */
function replyInner(inner: EncodedContent): Pick<EnrichedReply, "content" | "contentType"> {
  const asSent = { content: inner, contentType: inner.type }
  let decoded
  try {
    decoded = registry.decodeEncoded(inner)
  } catch (error) {
    if (error instanceof ContentDecodeError) return asSent
    throw error
  }
  if (decoded.kind === "custom") return asSent
  const content = decoded.codec === replyCodec ? enrichedReply(decoded.value as Reply) : decoded.value
  return { content, contentType: decoded.codec.contentType }
}
