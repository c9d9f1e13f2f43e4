// Publishing own messages after the fact (libxmtp groups/mod.rs publish_messages,
// prepare_message_for_later_publish and publish_stored_message): optimistic sends are queued
// intents that publishMessages() publishes (MSG-05); a prepared message is stored Unpublished with
// no intent, so publishMessages() and syncs leave it alone until publishStoredMessage (MSG-06).
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js"
import { IntentKind, IntentState } from "../storage/intents"
import { StoredDeliveryStatus } from "../storage/messages"
import type { GroupContext } from "./context"
import { GroupError } from "./errors"
import { ensureNotPaused } from "./groupPause"
import { assertActive, loadGroup } from "./groupState"
import { maybeUpdateInstallations, queueIntent, SEND_UPDATE_INSTALLATIONS_INTERVAL_NS, syncUntilIntentResolved } from "./groupSync"
import { ownMessage, plaintextEnvelopeOf, type OwnMessageOptions } from "./ownMessages"
import { allowConversation } from "./sendMessage"

/** Stores the content as an Unpublished message of this group and returns its id; a message already stored under that id is returned as it is. */
export function prepareMessage(ctx: GroupContext, groupId: Uint8Array, contentBytes: Uint8Array, options: OwnMessageOptions): Uint8Array {
  loadGroup(ctx.db, groupId)
  const message = ownMessage(ctx, groupId, contentBytes, options)
  ctx.db.messages.insertOrIgnore(message)
  return message.id
}

/**
 * Publishes a stored message of this group with the push flag and idempotency key stored with it.
 * Nothing happens for a message already Published; an Unpublished or Failed one is queued and
 * published (again). Throws GroupError: GroupInactive, NotFound (no such message in this group).
 */
export async function publishStoredMessage(ctx: GroupContext, groupId: Uint8Array, messageId: Uint8Array): Promise<void> {
  assertActive(loadGroup(ctx.db, groupId))
  ensureNotPaused(ctx, groupId)
  const message = ctx.db.messages.find(messageId)
  if (!message || bytesToHex(message.groupId) !== bytesToHex(groupId)) {
    throw new GroupError("NotFound", `No message with id ${bytesToHex(messageId)} is stored in conversation ${bytesToHex(groupId)}.`)
  }
  if (message.deliveryStatus === StoredDeliveryStatus.Published) return
  const intentId = queueIntent(ctx, groupId, {
    kind: IntentKind.SendMessage,
    data: plaintextEnvelopeOf(message),
    shouldPush: message.shouldPush,
    message: { messageId: message.id, insert: () => undefined },
  })
  await maybeUpdateInstallations(ctx, groupId, SEND_UPDATE_INSTALLATIONS_INTERVAL_NS)
  await syncUntilIntentResolved(ctx, groupId, intentId)
  allowConversation(ctx, groupId)
}

/** Publishes every queued intent of the group (optimistic messages among them), then consents to it. */
export async function publishMessages(ctx: GroupContext, groupId: Uint8Array): Promise<void> {
  ensureNotPaused(ctx, groupId)
  await maybeUpdateInstallations(ctx, groupId, SEND_UPDATE_INSTALLATIONS_INTERVAL_NS)
  const last = ctx.db.intents.listByState(groupId, [IntentState.ToPublish, IntentState.Published]).at(-1)
  if (last) await syncUntilIntentResolved(ctx, groupId, last.id)
  allowConversation(ctx, groupId)
}

/** A message id from its hex form, as the node binding decodes it (NODE-03). Throws GroupError("InvalidArgument"). */
export function messageIdBytes(hex: string): Uint8Array {
  try {
    return hexToBytes(hex)
  } catch (cause) {
    throw new GroupError("InvalidArgument", `"${hex}" is not a message id: message ids are hex strings.`, { cause })
  }
}
