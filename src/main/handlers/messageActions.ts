// What the user does to messages beyond plain text: replies, reactions, inline attachments and
// deletion. After each, the message it touched is pushed again as it now reads (its reactions, its
// reply count, or its deleted placeholder), so every window of the profile shows the change.
import { CONTENT_TYPE_IDS, textCodec } from "../../engine/content/index"
import type { DecodedMessage, EnrichedReply } from "../../engine/index"
import type { Message } from "../../shared/dto/message"
import type { OutgoingAttachment, ReactionInput } from "../../shared/dto/messageRequests"
import { ConversationError } from "./conversationErrors"
import type { EngineService } from "./engineService"
import type { EventHub } from "./eventHub"

/** The message another one points at: a reaction's, a reply's, or a deletion's target. */
export function referencedMessageId(message: DecodedMessage): string | undefined {
  const type = message.contentType.typeId
  const content = message.content as Record<string, unknown> | undefined
  if (!content) return undefined
  if (type === CONTENT_TYPE_IDS.reaction.typeId) return content["reference"] as string
  if (type === CONTENT_TYPE_IDS.reply.typeId) return (content as unknown as EnrichedReply).referenceId
  if (type === CONTENT_TYPE_IDS.deleteMessage.typeId) return content["messageId"] as string
  return undefined
}

export class MessageActions {
  constructor(
    private readonly engine: EngineService,
    private readonly events: EventHub,
  ) {}

  async sendReply(conversationId: string, messageId: string, text: string): Promise<Message> {
    const conversation = await this.engine.conversation(conversationId)
    const target = this.#target(messageId)
    const id = await conversation.sendReply({ reference: messageId, referenceInboxId: target.senderInboxId, content: textCodec.encode(text) })
    this.#pushAgain(messageId)
    return this.#stored(id)
  }

  async react(conversationId: string, messageId: string, input: ReactionInput): Promise<Message> {
    const conversation = await this.engine.conversation(conversationId)
    const target = this.#target(messageId)
    await conversation.sendReaction({ reference: messageId, referenceInboxId: target.senderInboxId, action: input.action, content: input.content, schema: "unicode" })
    return this.#pushAgain(messageId) ?? this.#stored(messageId)
  }

  async sendAttachment(conversationId: string, attachment: OutgoingAttachment): Promise<Message> {
    const conversation = await this.engine.conversation(conversationId)
    const id = await conversation.sendAttachment({ filename: attachment.filename, mimeType: attachment.mimeType, content: attachment.data })
    return this.#stored(id)
  }

  async delete(conversationId: string, messageId: string): Promise<void> {
    const conversation = await this.engine.conversation(conversationId)
    await conversation.deleteMessage(messageId)
    this.#pushAgain(messageId)
    // The deletion was queued like an optimistic send: publish it now rather than with the next message.
    await conversation.publishMessages()
  }

  #target(messageId: string): DecodedMessage {
    const target = this.engine.client.conversations.getMessageById(messageId)
    if (!target) throw new ConversationError("NotFound", "That message is not on this installation any more.")
    return target
  }

  #stored(id: string): Message {
    const message = this.engine.storedMessage(id)
    if (!message) throw new ConversationError("NotFound", "The message was sent but is not stored on this installation; reload the conversation.")
    return message
  }

  #pushAgain(messageId: string): Message | undefined {
    const message = this.engine.storedMessage(messageId)
    if (message) this.events.emit("messages:upserted", message)
    return message
  }
}
