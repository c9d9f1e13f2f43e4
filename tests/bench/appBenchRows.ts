// Message rows for the app benchmark's fixture, made the way the engine makes the rows of messages
// it sends and receives: real EncodedContent (text, reply, reaction codecs), libxmtp's message id,
// the queryable fields the engine derives from the content. Rows are written through the engine's
// storage module, so lists decode and enrich them like any received message.
import { bytesToHex } from "@noble/hashes/utils.js"
import { encodeEncodedContent, reactionCodec, replyCodec, textCodec, type EncodedContent } from "../../src/engine/content/index"
import { calculateMessageId } from "../../src/engine/groups/messageId"
import { queryableContentFields } from "../../src/engine/groups/queryableContent"
import type { ClientDatabase } from "../../src/engine/storage/clientDatabase"
import { StoredDeliveryStatus, StoredMessageKind, type StoredMessage } from "../../src/engine/storage/messages"

export interface Sender {
  inboxId: string
  installationId: Uint8Array
}

/** One in REPLY_EVERY listed messages is a reply, one in REACTION_EVERY gets a reaction. */
const REPLY_EVERY = 25
const REACTION_EVERY = 10
const WORDS = ["lunch", "deploy", "tickets", "the draft", "Saturday", "the build", "photos", "the invoice", "a call", "the plan"]

export interface ConversationRows {
  /** Listed messages (texts and replies). */
  listed: number
  /** All rows written, reactions included. */
  rows: number
}

/**
 * Writes `count` listed messages into `groupId`, alternating between `senders`, sent at
 * `startNs`, `startNs + stepNs`, ...; with `relations`, replies and reactions among them.
 */
export function writeConversation(
  db: ClientDatabase,
  groupId: Uint8Array,
  senders: readonly Sender[],
  count: number,
  startNs: bigint,
  stepNs: bigint,
  relations: boolean,
): ConversationRows {
  let rows = 0
  let previous: { id: Uint8Array; sender: Sender } | undefined
  let sentAtNs = startNs
  const insert = (sender: Sender, encoded: EncodedContent): Uint8Array => {
    const row = messageRow(groupId, sender, encoded, sentAtNs)
    sentAtNs += stepNs
    db.messages.insertOrIgnore(row)
    rows++
    return row.id
  }
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const sender = senders[i % senders.length]!
      const text = `Message ${i + 1} about ${WORDS[i % WORDS.length]}`
      const encoded =
        relations && previous && i % REPLY_EVERY === REPLY_EVERY - 1
          ? replyCodec.encode({ reference: bytesToHex(previous.id), referenceInboxId: previous.sender.inboxId, content: textCodec.encode(text) })
          : textCodec.encode(text)
      const id = insert(sender, encoded)
      if (relations && i % REACTION_EVERY === REACTION_EVERY - 1) {
        const reactor = senders[(i + 1) % senders.length]!
        insert(reactor, reactionCodec.encode({ reference: bytesToHex(id), referenceInboxId: sender.inboxId, action: "added", content: "👍", schema: "unicode" }))
      }
      previous = { id, sender }
    }
  })
  return { listed: count, rows }
}

function messageRow(groupId: Uint8Array, sender: Sender, encoded: EncodedContent, sentAtNs: bigint): StoredMessage {
  const contentBytes = encodeEncodedContent(encoded)
  const idempotencyKey = sentAtNs.toString()
  return {
    id: calculateMessageId(groupId, contentBytes, idempotencyKey),
    groupId,
    decryptedMessageBytes: contentBytes,
    sentAtNs,
    kind: StoredMessageKind.Application,
    senderInstallationId: sender.installationId,
    senderInboxId: sender.inboxId,
    deliveryStatus: StoredDeliveryStatus.Published,
    ...queryableContentFields(contentBytes),
    idempotencyKey,
    shouldPush: true,
    insertedAtNs: sentAtNs,
  }
}
