// An AttachmentStore over plain HTTP(S): PUT <base>/blobs/<sha256 hex> with a bearer upload token,
// GET any http(s) URL. The URL names the blob by its digest, so the same bytes upload once.
import { AttachmentStoreError } from "../errors"
import { DEFAULT_MAX_BLOB_BYTES, type AttachmentStore } from "./attachmentStore"
import { sha256Hex } from "./attachmentCrypto"

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
    const response = await this.request(url, { method: "PUT", headers, body })
    await response.body?.cancel()
    if (response.ok) return url
    throw statusError(response.status, `uploading to ${url}`)
  }

  async download(url: string): Promise<Uint8Array> {
    if (!/^https?:\/\//i.test(url)) throw new AttachmentStoreError("InvalidUrl", `cannot download ${JSON.stringify(url)}: only http(s) URLs are supported`)
    const response = await this.request(url, { method: "GET" })
    if (!response.ok) {
      await response.body?.cancel()
      throw statusError(response.status, `downloading ${url}`)
    }
    const declared = Number(response.headers.get("content-length") ?? Number.NaN)
    if (declared > this.maxDownloadBytes) {
      await response.body?.cancel()
      throw tooLarge(url, this.maxDownloadBytes)
    }
    return this.readLimited(response, url)
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) })
    } catch (cause) {
      throw new AttachmentStoreError("Unavailable", `cannot reach the attachment store at ${url}: ${String(cause)}`, { cause })
    }
  }

  private async readLimited(response: Response, url: string): Promise<Uint8Array> {
    const chunks: Uint8Array[] = []
    let total = 0
    const reader = response.body?.getReader()
    try {
      for (;;) {
        const next = await reader?.read()
        if (!next || next.done) break
        total += next.value.length
        if (total > this.maxDownloadBytes) {
          await reader?.cancel()
          throw tooLarge(url, this.maxDownloadBytes)
        }
        chunks.push(next.value)
      }
    } catch (cause) {
      if (cause instanceof AttachmentStoreError) throw cause
      throw new AttachmentStoreError("Unavailable", `the download of ${url} broke off: ${String(cause)}`, { cause })
    }
    return new Uint8Array(Buffer.concat(chunks))
  }
}

function tooLarge(url: string, limit: number): AttachmentStoreError {
  return new AttachmentStoreError("TooLarge", `${url} is larger than the ${limit} bytes this client downloads`)
}

function statusError(status: number, what: string): AttachmentStoreError {
  if (status === 401 || status === 403) return new AttachmentStoreError("Unauthorized", `${what}: the store refused the upload token (HTTP ${status})`)
  if (status === 404) return new AttachmentStoreError("NotFound", `${what}: no such blob (HTTP 404)`)
  if (status === 413) return new AttachmentStoreError("TooLarge", `${what}: the blob is larger than the store accepts (HTTP 413)`)
  return new AttachmentStoreError("Unavailable", `${what}: the store answered HTTP ${status}`)
}
