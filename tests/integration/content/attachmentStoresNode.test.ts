// The delivery node's embedded blob store, wired in: started beside the gRPC server, kept beside
// the SQLite file (or in a temporary directory for ":memory:"), exposed on RunningNode, reached
// through createAttachmentStore({ kind: "embedded" }), stopped with the node; and the CLI's flags.
import { spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import { access, mkdtemp, readdir, rm } from "node:fs/promises"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createAttachmentStore } from "../../../src/engine/content/attachments/attachmentStoreConfig"
import { HttpAttachmentStore } from "../../../src/engine/content/attachments/httpAttachmentStore"
import { loadRemoteAttachment, prepareAttachment } from "../../../src/engine/content/attachments/prepareAttachment"
import type { Attachment } from "../../../src/engine/content/codecs/attachmentCodec"
import { AttachmentStoreError } from "../../../src/engine/content/errors"
import { startNode } from "../../../src/server/node"

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  )
const file = (bytes: number): Attachment => ({ filename: "clip.mov", mimeType: "video/quicktime", content: new Uint8Array(randomBytes(bytes)) })

describe("the node's embedded blob store", () => {
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "parley-node-blobs-test-"))
  })

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it("runs beside a SQLite node, keeps blobs next to the database file, and stops with the node", async () => {
    const dbPath = join(dir, "node.db")
    const node = await startNode({ port: 0, dbPath, logLevel: "silent" })
    try {
      expect(node.blobStore?.dir).toBe(`${dbPath}.blobs`)
      const store = createAttachmentStore({ kind: "embedded" }, node)
      const sent = file(2 * 1024 * 1024)
      const prepared = await prepareAttachment(sent, store)
      if (prepared.kind !== "remote") throw new Error("a 2 MB file should go remote")
      expect(prepared.remoteAttachment.url).toBe(`${node.blobStore?.url}/blobs/${prepared.remoteAttachment.contentDigest}`)
      expect(await readdir(`${dbPath}.blobs`)).toEqual([prepared.remoteAttachment.contentDigest])
      const received = await loadRemoteAttachment(prepared.remoteAttachment, store)
      expect(Buffer.compare(received.content, sent.content)).toBe(0)

      await node.stop()
      const error = await store.download(prepared.remoteAttachment.url).catch((e: unknown) => e)
      expect((error as AttachmentStoreError).code).toBe("Unavailable")
      // The blobs outlive the node: they belong with its database.
      expect(await exists(join(`${dbPath}.blobs`, prepared.remoteAttachment.contentDigest))).toBe(true)
    } finally {
      await node.stop()
    }
  })

  it("keeps an in-memory node's blobs in a temporary directory, removed at stop", async () => {
    const node = await startNode({ port: 0, dbPath: ":memory:", logLevel: "silent" })
    const blobDir = node.blobStore?.dir ?? ""
    try {
      expect(blobDir.startsWith(join(tmpdir(), "parley-node-blobs-"))).toBe(true)
      await createAttachmentStore({ kind: "embedded" }, node).upload(new Uint8Array(randomBytes(100)))
      expect(await readdir(blobDir)).toHaveLength(1)
    } finally {
      await node.stop()
    }
    expect(await exists(blobDir)).toBe(false)
  })

  it("takes a given directory, public URL and upload token", async () => {
    const blobDir = join(dir, "given")
    const node = await startNode({
      port: 0,
      dbPath: ":memory:",
      logLevel: "silent",
      blobStore: { dir: blobDir, publicUrl: "https://files.example.org/parley/", uploadToken: "team-token" },
    })
    try {
      expect(node.blobStore).toEqual({ url: "https://files.example.org/parley", uploadToken: "team-token", dir: blobDir })
      expect(await exists(blobDir)).toBe(true)
    } finally {
      await node.stop()
    }
    // A given directory is the caller's: kept.
    expect(await exists(blobDir)).toBe(true)
  })

  it("can be turned off; then the embedded setting says what to do", async () => {
    const node = await startNode({ port: 0, dbPath: ":memory:", logLevel: "silent", blobStore: false })
    try {
      expect(node.blobStore).toBeUndefined()
      const error = (() => {
        try {
          createAttachmentStore({ kind: "embedded" }, node)
        } catch (e) {
          return e
        }
      })()
      expect(error).toBeInstanceOf(AttachmentStoreError)
      expect((error as AttachmentStoreError).code).toBe("Unavailable")
    } finally {
      await node.stop()
    }
  })

  it("fails to start as a whole, typed, when the blob store cannot", async () => {
    const taken = await startNode({ port: 0, dbPath: ":memory:", logLevel: "silent" })
    try {
      const port = Number(new URL(taken.blobStore?.url ?? "").port)
      const error = await startNode({ port: 0, dbPath: ":memory:", logLevel: "silent", blobStore: { port } }).catch((e: unknown) => e)
      expect(error).toMatchObject({ name: "NodeStartError", code: "BlobStoreFailed" })
    } finally {
      await taken.stop()
    }
  })

  it("the http setting reaches the same store as embedded", async () => {
    const node = await startNode({ port: 0, dbPath: ":memory:", logLevel: "silent" })
    try {
      const blobs = node.blobStore
      if (!blobs) throw new Error("the blob store should be on")
      const url = await createAttachmentStore({ kind: "http", baseUrl: blobs.url, uploadToken: blobs.uploadToken }).upload(new Uint8Array([1, 2, 3]))
      expect(Array.from(await new HttpAttachmentStore({ baseUrl: blobs.url }).download(url))).toEqual([1, 2, 3])
      const refused = await createAttachmentStore({ kind: "http", baseUrl: blobs.url }).upload(new Uint8Array([4])).catch((e: unknown) => e)
      expect((refused as AttachmentStoreError).code).toBe("Unauthorized")
    } finally {
      await node.stop()
    }
  })
})

