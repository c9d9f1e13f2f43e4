// An AttachmentStore over plain HTTP(S): PUT <base>/blobs/<sha256 hex> with a bearer upload token,
// GET any http(s) URL. The URL names the blob by its digest, so the same bytes upload once.
import { DEFAULT_MAX_BLOB_BYTES, type AttachmentStore } from "./attachmentStore"
import { sha256Hex } from "./attachmentCrypto"
import { assertHttpUrl, readLimitedBody, requestWithTimeout, statusError } from "./httpTransfer"

export interface HttpAttachmentStoreOptions {
  /** e.g. the embedded blob store's `url` ("http://127.0.0.1:PORT"). */
  baseUrl: string
  /** Sent as `Authorization: Bearer <token>` on uploads. */
  uploadToken?: string
  /** Downloads larger than this are refused (default 100 MiB, the embedded store's default limit). */
  maxDownloadBytes?: number
  /** Per request (default 60 s). */
  timeoutMs?: number
}

export class HttpAttachmentStore implements AttachmentStore {
  private readonly baseUrl: string
  private readonly maxDownloadBytes: number
  private readonly timeoutMs: number

  constructor(private readonly options: HttpAttachmentStoreOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "")
    this.maxDownloadBytes = options.maxDownloadBytes ?? DEFAULT_MAX_BLOB_BYTES
    this.timeoutMs = options.timeoutMs ?? 60_000
  }

  async upload(encrypted: Uint8Array): Promise<string> {
    const url = `${this.baseUrl}/blobs/${sha256Hex(encrypted)}`
    const headers: Record<string, string> = { "content-type": "application/octet-stream" }
    if (this.options.uploadToken !== undefined) headers.authorization = `Bearer ${this.options.uploadToken}`
    const body = new Uint8Array(encrypted) // a copy on its own ArrayBuffer, as fetch bodies must be
    const response = await requestWithTimeout(url, { method: "PUT", headers, body }, this.timeoutMs)
    await response.body?.cancel()
    if (response.ok) return url
    throw statusError(response.status, `uploading to ${url}`)
  }

  async download(url: string): Promise<Uint8Array> {
    assertHttpUrl(url)
    const response = await requestWithTimeout(url, { method: "GET" }, this.timeoutMs)
    if (!response.ok) {
      await response.body?.cancel()
      throw statusError(response.status, `downloading ${url}`)
    }
    return readLimitedBody(response, url, this.maxDownloadBytes)
  }
}
