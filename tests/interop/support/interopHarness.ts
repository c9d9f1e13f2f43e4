// Owns everything an interop test starts (temp dir, nodes, SDK clients, streams, raw gRPC clients)
// and tears it all down in one call, so an afterAll cannot forget a running node or stream.
//
// @xmtp/node-sdk 6.0.0 has no Client.close(): a client's native workers end with the test worker
// process. Closing here ends its streams; its database lives in the temp dir removed at the end.
import { randomBytes, randomUUID } from "node:crypto"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { AsyncStreamProxy } from "@xmtp/node-sdk"
import { Client, createEoaSigner } from "../../../src/engine/index"
import type { ClientProfile } from "../../integration/engine/support/engineHarness"
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

  /** A fresh wallet and database (with a random key) for a Parley client, in the harness's dir. */
  parleyProfile(label: string): ClientProfile {
    return { name: label, signer: createEoaSigner(), dbPath: join(this.dir, `${label}-${randomUUID()}.parley.db`), dbEncryptionKey: new Uint8Array(randomBytes(32)) }
  }

  /** A Parley client on `node` (from a new profile when given a label), closed at teardown. */
  async createParleyClient(node: TestNode, profile: ClientProfile | string): Promise<Client> {
    const { signer, dbPath, dbEncryptionKey } = typeof profile === "string" ? this.parleyProfile(profile) : profile
    return this.own(await Client.create(signer, { apiUrl: node.address, dbPath, dbEncryptionKey }))
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
