// Sending an application message (libxmtp groups/mod.rs send_message): the EncodedContent goes in
// a PlaintextEnvelope v1 with a fresh idempotency key, is stored Unpublished with the SendMessage
// intent in one transaction, and is published by syncing until the intent resolves (unless the
// send is optimistic, which leaves publishing to the next sync or publishMessages()).
import { bytesToHex } from "@noble/hashes/utils.js"
import { encodeEncodedContent, type EncodedContent } from "../content/index"
import { content as contentProto } from "../proto/index"
import { ConsentEntityType, StoredConsentState } from "../storage/consent"
import { IntentKind } from "../storage/intents"
import { StoredDeliveryStatus, StoredMessageKind, type StoredMessage } from "../storage/messages"
import { nowNs } from "../storage/rows"
import { monotonicNowNs } from "./clock"
import type { GroupContext } from "./context"
import { assertActive, loadGroup } from "./groupState"
import { maybeUpdateInstallations, queueIntent, SEND_UPDATE_INSTALLATIONS_INTERVAL_NS, syncUntilIntentResolved } from "./groupSync"
import { calculateMessageId } from "./messageId"
import { queryableContentFields } from "./queryableContent"

export interface SendOptions {
  shouldPush: boolean
  optimistic: boolean
}

/** Returns the message id (hex). */
export async function sendMessage(ctx: GroupContext, groupId: Uint8Array, encoded: EncodedContent, options: SendOptions): Promise<string> {
  if (!options.optimistic) {
    assertActive(loadGroup(ctx.db, groupId))
    await maybeUpdateInstallations(ctx, groupId, SEND_UPDATE_INSTALLATIONS_INTERVAL_NS)
  }
  const contentBytes = encodeEncodedContent(encoded)
  const sentAtNs = monotonicNowNs()
  const idempotencyKey = sentAtNs.toString()
  const messageId = calculateMessageId(groupId, contentBytes, idempotencyKey)
  const envelope = contentProto.PlaintextEnvelope.encode({ v1: { content: contentBytes, idempotencyKey } }).finish()
  const message: StoredMessage = {
    id: messageId,
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
  const intentId = queueIntent(ctx, groupId, {
    kind: IntentKind.SendMessage,
    data: envelope,
    shouldPush: options.shouldPush,
    message: { messageId, insert: () => ctx.db.messages.insertOrIgnore(message) },
  })
  if (!options.optimistic) {
    await syncUntilIntentResolved(ctx, groupId, intentId)
    ctx.db.consent.set(ConsentEntityType.ConversationId, bytesToHex(groupId), StoredConsentState.Allowed, nowNs())
  }
  return bytesToHex(messageId)
}
