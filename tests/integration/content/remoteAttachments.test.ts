// Remote attachments end to end through the node's embedded blob store on loopback: a 5 MB file
// goes remote, comes back verified and identical; the official SDK's native decryptAttachment
// opens what Parley sealed and Parley opens what the SDK sealed; a tampered blob is refused.
import { createHash, randomBytes } from "node:crypto"
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { decryptAttachment as sdkDecryptAttachment, encryptAttachment as sdkEncryptAttachment } from "@xmtp/node-sdk"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  AttachmentStoreError,
  CodecRegistry,
  contentOf,
  decryptAttachment,
  encodeEncodedContent,
  encryptAttachment,
  HttpAttachmentStore,
  INLINE_ATTACHMENT_LIMIT_BYTES,
  loadRemoteAttachment,
  prepareAttachment,
  RemoteAttachmentError,
  remoteAttachmentCodec,
  type Attachment,
  type RemoteAttachment,
} from "../../../src/engine/content/index"
import { startBlobStore, type RunningBlobStore } from "../../../src/server/blobStore"

const FIVE_MB = 5 * 1024 * 1024
const registry = new CodecRegistry()

describe("remote attachments through the embedded blob store", () => {
  let dir: string
  let blobs: RunningBlobStore
  let store: HttpAttachmentStore
  const file: Attachment = { filename: "video.mp4", mimeType: "video/mp4", content: new Uint8Array(randomBytes(FIVE_MB)) }
  let sent: RemoteAttachment

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "parley-blobs-"))
    blobs = await startBlobStore({ port: 0, dir: join(dir, "blobs"), maxBlobBytes: 8 * 1024 * 1024 })
    store = new HttpAttachmentStore({ baseUrl: blobs.url, uploadToken: blobs.uploadToken })
  })

  afterAll(async () => {
    await blobs?.stop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it("sends a 5 MB file remote and gets it back identical, its digest verified", async () => {
    const prepared = await prepareAttachment(file, store)
    if (prepared.kind !== "remote") throw new Error("a 5 MB file should go remote")
    // What travels in the message is an ordinary remote attachment...
    const decoded = registry.decode(encodeEncodedContent(prepared.encoded))
    sent = contentOf(decoded, remoteAttachmentCodec) as RemoteAttachment
    expect(sent).toEqual(prepared.remoteAttachment)
    expect(sent.url.startsWith(`${blobs.url}/blobs/`)).toBe(true)
    expect(sent.scheme).toBe("http://")
    expect(sent.filename).toBe("video.mp4")
    // ...and what comes back from the store decrypts to the file, after its digest is checked.
    const received = await loadRemoteAttachment(sent, store)
    expect(received.filename).toBe(file.filename)
    expect(received.mimeType).toBe(file.mimeType)
    expect(Buffer.compare(received.content, file.content)).toBe(0)
    const downloaded = await store.download(sent.url)
    expect(createHash("sha256").update(downloaded).digest("hex")).toBe(sent.contentDigest)
    expect(sent.contentLength).toBe(downloaded.length)
  })

  it("stores only ciphertext", async () => {
    const stored = await readdir(join(dir, "blobs"))
    expect(stored).toEqual([sent.contentDigest])
    const bytes = await readFile(join(dir, "blobs", sent.contentDigest))
    expect(bytes.includes(Buffer.from(file.content.subarray(1000, 1064)))).toBe(false)
  })

  it("is readable by the official SDK, and reads what the SDK encrypts", async () => {
    const downloaded = await store.download(sent.url)
    const bySdk = sdkDecryptAttachment(downloaded, sent)
    expect(bySdk.filename).toBe(file.filename)
    expect(Buffer.compare(bySdk.content, file.content)).toBe(0)

    const small: Attachment = { filename: "note.txt", mimeType: "text/plain", content: new TextEncoder().encode("sealed by libxmtp") }
    const sealed = sdkEncryptAttachment(small)
    const url = await store.upload(sealed.payload)
    const remote: RemoteAttachment = { ...sealed, url, scheme: "http://", filename: "note.txt" }
    expect(await loadRemoteAttachment(remote, store)).toEqual(small)
  })

  it("refuses a tampered blob with a DigestMismatch before decrypting anything", async () => {
    const path = join(dir, "blobs", sent.contentDigest)
    const original = await readFile(path)
    const tampered = Buffer.from(original)
    const middle = tampered.length >> 1
    tampered.writeUInt8(tampered.readUInt8(middle) ^ 0x01, middle)
    await writeFile(path, tampered)
    try {
      const failure = await loadRemoteAttachment(sent, store).catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(RemoteAttachmentError)
      expect(failure).toMatchObject({ code: "DigestMismatch" })
      expect(String((failure as Error).message)).toMatch(/does not match its digest/)
    } finally {
      await writeFile(path, original)
    }
  })

  it("refuses a blob that matches its digest but not its key (wrong secret, salt or nonce)", async () => {
    const downloaded = await store.download(sent.url)
    expect(() => decryptAttachment(downloaded, { ...sent, secret: new Uint8Array(32) })).toThrow(expect.objectContaining({ code: "DecryptionFailed" }))
    expect(() => decryptAttachment(downloaded, { ...sent, salt: new Uint8Array(16) })).toThrow(expect.objectContaining({ code: "InvalidSalt" }))
    expect(() => decryptAttachment(downloaded, { ...sent, nonce: new Uint8Array(8) })).toThrow(expect.objectContaining({ code: "InvalidNonce" }))
    // The SDK refuses the same wrong key.
    expect(() => sdkDecryptAttachment(downloaded, { ...sent, secret: new Uint8Array(32) })).toThrow()
  })

  it("keeps small files inline", async () => {
    const small: Attachment = { mimeType: "image/png", content: new Uint8Array(randomBytes(1000)) }
    expect(await prepareAttachment(small, store)).toMatchObject({ kind: "inline", attachment: small })
    // The limit applies to the encoded attachment: content, parameters and fallback together.
    const nearLimit: Attachment = { mimeType: "x", content: new Uint8Array(INLINE_ATTACHMENT_LIMIT_BYTES - 200) }
    expect((await prepareAttachment(nearLimit, store)).kind).toBe("inline")
    const overLimit: Attachment = { mimeType: "x", content: new Uint8Array(INLINE_ATTACHMENT_LIMIT_BYTES) }
    expect((await prepareAttachment(overLimit, store)).kind).toBe("remote")
  })
})

