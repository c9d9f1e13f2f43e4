// The one-line text a notification shows for a message, or undefined for messages that never
// notify (reactions, receipts, membership changes, deletions).
import type { LeafContent, MessageContent } from "../shared/dto/messageContent"

/** Longest preview, in user-perceived characters (grapheme clusters), before "…". */
export const MAX_PREVIEW_LENGTH = 140

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" })

export function previewOf(content: MessageContent): string | undefined {
  const text = content.type === "reply" ? leafPreview(content.content) : leafPreview(content)
  return text === undefined ? undefined : capPreview(text)
}

/** Whitespace collapsed to single spaces, cut at MAX_PREVIEW_LENGTH graphemes without splitting one. */
export function capPreview(text: string, maxLength = MAX_PREVIEW_LENGTH): string {
  const oneLine = text.replace(/\s+/gu, " ").trim()
  const parts = Array.from(graphemes.segment(oneLine), (part) => part.segment)
  if (parts.length <= maxLength) return oneLine
  return `${parts.slice(0, maxLength - 1).join("").trimEnd()}…`
}

function leafPreview(content: LeafContent): string | undefined {
  switch (content.type) {
    case "text":
      return content.text
    case "markdown":
      return content.markdown
    case "attachment":
      return attachmentPreview(content.attachment.filename)
    case "remoteAttachment":
      return attachmentPreview(content.attachment.filename)
    case "multiRemoteAttachment":
      return content.attachments.length === 1 ? attachmentPreview(content.attachments[0]!.filename) : `${content.attachments.length} attachments`
    case "transactionReference":
      return "Transaction"
    case "unsupported":
      return content.fallback ?? "A message Parley cannot show"
    case "reaction":
    case "groupUpdated":
    case "readReceipt":
    case "leaveRequest":
    case "deleted":
      return undefined
  }
}

function attachmentPreview(filename: string | undefined): string {
  return filename ? `Attachment: ${filename}` : "Attachment"
}
