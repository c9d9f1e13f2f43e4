// One renderer per content type, picked by the content's `type`. Each sits inside the bubble's
// error boundary, so content that breaks its renderer costs one bubble, not the conversation.
import type { ReactNode } from "react"
import type { Message } from "../../../../../shared/dto/message"
import type { LeafContent, MessageContent } from "../../../../../shared/dto/messageContent"
import { contentPreview } from "../../../lib/messagePreview"
import { AttachmentView, RemoteAttachmentView } from "../../attachments/AttachmentView"
import "./content.css"

type Namer = (inboxId: string) => string
type Renderers = { [T in MessageContent["type"]]: (content: Extract<MessageContent, { type: T }>, message: Message, name: Namer) => ReactNode }

const renderers: Renderers = {
  text: (content) => content.text,
  markdown: (content) => content.markdown,
  reply: (content, message, name) => (
    <>
      <blockquote className="reply-quote">
        {content.inReplyTo ? (
          <>
            <span className="reply-quote__sender">{name(content.inReplyTo.senderInboxId)}</span>
            <span className="reply-quote__text">{contentPreview(content.inReplyTo.content, name)}</span>
          </>
        ) : (
          <span className="reply-quote__text">Replying to a message that is not on this device</span>
        )}
      </blockquote>
      <LeafView content={content.content} message={message} name={name} />
    </>
  ),
  reaction: (content) => content.reaction.content,
  attachment: (content) => <AttachmentView attachment={content.attachment} />,
  remoteAttachment: (content, message) => <RemoteAttachmentView messageId={message.id} index={0} info={content.attachment} />,
  multiRemoteAttachment: (content, message) => (
    <span className="attachment-list">
      {content.attachments.map((info, index) => (
        <RemoteAttachmentView key={index} messageId={message.id} index={index} info={info} />
      ))}
    </span>
  ),
  transactionReference: (content) => (
    <span className="transaction">
      <strong>Transaction</strong>
      <span className="mono">{content.transactionReference.reference}</span>
      {content.transactionReference.metadata && (
        <span>
          {content.transactionReference.metadata.amount / 10 ** content.transactionReference.metadata.decimals} {content.transactionReference.metadata.currency}
        </span>
      )}
    </span>
  ),
  groupUpdated: () => "Group updated",
  readReceipt: () => null,
  leaveRequest: () => "Asked to leave the group",
  deleted: (content) => (content.deleted.deletedBy === "admin" ? "This message was deleted by an admin" : "This message was deleted"),
  unsupported: (content) => <span className="unsupported">{content.fallback ?? "This message uses a content type this version of Parley cannot show."}</span>,
}

function render(content: MessageContent, message: Message, name: Namer): ReactNode {
  const renderer = renderers[content.type] as (content: MessageContent, message: Message, name: Namer) => ReactNode
  return renderer(content, message, name)
}

function LeafView({ content, message, name }: { content: LeafContent; message: Message; name: Namer }) {
  return <>{render(content, message, name)}</>
}

export function MessageContentView({ message, name }: { message: Message; name: Namer }) {
  return <span className="message-content">{render(message.content, message, name)}</span>
}
