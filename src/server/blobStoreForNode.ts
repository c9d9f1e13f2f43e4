// The delivery node's embedded blob store: where its blobs live, given the node's database, and
// the temporary directory's lifetime when the database itself leaves nothing on disk.
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { startBlobStore, type BlobStoreOptions } from "./blobStore"
import type { NodeDatabase } from "./store/database"

export type NodeBlobStoreOptions = Partial<Pick<BlobStoreOptions, "port" | "dir" | "publicUrl" | "maxBlobBytes" | "uploadToken">>

export interface NodeBlobStore {
  url: string
  uploadToken: string
  /** Where the blobs are kept. */
  dir: string
  /** True when `dir` is a temporary directory, removed at stop. */
  temporary: boolean
  stop(): Promise<void>
}

/**
 * Starts the blob store on `host`. Without `options.dir` it keeps blobs in `<SQLite file>.blobs/`,
 * beside the database they belong to; an in-memory or PostgreSQL database has no such place, so
 * the blobs go to a temporary directory that is removed at stop, like an in-memory database (for
 * PostgreSQL, give `dir` to keep them).
 */
export async function startNodeBlobStore(options: NodeBlobStoreOptions, database: NodeDatabase, host: string): Promise<NodeBlobStore> {
  const fileBacked = database.kind === "sqlite" && database.path !== ":memory:" && database.path !== ""
  const given = options.dir ?? (fileBacked ? `${database.path}.blobs` : undefined)
  const dir = given ?? (await mkdtemp(join(tmpdir(), "parley-node-blobs-")))
  const removeTemporary = given === undefined ? () => rm(dir, { recursive: true, force: true }) : async () => {}
  try {
    const running = await startBlobStore({ ...options, port: options.port ?? 0, dir, host })
    return {
      url: running.url,
      uploadToken: running.uploadToken,
      dir,
      temporary: given === undefined,
      stop: async () => {
        await running.stop()
        await removeTemporary()
      },
    }
  } catch (error) {
    await removeTemporary()
    throw error
  }
}
