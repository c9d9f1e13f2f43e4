// One line that stands for a message in the conversation list and in reply quotes.
import type { InboxId } from "../../../shared/dto/identifiers"
import type { Message } from "../../../shared/dto/message"
import type { LeafContent, MessageContent } from "../../../shared/dto/messageContent"
import { groupUpdateLines } from "./groupUpdateText"

export function contentPreview(content: MessageContent | LeafContent, name: (inboxId: InboxId) => string): string {
  switch (content.type) {
    case "text":
      return content.text
    case "markdown":
      return content.markdown.replace(/[*_`#>]/g, "")
    case "reaction":
      return content.reaction.action === "removed" ? "Removed a reaction" : `Reacted ${content.reaction.content}`
    case "reply":
      return contentPreview(content.content, name)
    case "attachment":
      return `Attachment: ${content.attachment.filename ?? content.attachment.mimeType}`
    case "remoteAttachment":
      return `Attachment: ${content.attachment.filename ?? "file"}`
    case "multiRemoteAttachment":
      return `${content.attachments.length} attachments`
    case "transactionReference":
      return "Transaction"
    case "groupUpdated":
      return groupUpdateLines(content.groupUpdated, name)[0] ?? "Group updated"
    case "readReceipt":
      return "Read"
    case "leaveRequest":
      return "Asked to leave the group"
    case "deleted":
      return "Message deleted"
    case "unsupported":
      return content.fallback ?? "A message this version of Parley cannot show"
  }
}

/** "You: hi" / "0x12…: hi" in groups, the bare text in DMs and for group updates. */
export function messagePreview(message: Message, name: (inboxId: InboxId) => string, isGroup: boolean): string {
  const text = contentPreview(message.content, name)
  if (message.content.type === "groupUpdated" || message.kind === "membershipChange") return text
  const sender = name(message.senderInboxId)
  if (sender === "You") return `You: ${text}`
  return isGroup ? `${sender}: ${text}` : text
}
