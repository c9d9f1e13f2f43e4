// A stored message as the API returns it: ids in hex, SDK enum values, and its content decoded by
// the content registry (undefined, with the fallback, when no codec reads it).
import { bytesToHex } from "@noble/hashes/utils.js"
import { CodecRegistry, decodeEncodedContent, type ContentTypeId } from "../content/index"
import { StoredDeliveryStatus, StoredMessageKind, type StoredMessage } from "../storage/messages"
import { DeliveryStatus, GroupMessageKind, type DecodedMessage } from "./publicTypes"

const registry = new CodecRegistry()

export function toDecodedMessage(message: StoredMessage): DecodedMessage {
  let contentType: ContentTypeId | undefined
  let content: unknown
  let fallback: string | undefined
  try {
    const encoded = decodeEncodedContent(message.decryptedMessageBytes)
    contentType = encoded.type
    fallback = encoded.fallback
    const decoded = registry.decode(message.decryptedMessageBytes)
    content = decoded.kind === "content" ? decoded.value : undefined
  } catch {
    // Content that does not decode is shown through its fallback, as the SDK does.
  }
  return {
    id: bytesToHex(message.id),
    conversationId: bytesToHex(message.groupId),
    senderInboxId: message.senderInboxId,
    contentType,
    content,
    ...(fallback === undefined ? {} : { fallback }),
    kind: message.kind === StoredMessageKind.MembershipChange ? GroupMessageKind.MembershipChange : GroupMessageKind.Application,
    deliveryStatus: toDeliveryStatus(message.deliveryStatus),
    sentAtNs: message.sentAtNs,
    sentAt: new Date(Number(message.sentAtNs / 1_000_000n)),
  }
}

function toDeliveryStatus(status: StoredMessage["deliveryStatus"]): DeliveryStatus {
  switch (status) {
    case StoredDeliveryStatus.Unpublished:
      return DeliveryStatus.Unpublished
    case StoredDeliveryStatus.Published:
      return DeliveryStatus.Published
    default:
      return DeliveryStatus.Failed
  }
}

export function toStoredDeliveryStatus(status: DeliveryStatus): StoredMessage["deliveryStatus"] {
  return status === DeliveryStatus.Unpublished
    ? StoredDeliveryStatus.Unpublished
    : status === DeliveryStatus.Published
      ? StoredDeliveryStatus.Published
      : StoredDeliveryStatus.Failed
}

export function toStoredKind(kind: GroupMessageKind): StoredMessage["kind"] {
  return kind === GroupMessageKind.MembershipChange ? StoredMessageKind.MembershipChange : StoredMessageKind.Application
}
