// The node's embedded attachment store: a zero-configuration, content-addressed blob store over
// HTTP for encrypted remote attachments. Clients encrypt before uploading, so it only ever holds
// ciphertext. PUT /blobs/<sha256 hex> (with `Authorization: Bearer <upload token>`) stores a blob
// whose SHA-256 is its name; GET /blobs/<sha256 hex> returns it to anyone who has the URL, as
// XMTP's remote attachments expect (the key is in the message, not in the store).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto"
import { createReadStream, createWriteStream } from "node:fs"
import { mkdir, rename, rm, stat } from "node:fs/promises"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { join } from "node:path"
import { pipeline } from "node:stream/promises"
import { DEFAULT_MAX_BLOB_BYTES } from "../engine/content/attachments/attachmentStore"

export interface BlobStoreOptions {
  /** 0 picks any free port. */
  port: number
  /** Where blobs are kept; created if missing. */
  dir: string
  /** Default 127.0.0.1. */
  host?: string
  /** Largest blob accepted (default 100 MiB). */
  maxBlobBytes?: number
  /** The bearer token uploads must carry; a random one when omitted. */
  uploadToken?: string
  /**
   * The base URL other clients reach the store at, when it is served through a proxy (TLS, a
   * public host); attachment URLs are built on it. Default: the loopback address it listens on.
   */
  publicUrl?: string
}

export interface RunningBlobStore {
  /** `publicUrl`, or e.g. "http://127.0.0.1:PORT": the base URL for HttpAttachmentStore. */
  url: string
  port: number
  uploadToken: string
  stop(): Promise<void>
}

export class BlobStoreStartError extends Error {
  override readonly name = "BlobStoreStartError"
  constructor(
    readonly code: "BindFailed" | "DirectoryFailed",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

const BLOB_PATH = /^\/blobs\/([0-9a-f]{64})$/

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export async function startBlobStore(options: BlobStoreOptions): Promise<RunningBlobStore> {
  const host = options.host ?? "127.0.0.1"
  const maxBlobBytes = options.maxBlobBytes ?? DEFAULT_MAX_BLOB_BYTES
  const uploadToken = options.uploadToken ?? randomBytes(32).toString("hex")
  try {
    await mkdir(options.dir, { recursive: true })
  } catch (cause) {
    throw new BlobStoreStartError("DirectoryFailed", `cannot create the blob directory ${options.dir}: ${String(cause)}`, { cause })
  }
  const store = new BlobDirectory(options.dir, maxBlobBytes)
  const expectedAuth = Buffer.from(`Bearer ${uploadToken}`)

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const status = error instanceof HttpFailure ? error.status : 500
      if (!response.headersSent) response.writeHead(status, { "content-type": "text/plain; charset=utf-8", connection: "close" })
      response.end(error instanceof HttpFailure ? error.message : "internal error")
      // An upload refused midway still has a body on the wire: stop reading it.
      if (!request.complete) request.destroy()
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const digest = BLOB_PATH.exec(new URL(request.url ?? "/", "http://blob.store").pathname)?.[1]
    if (digest === undefined) throw new HttpFailure(404, "no such path: blobs live at /blobs/<sha256 hex>")
    if (request.method === "GET" || request.method === "HEAD") return store.serve(digest, request.method === "HEAD", response)
    if (request.method !== "PUT") throw new HttpFailure(405, "only GET, HEAD and PUT are supported")
    const auth = Buffer.from(request.headers.authorization ?? "")
    if (auth.length !== expectedAuth.length || !timingSafeEqual(auth, expectedAuth)) throw new HttpFailure(401, "a valid upload token is required")
    const created = await store.put(digest, request)
    response.writeHead(created ? 201 : 200, { location: `/blobs/${digest}`, "content-length": 0 })
    response.end()
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", (cause) => reject(new BlobStoreStartError("BindFailed", `cannot listen on ${host}:${options.port}: ${String(cause)}`, { cause })))
    server.listen(options.port, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: options.publicUrl?.replace(/\/+$/, "") ?? `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    uploadToken,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

class BlobDirectory {
  constructor(
    private readonly dir: string,
    private readonly maxBlobBytes: number,
  ) {}

  async serve(digest: string, headOnly: boolean, response: ServerResponse): Promise<void> {
    const path = join(this.dir, digest)
    const size = await stat(path).then(
      (s) => s.size,
      () => undefined,
    )
    if (size === undefined) throw new HttpFailure(404, "no such blob")
    response.writeHead(200, {
      "content-type": "application/octet-stream",
      "content-length": size,
      // Content-addressed: the bytes at this URL never change.
      "cache-control": "public, max-age=31536000, immutable",
    })
    if (headOnly) {
      response.end()
      return
    }
    await pipeline(createReadStream(path), response)
  }

  /** Stores the request body as blob `digest` after checking its size and hash; false if it was already there. */
  async put(digest: string, body: IncomingMessage): Promise<boolean> {
    const declared = Number(body.headers["content-length"] ?? Number.NaN)
    if (declared > this.maxBlobBytes) throw new HttpFailure(413, `blobs are limited to ${this.maxBlobBytes} bytes`)
    const path = join(this.dir, digest)
    const temp = join(this.dir, `.upload-${randomBytes(8).toString("hex")}`)
    const hash = createHash("sha256")
    let received = 0
    const maxBlobBytes = this.maxBlobBytes
    try {
      await pipeline(
        body,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            received += chunk.length
            if (received > maxBlobBytes) throw new HttpFailure(413, `blobs are limited to ${maxBlobBytes} bytes`)
            hash.update(chunk)
            yield chunk
          }
        },
        createWriteStream(temp),
      )
      if (hash.digest("hex") !== digest) throw new HttpFailure(400, "the body's SHA-256 is not the blob name")
      const existed = await stat(path).then(
        () => true,
        () => false,
      )
      await rename(temp, path)
      return !existed
    } finally {
      await rm(temp, { force: true })
    }
  }
}
