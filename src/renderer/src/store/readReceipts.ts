// Read receipts of the other members: what main knows when a conversation opens, then each new one
// as it arrives (main pushes receipts as `messages:upserted`; they are not rows of the list).
import type { ConversationId } from "../../../shared/dto/identifiers"
import type { Message } from "../../../shared/dto/message"
import { request } from "../bridge/api"
import { errorInfo, errorMessage } from "../lib/errors"
import { mergeReadTimes, notify, ownInboxId } from "./store"

export async function loadReadTimes(conversationId: ConversationId): Promise<void> {
  try {
    mergeReadTimes(conversationId, await request("conversations:readReceipts", conversationId))
  } catch (error) {
    if (errorInfo(error).code !== "NotAvailable") notify("error", errorMessage(error))
  }
}

export function isReadReceipt(message: Message): boolean {
  return message.content.type === "readReceipt"
}

/** A receipt pushed by main: the sender has read the conversation up to its time (the user's own say nothing new). */
export function noteReadReceipt(message: Message): void {
  if (message.senderInboxId === ownInboxId()) return
  mergeReadTimes(message.conversationId, { [message.senderInboxId]: message.sentAtNs })
}