describe("the embedded blob store", () => {
  let dir: string
  let blobs: RunningBlobStore
  const storeError = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error)

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "parley-blobs-"))
    blobs = await startBlobStore({ port: 0, dir, maxBlobBytes: 64 * 1024 })
  })

  afterAll(async () => {
    await blobs?.stop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it("takes uploads only with its token", async () => {
    const anonymous = new HttpAttachmentStore({ baseUrl: blobs.url })
    const impostor = new HttpAttachmentStore({ baseUrl: blobs.url, uploadToken: "not-the-token" })
    for (const client of [anonymous, impostor]) {
      const failure = await storeError(client.upload(new Uint8Array(10)))
      expect(failure).toBeInstanceOf(AttachmentStoreError)
      expect(failure).toMatchObject({ code: "Unauthorized" })
    }
    expect(await readdir(dir)).toEqual([])
  })

  it("names each blob by its SHA-256 and refuses a body that does not hash to its name", async () => {
    const store = new HttpAttachmentStore({ baseUrl: blobs.url, uploadToken: blobs.uploadToken })
    const bytes = new Uint8Array(randomBytes(100))
    const url = await store.upload(bytes)
    expect(url).toBe(`${blobs.url}/blobs/${createHash("sha256").update(bytes).digest("hex")}`)
    expect(await store.upload(bytes)).toBe(url)
    expect(Buffer.compare(await store.download(url), bytes)).toBe(0)

    const wrongName = await fetch(`${blobs.url}/blobs/${"0".repeat(64)}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${blobs.uploadToken}` },
      body: bytes,
    })
    expect(wrongName.status).toBe(400)
    expect(await readdir(dir)).toEqual([url.slice(-64)])
  })

  it("refuses blobs over its size limit, and downloads over the client's", async () => {
    const store = new HttpAttachmentStore({ baseUrl: blobs.url, uploadToken: blobs.uploadToken })
    expect(await storeError(store.upload(new Uint8Array(64 * 1024 + 1)))).toMatchObject({ code: "TooLarge" })
    const url = await store.upload(new Uint8Array(64 * 1024))
    const stingy = new HttpAttachmentStore({ baseUrl: blobs.url, maxDownloadBytes: 1024 })
    expect(await storeError(stingy.download(url))).toMatchObject({ code: "TooLarge" })
  })

  it("answers NotFound for unknown blobs and any other path", async () => {
    const store = new HttpAttachmentStore({ baseUrl: blobs.url })
    expect(await storeError(store.download(`${blobs.url}/blobs/${"a".repeat(64)}`))).toMatchObject({ code: "NotFound" })
    expect(await storeError(store.download(`${blobs.url}/blobs/../../etc/passwd`))).toMatchObject({ code: "NotFound" })
    expect(await storeError(store.download(`${blobs.url}/`))).toMatchObject({ code: "NotFound" })
    expect(await storeError(store.download("file:///etc/passwd"))).toMatchObject({ code: "InvalidUrl" })
  })

  it("is unreachable once stopped", async () => {
    const other = await startBlobStore({ port: 0, dir: join(dir, "other") })
    await other.stop()
    const store = new HttpAttachmentStore({ baseUrl: other.url, timeoutMs: 5_000 })
    expect(await storeError(store.download(`${other.url}/blobs/${"a".repeat(64)}`))).toMatchObject({ code: "Unavailable" })
  })
})

describe("attachment encryption", () => {
  it("seals with fresh randomness each time and the sizes libxmtp uses", () => {
    const attachment: Attachment = { mimeType: "text/plain", content: new Uint8Array(10) }
    const a = encryptAttachment(attachment)
    const b = encryptAttachment(attachment)
    expect([a.secret.length, a.salt.length, a.nonce.length]).toEqual([32, 32, 12])
    expect(Buffer.compare(a.payload, b.payload)).not.toBe(0)
    expect(a.contentLength).toBe(a.payload.length)
  })
})
