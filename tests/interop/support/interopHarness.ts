// Owns everything an interop test starts (temp dir, nodes, SDK clients, streams, raw gRPC clients)
// and tears it all down in one call, so an afterAll cannot forget a running node or stream.
//
// @xmtp/node-sdk 6.0.0 has no Client.close(): a client's native workers end with the test worker
// process. Closing here ends its streams; its database lives in the temp dir removed at the end.
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { AsyncStreamProxy } from "@xmtp/node-sdk"
import { StreamCollector } from "./messageCollector"
import { createSdkClient, type LabelledClient, type SdkClientOptions } from "./sdkClient"
import { startTestNode, type TestNode } from "./testNode"

interface Closable {
  close(): unknown
}

export class InteropHarness {
  private readonly nodes: TestNode[] = []
  private readonly collectors: StreamCollector<unknown>[] = []
  private readonly closables: Closable[] = []
  readonly clients: LabelledClient[] = []

  private constructor(readonly dir: string) {}

  static async create(prefix: string): Promise<InteropHarness> {
    return new InteropHarness(await mkdtemp(join(tmpdir(), `parley-${prefix}-`)))
  }

  async startNode(name = "node"): Promise<TestNode> {
    const node = await startTestNode(this.dir, name)
    this.nodes.push(node)
    return node
  }

  async createClient(node: TestNode, options: SdkClientOptions): Promise<LabelledClient> {
    const client = await createSdkClient(node.address, this.dir, options)
    this.clients.push(client)
    return client
  }

  /**
   * The label of the client whose inbox this is, for readable assertions; a second installation
   * labelled like `bob-2` reads as `bob`, since both speak for the same inbox.
   */
  labelOf = (inboxId: string): string =>
    this.clients.find((c) => c.client.inboxId === inboxId)?.label.replace(/-\d+$/, "") ?? `unknown(${inboxId.slice(0, 8)})`

  collect<T>(stream: AsyncStreamProxy<T>): StreamCollector<T> {
    const collector = new StreamCollector(stream)
    this.collectors.push(collector as StreamCollector<unknown>)
    return collector
  }

  /** Registers anything with a close() (raw gRPC clients) for teardown. */
  own<T extends Closable>(closable: T): T {
    this.closables.push(closable)
    return closable
  }

  async close(): Promise<void> {
    const failures: unknown[] = []
    const attempt = async (step: () => unknown) => {
      try {
        await step()
      } catch (error) {
        failures.push(error)
      }
    }
    for (const collector of this.collectors.splice(0)) await attempt(() => collector.end())
    for (const closable of this.closables.splice(0)) await attempt(() => closable.close())
    for (const node of this.nodes.splice(0)) await attempt(() => node.stop())
    await attempt(() => rm(this.dir, { recursive: true, force: true }))
    if (failures.length > 0) throw new AggregateError(failures, `interop teardown: ${failures.length} step(s) failed`)
  }
}
