// This installation's own application messages before they reach the network (libxmtp groups/mod.rs
// prepare_message_for_later_publish and into_envelope): the stored Unpublished row whose id is
// derived from the idempotency key (MSG-01), and the PlaintextEnvelope that carries content and key
// so every receiver derives the same id (MSG-03).
import { content as contentProto } from "../proto/index"
import { StoredDeliveryStatus, StoredMessageKind, type StoredMessage } from "../storage/messages"
import { nowNs } from "../storage/rows"
import { monotonicNowNs } from "./clock"
import type { GroupContext } from "./context"
import { calculateMessageId } from "./messageId"
import { queryableContentFields } from "./queryableContent"

export interface OwnMessageOptions {
  shouldPush: boolean
  /**
   * The caller's key (MSG-02): the same content with the same key is the same message. Without
   * one, the key is the decimal send time in ns, unique per send.
   */
  idempotencyKey?: string
}

/** The message as it would be stored now; the row already stored under its id, when there is one, wins (MSG-02). */
export function ownMessage(ctx: GroupContext, groupId: Uint8Array, contentBytes: Uint8Array, options: OwnMessageOptions): StoredMessage {
  const sentAtNs = monotonicNowNs()
  const idempotencyKey = options.idempotencyKey ?? sentAtNs.toString()
  const id = calculateMessageId(groupId, contentBytes, idempotencyKey)
  const existing = ctx.db.messages.find(id)
  if (existing) return existing
  return {
    id,
    groupId,
    decryptedMessageBytes: contentBytes,
    sentAtNs,
    kind: StoredMessageKind.Application,
    senderInstallationId: ctx.installation.publicKey,
    senderInboxId: ctx.inboxId,
    deliveryStatus: StoredDeliveryStatus.Unpublished,
    ...queryableContentFields(contentBytes),
    idempotencyKey,
    shouldPush: options.shouldPush,
    insertedAtNs: nowNs(),
  }
}

/** The SendMessage intent's payload: PlaintextEnvelope v1 with the content and the message's own key. */
export function plaintextEnvelopeOf(message: StoredMessage): Uint8Array {
  return contentProto.PlaintextEnvelope.encode({ v1: { content: message.decryptedMessageBytes, idempotencyKey: message.idempotencyKey } }).finish()
}
