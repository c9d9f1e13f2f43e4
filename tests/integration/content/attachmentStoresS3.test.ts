// The S3 attachment store against a real S3-compatible server on loopback (@20minutes/s3rver, which checks
// SigV4 signatures): a 1 MB file goes remote through prepareAttachment and comes back verified; the
// object is readable by a plain GET, as other members read it; wrong credentials are refused with
// a typed error.
import { randomBytes } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createAttachmentStore } from "../../../src/engine/content/attachments/attachmentStoreConfig"
import { HttpAttachmentStore } from "../../../src/engine/content/attachments/httpAttachmentStore"
import { loadRemoteAttachment, prepareAttachment } from "../../../src/engine/content/attachments/prepareAttachment"
import { S3AttachmentStore } from "../../../src/engine/content/attachments/s3AttachmentStore"
import { AttachmentStoreError } from "../../../src/engine/content/errors"
import type { Attachment } from "../../../src/engine/content/codecs/attachmentCodec"
import { startS3Server, type RunningS3Server } from "./support/s3Server"

const BUCKET = "parley-attachments"
const ONE_MB = 1024 * 1024

describe("the S3 attachment store on an S3-compatible server", () => {
  let s3: RunningS3Server
  const file: Attachment = { filename: "photo.jpg", mimeType: "image/jpeg", content: new Uint8Array(randomBytes(ONE_MB)) }

  beforeAll(async () => {
    s3 = await startS3Server([BUCKET])
  })

  afterAll(async () => {
    await s3?.stop()
  })

  const settings = () =>
    ({
      kind: "s3",
      endpoint: s3.endpoint,
      region: "us-east-1",
      bucket: BUCKET,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    }) as const

  it("round-trips a 1 MB file through prepareAttachment and loadRemoteAttachment", async () => {
    const store = createAttachmentStore(settings())
    const prepared = await prepareAttachment(file, store)
    if (prepared.kind !== "remote") throw new Error("a 1 MB file should go remote")
    const remote = prepared.remoteAttachment
    expect(remote.url).toBe(`${s3.endpoint}/${BUCKET}/${remote.contentDigest}`)
    expect(remote.scheme).toBe("http://")

    const received = await loadRemoteAttachment(remote, store)
    expect(received.filename).toBe(file.filename)
    expect(received.mimeType).toBe(file.mimeType)
    expect(Buffer.compare(received.content, file.content)).toBe(0)

    // Another member has no credentials: a plain GET of the URL in the message.
    const plain = await loadRemoteAttachment(remote, new HttpAttachmentStore({ baseUrl: "http://unused.invalid" }))
    expect(Buffer.compare(plain.content, file.content)).toBe(0)
  })

  it("names objects under the key prefix and hands out URLs on the public base", async () => {
    const store = new S3AttachmentStore({ ...settings(), keyPrefix: "attachments/", publicUrlBase: `${s3.endpoint}/${BUCKET}/` })
    const bytes = new Uint8Array(randomBytes(4096))
    const url = await store.upload(bytes)
    expect(url).toMatch(new RegExp(`^${s3.endpoint}/${BUCKET}/attachments/[0-9a-f]{64}$`))
    expect(Buffer.compare(await store.download(url), bytes)).toBe(0)
  })

  it("refuses an upload signed with the wrong secret: Unauthorized, naming S3's reason", async () => {
    const store = createAttachmentStore({ ...settings(), credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: "not-the-secret" } })
    const error = await store.upload(new Uint8Array(randomBytes(64))).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AttachmentStoreError)
    expect((error as AttachmentStoreError).code).toBe("Unauthorized")
    expect((error as AttachmentStoreError).message).toContain("SignatureDoesNotMatch")
  })

  it("refuses an unknown access key: Unauthorized", async () => {
    const store = createAttachmentStore({ ...settings(), credentials: { accessKeyId: "NOBODY", secretAccessKey: s3.secretAccessKey } })
    const error = await store.upload(new Uint8Array(randomBytes(64))).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AttachmentStoreError)
    expect((error as AttachmentStoreError).code).toBe("Unauthorized")
    expect((error as AttachmentStoreError).message).toContain("InvalidAccessKeyId")
  })

  it("reports a missing object as NotFound", async () => {
    const store = createAttachmentStore(settings())
    const error = await store.download(`${s3.endpoint}/${BUCKET}/${"0".repeat(64)}`).catch((e: unknown) => e)
    expect((error as AttachmentStoreError).code).toBe("NotFound")
  })

  it("reports a missing bucket as NotFound, naming S3's reason", async () => {
    const store = createAttachmentStore({ ...settings(), bucket: "no-such-bucket" })
    const error = await store.upload(new Uint8Array(randomBytes(64))).catch((e: unknown) => e)
    expect((error as AttachmentStoreError).code).toBe("NotFound")
    expect((error as AttachmentStoreError).message).toContain("NoSuchBucket")
  })
})
