// An AttachmentStore on an S3-compatible object store (AWS S3, MinIO, R2, ...): PUT and GET signed
// with AWS Signature V4. Objects are named by the SHA-256 of their (encrypted) bytes, so the same
// bytes upload once. Other members, the official SDKs included, download with a plain GET: the
// bucket (or `publicUrlBase`, e.g. a CDN in front of it) must let anyone with the URL read.
import { DEFAULT_MAX_BLOB_BYTES, type AttachmentStore } from "./attachmentStore"
import { sha256Hex } from "./attachmentCrypto"
import { signRequest, type AwsCredentials } from "./awsSignatureV4"
import { assertHttpUrl, readLimitedBody, requestWithTimeout, statusError } from "./httpTransfer"

export interface S3AttachmentStoreOptions {
  /** The service endpoint, e.g. "https://s3.eu-west-1.amazonaws.com" or "http://127.0.0.1:9000". */
  endpoint: string
  /** e.g. "eu-west-1" ("us-east-1" for most S3-compatible servers). */
  region: string
  bucket: string
  credentials: AwsCredentials
  /**
   * "path": <endpoint>/<bucket>/<key> (MinIO and most self-hosted servers); "virtual-hosted":
   * <bucket>.<endpoint host>/<key> (AWS's default). Default "path".
   */
  addressing?: "path" | "virtual-hosted"
  /** Prepended to object names, e.g. "attachments/". */
  keyPrefix?: string
  /** The base of the URLs put in messages, e.g. "https://cdn.example.com": <base>/<key>. Default: the object's own URL. */
  publicUrlBase?: string
  /** Downloads larger than this are refused (default 100 MiB). */
  maxDownloadBytes?: number
  /** Per request (default 60 s). */
  timeoutMs?: number
}

export class S3AttachmentStore implements AttachmentStore {
  private readonly endpoint: URL
  private readonly keyPrefix: string
  private readonly maxDownloadBytes: number
  private readonly timeoutMs: number

  constructor(private readonly options: S3AttachmentStoreOptions) {
    this.endpoint = new URL(options.endpoint)
    this.keyPrefix = options.keyPrefix ?? ""
    this.maxDownloadBytes = options.maxDownloadBytes ?? DEFAULT_MAX_BLOB_BYTES
    this.timeoutMs = options.timeoutMs ?? 60_000
  }

  /** Where the object `key` is, for signed requests. */
  objectUrl(key: string): URL {
    const encodedKey = key.split("/").map(encodeURIComponent).join("/")
    const base = this.endpoint.pathname.replace(/\/+$/, "")
    const url = new URL(this.endpoint.href)
    if (this.options.addressing === "virtual-hosted") {
      url.hostname = `${this.options.bucket}.${this.endpoint.hostname}`
      url.pathname = `${base}/${encodedKey}`
    } else {
      url.pathname = `${base}/${encodeURIComponent(this.options.bucket)}/${encodedKey}`
    }
    url.search = ""
    return url
  }

  async upload(encrypted: Uint8Array): Promise<string> {
    const digest = sha256Hex(encrypted)
    const key = `${this.keyPrefix}${digest}`
    const url = this.objectUrl(key)
    const headers = signRequest({
      method: "PUT",
      url,
      headers: { "content-type": "application/octet-stream" },
      payloadSha256: digest,
      region: this.options.region,
      credentials: this.options.credentials,
    })
    delete headers.host // fetch sets it from the URL, to the same value
    const body = new Uint8Array(encrypted) // a copy on its own ArrayBuffer, as fetch bodies must be
    const response = await requestWithTimeout(url.href, { method: "PUT", headers, body }, this.timeoutMs)
    if (!response.ok) throw statusError(response.status, `uploading to ${url.href}`, await s3ErrorCode(response))
    await response.body?.cancel()
    return this.options.publicUrlBase === undefined ? url.href : `${this.options.publicUrlBase.replace(/\/+$/, "")}/${key}`
  }

  /** A URL into this store's bucket is fetched signed (the bucket may be private); any other, plainly. */
  async download(url: string): Promise<Uint8Array> {
    assertHttpUrl(url)
    const headers = this.isOwnObject(url)
      ? signRequest({ method: "GET", url: new URL(url), region: this.options.region, credentials: this.options.credentials })
      : {}
    delete headers.host
    const response = await requestWithTimeout(url, { method: "GET", headers }, this.timeoutMs)
    if (!response.ok) throw statusError(response.status, `downloading ${url}`, await s3ErrorCode(response))
    return readLimitedBody(response, url, this.maxDownloadBytes)
  }

  private isOwnObject(url: string): boolean {
    const prefix = this.objectUrl(this.keyPrefix).href
    return url.startsWith(prefix)
  }
}

/** S3's error code (e.g. "SignatureDoesNotMatch") from an error response's XML body, when it has one. */
async function s3ErrorCode(response: Response): Promise<string | undefined> {
  const text = await response.text().catch(() => "")
  return /<Code>([^<]{1,100})<\/Code>/.exec(text.slice(0, 4096))?.[1]
}