describe("the CLI's blob store flags", () => {
  const tsxLoader = createRequire(import.meta.url).resolve("tsx")
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawn(process.execPath, ["--import", tsxLoader, "src/server/cli.ts", "--port", "0", "--db", ":memory:", ...args], {
      stdio: "pipe",
      env: { ...process.env, ...env },
    })

  it("serves blobs from --blob-dir, with the upload token from PARLEY_BLOB_UPLOAD_TOKEN", async () => {
    const blobDir = await mkdtemp(join(tmpdir(), "parley-cli-blobs-"))
    const child = run(["--blob-dir", blobDir, "--blob-port", "0"], { PARLEY_BLOB_UPLOAD_TOKEN: "cli-token" })
    try {
      const [url, keptIn] = await new Promise<[string, string]>((resolve, reject) => {
        let output = ""
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString()
          const match = /attachment blobs at (http:\/\/\S+) kept in ([^)\s]+)\)/.exec(output)
          if (match?.[1] && match[2]) resolve([match[1], match[2]])
        })
        child.once("exit", (code) => reject(new Error(`the CLI exited (${code}) before serving blobs: ${output}`)))
      })
      expect(keptIn).toBe(blobDir)
      const store = new HttpAttachmentStore({ baseUrl: url, uploadToken: "cli-token" })
      const blobUrl = await store.upload(new Uint8Array([9, 9, 9]))
      expect(Array.from(await store.download(blobUrl))).toEqual([9, 9, 9])
      expect(await readdir(blobDir)).toHaveLength(1)
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve))
      child.kill("SIGTERM")
      await exited
      await rm(blobDir, { recursive: true, force: true })
    }
  })

  it("refuses --no-blob-store with blob settings, as a usage error", async () => {
    const child = run(["--no-blob-store", "--blob-dir", "/tmp/x"])
    let stderr = ""
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise((resolve) => child.once("exit", resolve))
    expect(code).toBe(2)
    expect(stderr).toContain("--no-blob-store turns the blob store off")
  })
})
