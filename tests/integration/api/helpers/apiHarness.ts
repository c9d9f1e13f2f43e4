// What the API client tests share: a node on loopback, clients pointed at it, and messages the
// node accepts.
import { randomBytes } from "node:crypto"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createApiClient, type ApiClient, type ApiClientOptions, type GroupMessageInput } from "../../../../src/engine/api/index"
import { startNode } from "../../../../src/server/node"
import { privateMessageFrame } from "./privateMessageFrame"

export type RunningNode = Awaited<ReturnType<typeof startNode>>
export type NodeOptions = Parameters<typeof startNode>[0]

export function apiUrlFor(port: number): string {
  return `http://127.0.0.1:${port}`
}

/** Collects every client and node a test opens, and closes them all in afterEach. */
export class Harness {
  private readonly clients: ApiClient[] = []
  private readonly nodes = new Set<RunningNode>()
  private readonly dirs: string[] = []

  async node(options: Partial<NodeOptions> = {}): Promise<RunningNode> {
    const node = await startNode({ port: 0, dbPath: ":memory:", logLevel: "warn", ...options })
    this.nodes.add(node)
    return node
  }

  async stopNode(node: RunningNode): Promise<void> {
    this.nodes.delete(node)
    await node.stop()
  }

  client(port: number, options: Partial<ApiClientOptions> = {}): ApiClient {
    const client = createApiClient({ apiUrl: apiUrlFor(port), appVersion: "parley-tests/0", ...options })
    this.clients.push(client)
    return client
  }

  async tempDbPath(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "parley-api-"))
    this.dirs.push(dir)
    return join(dir, "node.sqlite")
  }

  /** A port that was just free: a node was started on it and stopped. */
  async freePort(): Promise<number> {
    const node = await this.node()
    await this.stopNode(node)
    return node.port
  }

  async close(): Promise<void> {
    for (const client of this.clients.splice(0)) client.close()
    for (const node of [...this.nodes]) await this.stopNode(node)
    for (const dir of this.dirs.splice(0)) await rm(dir, { recursive: true, force: true })
  }
}

export function randomGroupId(): Uint8Array {
  return new Uint8Array(randomBytes(16))
}

/** An application message numbered `n` in group `groupId`, framed as a PrivateMessage. */
export function groupMessage(groupId: Uint8Array, n: number): GroupMessageInput {
  return {
    data: privateMessageFrame({ groupId, epoch: 1n, ciphertext: new TextEncoder().encode(`message ${n}`) }),
    senderHmac: new TextEncoder().encode(`hmac ${n}`),
    shouldPush: n % 2 === 0,
  }
}

export function numbered(groupId: Uint8Array, from: number, count: number): GroupMessageInput[] {
  return Array.from({ length: count }, (_, i) => groupMessage(groupId, from + i))
}

/** Which numbered message some stored bytes are (the ciphertext ends with "message N"). */
export function messageNumber(data: Uint8Array): number {
  const match = /message (\d+)$/.exec(new TextDecoder().decode(data))
  if (!match?.[1]) throw new Error("not a numbered test message")
  return Number(match[1])
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex")
}

/** Reads `count` items from an async iterator, leaving it open. */
export async function take<T>(iterator: AsyncIterator<T>, count: number): Promise<T[]> {
  const out: T[] = []
  while (out.length < count) {
    const next = await iterator.next()
    if (next.done) throw new Error(`iteration ended after ${out.length} of ${count} items`)
    out.push(next.value)
  }
  return out
}
