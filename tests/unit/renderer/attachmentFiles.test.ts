import { describe, expect, it } from "vitest"
import {
  dragCarriesFiles,
  formatSize,
  imageTypeOfName,
  isPreviewableImage,
  outgoingFileProblem,
  outgoingMimeType,
  previewsOnArrival,
  REMOTE_PREVIEW_MAX_BYTES,
} from "../../../src/renderer/src/features/attachments/attachmentFiles"
import { suggestedFileName } from "../../../src/renderer/src/features/attachments/saveFile"

const remote = { url: "https://files.example/blob", scheme: "https://", contentDigest: "ab".repeat(32) }

describe("attachment files", () => {
  it("previews raster images only, never SVG", () => {
    expect(isPreviewableImage("image/png")).toBe(true)
    expect(isPreviewableImage("IMAGE/JPEG")).toBe(true)
    expect(isPreviewableImage("image/svg+xml")).toBe(false)
    expect(isPreviewableImage("application/pdf")).toBe(false)
    expect(imageTypeOfName("Holiday.JPG")).toBe("image/jpeg")
    expect(imageTypeOfName("drawing.svg")).toBeUndefined()
    expect(imageTypeOfName(undefined)).toBeUndefined()
  })

  it("loads remote previews for images by name, up to the size limit", () => {
    expect(previewsOnArrival({ ...remote, filename: "photo.webp", contentLength: 2000 })).toBe(true)
    expect(previewsOnArrival({ ...remote, filename: "photo.webp", contentLength: REMOTE_PREVIEW_MAX_BYTES + 1 })).toBe(false)
    expect(previewsOnArrival({ ...remote, filename: "photo.webp" })).toBe(false)
    expect(previewsOnArrival({ ...remote, filename: "report.pdf", contentLength: 2000 })).toBe(false)
  })

  it("sends a file's own MIME type, else its image type by name, else opaque bytes", () => {
    expect(outgoingMimeType({ name: "a.bin", type: "text/plain" })).toBe("text/plain")
    expect(outgoingMimeType({ name: "scan.png", type: "" })).toBe("image/png")
    expect(outgoingMimeType({ name: "notes", type: "" })).toBe("application/octet-stream")
  })

  it("refuses empty and oversized files with a sentence, and accepts the rest", () => {
    expect(outgoingFileProblem({ name: "empty.txt", size: 0 })).toBe("empty.txt is empty.")
    expect(outgoingFileProblem({ name: "big.wav", size: 1_500_000 })).toBe("big.wav is 1.4 MB; files up to 1 MB can be sent.")
    expect(outgoingFileProblem({ name: "ok.png", size: 1_000_000 })).toBeNull()
  })

  it("formats sizes and recognises drags that carry files", () => {
    expect([formatSize(512), formatSize(2048), formatSize(3 * 1024 * 1024)]).toEqual(["512 B", "2.0 KB", "3.0 MB"])
    expect(dragCarriesFiles(["Files"])).toBe(true)
    expect(dragCarriesFiles(["text/plain", "text/uri-list"])).toBe(false)
  })

  it("suggests a file name without folders or control characters", () => {
    expect(suggestedFileName("../../etc/passwd")).toBe("passwd")
    expect(suggestedFileName("C:\\Users\\x\\photo.png")).toBe("photo.png")
    expect(suggestedFileName("a\u0000b\nc.txt")).toBe("abc.txt")
    expect(suggestedFileName("..")).toBe("attachment")
    expect(suggestedFileName(undefined)).toBe("attachment")
  })
})
