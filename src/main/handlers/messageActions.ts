// What the user does to messages beyond plain text: replies, reactions, attachments (sending inline
// ones, downloading remote ones) and deletion. After each, the message it touched is pushed again as it now reads (its reactions, its
// reply count, or its deleted placeholder), so every window of the profile shows the change.
import { CONTENT_TYPE_IDS, HttpAttachmentStore, loadRemoteAttachment, type MultiRemoteAttachment, type RemoteAttachment, textCodec } from "../../engine/content/index"
import type { DecodedMessage, EnrichedReply } from "../../engine/index"
import type { Message } from "../../shared/dto/message"
import type { InlineAttachment } from "../../shared/dto/messageContent"
import type { OutgoingAttachment, ReactionInput } from "../../shared/dto/messageRequests"
import { AttachmentError } from "./attachmentErrors"
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

/** The remote attachment at `index` of a message's own content (a remote or multi-remote attachment). */
function remoteAttachmentAt(message: DecodedMessage, index: number): RemoteAttachment | undefined {
  const type = message.contentType.typeId
  if (message.content === undefined) return undefined
  if (type === CONTENT_TYPE_IDS.remoteAttachment.typeId) return index === 0 ? (message.content as RemoteAttachment) : undefined
  if (type === CONTENT_TYPE_IDS.multiRemoteAttachment.typeId) return (message.content as MultiRemoteAttachment).attachments[index]
  return undefined
}

export class MessageActions {
  /**
   * Remote attachments name their own URL (any member's store), so downloads need no base URL or
   * token; the bytes are checked against the message's digest and key before anyone sees them.
   */
  readonly #downloads = new HttpAttachmentStore({ baseUrl: "" })

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

  /** Downloads, verifies and decrypts attachment `index` of a remote or multi-remote attachment message. */
  async loadAttachment(messageId: string, index: number): Promise<InlineAttachment> {
    const remote = remoteAttachmentAt(this.#target(messageId), index)
    if (!remote) throw new AttachmentError("NotAnAttachment", "That message has no downloadable attachment at this position.")
    const file = await loadRemoteAttachment(remote, this.#downloads)
    return { ...(file.filename === undefined ? {} : { filename: file.filename }), mimeType: file.mimeType, data: Uint8Array.from(file.content) }
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
