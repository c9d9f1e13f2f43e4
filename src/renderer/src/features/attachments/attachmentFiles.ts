// Facts about files going out and coming in: which ones Parley previews, how big they may be, and
// what MIME type a file without one is sent as.
import { MAX_INLINE_ATTACHMENT_BYTES } from "../../../../shared/dto/messageRequests"
import type { RemoteAttachmentInfo } from "../../../../shared/dto/messageContent"

/** Raster formats only: SVG can carry script, so it is offered for saving, never shown. */
const PREVIEW_TYPES_BY_EXTENSION: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
}
const PREVIEW_TYPES = new Set(Object.values(PREVIEW_TYPES_BY_EXTENSION))

/**
 * Remote images up to this size are downloaded for a preview without asking; bigger ones (and
 * every other file) wait for the user's click, so opening a conversation never pulls large files.
 */
export const REMOTE_PREVIEW_MAX_BYTES = 10 * 1024 * 1024

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

export function isPreviewableImage(mimeType: string): boolean {
  return PREVIEW_TYPES.has(mimeType.toLowerCase())
}

/** The previewable image type a file name's extension stands for, if any. */
export function imageTypeOfName(filename: string | undefined): string | undefined {
  const extension = filename?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1]
  return extension ? PREVIEW_TYPES_BY_EXTENSION[extension] : undefined
}

/** Remote attachments carry no MIME type: an image is recognised by its name, and loaded when small enough. */
export function previewsOnArrival(info: RemoteAttachmentInfo): boolean {
  return imageTypeOfName(info.filename) !== undefined && (info.contentLength ?? Infinity) <= REMOTE_PREVIEW_MAX_BYTES
}

/** The MIME type a file is sent with: the browser's, else the image type of its name, else opaque bytes. */
export function outgoingMimeType(file: { name: string; type: string }): string {
  if (/^[\w.+-]+\/[\w.+-]+$/.test(file.type)) return file.type
  return imageTypeOfName(file.name) ?? "application/octet-stream"
}

/** Why a file cannot be sent, in words for the user, or null when it can. */
export function outgoingFileProblem(file: { name: string; size: number }): string | null {
  if (file.size === 0) return `${file.name} is empty.`
  if (file.size > MAX_INLINE_ATTACHMENT_BYTES) {
    return `${file.name} is ${formatSize(file.size)}; files up to ${MAX_INLINE_ATTACHMENT_BYTES / 1_000_000} MB can be sent.`
  }
  return null
}

/** Whether a drag carries files (not text or a link being dragged around the page). */
export function dragCarriesFiles(types: readonly string[]): boolean {
  return types.includes("Files")
}
