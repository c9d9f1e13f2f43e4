// Sending an application message (libxmtp groups/mod.rs send_message): the message is stored
// Unpublished with the SendMessage intent in one transaction, and is published by syncing until
// the intent resolves (unless the send is optimistic, which leaves publishing to the next sync or
// publishMessages()). A message already stored under the same id (same content, same caller key)
// is queued again rather than stored twice (MSG-02).
import { bytesToHex } from "@noble/hashes/utils.js"
import { encodeEncodedContent, type EncodedContent } from "../content/index"
import { ConsentEntityType, StoredConsentState } from "../storage/consent"
import { IntentKind } from "../storage/intents"
import { nowNs } from "../storage/rows"
import type { GroupContext } from "./context"
import { ensureNotPaused } from "./groupPause"
import { assertActive, loadGroup } from "./groupState"
import { maybeUpdateInstallations, queueIntent, SEND_UPDATE_INSTALLATIONS_INTERVAL_NS, syncUntilIntentResolved } from "./groupSync"
import { ownMessage, plaintextEnvelopeOf } from "./ownMessages"

export interface SendOptions {
  shouldPush: boolean
  optimistic: boolean
  /** The caller's idempotency key (MSG-02); the send time when absent. */
  idempotencyKey?: string
}

/** Returns the message id (hex). */
export async function sendMessage(ctx: GroupContext, groupId: Uint8Array, encoded: EncodedContent, options: SendOptions): Promise<string> {
  if (!options.optimistic) {
    assertActive(loadGroup(ctx.db, groupId))
    ensureNotPaused(ctx, groupId)
    await maybeUpdateInstallations(ctx, groupId, SEND_UPDATE_INSTALLATIONS_INTERVAL_NS)
  }
  const message = ownMessage(ctx, groupId, encodeEncodedContent(encoded), {
    shouldPush: options.shouldPush,
    ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
  })
  const intentId = queueIntent(ctx, groupId, {
    kind: IntentKind.SendMessage,
    data: plaintextEnvelopeOf(message),
    // As libxmtp: the flag stored with the message is the one published.
    shouldPush: message.shouldPush,
    message: { messageId: message.id, insert: () => ctx.db.messages.insertOrIgnore(message) },
  })
  if (!options.optimistic) {
    await syncUntilIntentResolved(ctx, groupId, intentId)
    allowConversation(ctx, groupId)
  }
  return bytesToHex(message.id)
}

/** Sending or publishing implicitly consents to the conversation (libxmtp update_consent_state(Allowed)). */
export function allowConversation(ctx: GroupContext, groupId: Uint8Array): void {
  ctx.db.consent.set(ConsentEntityType.ConversationId, bytesToHex(groupId), StoredConsentState.Allowed, nowNs())
}
