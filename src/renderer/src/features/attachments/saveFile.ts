// Saving a received file: the decrypted bytes are handed to the browser's download (Electron shows
// its save dialog for it; a browser saves to its downloads), under the sender's file name.
import type { InlineAttachment } from "../../../../shared/dto/messageContent"

/** A file name that is safe to suggest: no folders, no control characters, never empty. */
export function suggestedFileName(filename: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const base = (filename ?? "").split(/[\\/]/).pop()?.replace(/[\u0000-\u001f\u007f]/g, "").trim() ?? ""
  return base === "" || base === "." || base === ".." ? "attachment" : base
}

export function saveAttachment(attachment: InlineAttachment): void {
  const url = URL.createObjectURL(new Blob([attachment.data as Uint8Array<ArrayBuffer>], { type: attachment.mimeType }))
  const link = document.createElement("a")
  link.href = url
  link.download = suggestedFileName(attachment.filename)
  link.rel = "noopener"
  document.body.append(link)
  link.click()
  link.remove()
  // The download has taken its copy once click() returns; the URL is released a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
