// A real S3-compatible server on loopback for the S3 attachment store's tests: @20minutes/s3rver,
// the maintained fork of s3rver (whose 3.x accepts any SigV4 signature), which keeps objects on
// disk and verifies SigV4 against its one account, S3RVER / S3RVER.
import { mkdtemp, rm } from "node:fs/promises"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"

interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>
  close(): Promise<void>
}
type S3rverConstructor = new (options: {
  address: string
  port: number
  silent: boolean
  directory: string
  configureBuckets: { name: string }[]
}) => S3rverInstance

// @20minutes/s3rver is CommonJS without type definitions.
const S3rver = createRequire(import.meta.url)("@20minutes/s3rver") as S3rverConstructor

export interface RunningS3Server {
  endpoint: string
  accessKeyId: string
  secretAccessKey: string
  stop(): Promise<void>
}

export async function startS3Server(buckets: string[]): Promise<RunningS3Server> {
  const directory = await mkdtemp(join(tmpdir(), "parley-s3rver-"))
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) })
  const { port } = await server.run()
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    stop: async () => {
      await server.close()
      await rm(directory, { recursive: true, force: true })
    },
  }
}
