// What a benchmark client and group do the same way for either kind: both clients name these calls
// alike. Types only from either client, so a worker loads just the kind it runs.
import type { BenchClient, BenchGroup, BenchStream } from "./engineBenchClients"
import type { BenchClientKind, ClientProfile } from "./engineBenchProtocol"

/** The conversation calls both clients offer under the same names. */
export interface BenchGroupHandle {
  readonly id: string
  sendText(text: string): Promise<unknown>
  sync(): Promise<unknown>
  members(): Promise<unknown[]>
}

/** The client calls both clients offer under the same names; `M` is a streamed message. */
export interface BenchClientHandle<C, M> {
  readonly inboxId: string
  readonly conversations: {
    createGroup(inboxIds: string[]): Promise<C>
    sync(): Promise<unknown>
    getConversationById(id: string): Promise<C | undefined>
    streamAllMessages(): Promise<AsyncIterable<M> & { end(): Promise<unknown> }>
  }
}

export abstract class BaseBenchClient<C, M> implements BenchClient {
  abstract readonly kind: BenchClientKind
  /** The kind as error messages name it. */
  protected abstract readonly name: string

  constructor(
    protected readonly client: BenchClientHandle<C, M>,
    readonly profile: ClientProfile,
  ) {}

  protected abstract wrap(group: C): BenchGroup

  /** The message's text, or undefined when it is not a text message. */
  protected abstract textOf(message: M): string | undefined

  abstract close(): Promise<void>

  get inboxId(): string {
    return this.client.inboxId
  }

  async createGroup(inboxIds: string[]): Promise<BenchGroup> {
    return this.wrap(await this.client.conversations.createGroup(inboxIds))
  }

  async joinGroup(id: string): Promise<BenchGroup> {
    await this.client.conversations.sync()
    return this.group(id)
  }

  async group(id: string): Promise<BenchGroup> {
    const found = await this.client.conversations.getConversationById(id)
    if (!found) throw new Error(`${this.name} client ${this.inboxId} does not hold group ${id}`)
    return this.wrap(found)
  }

  async streamTexts(onText: (text: string) => void): Promise<BenchStream> {
    const stream = await this.client.conversations.streamAllMessages()
    const drained = (async () => {
      for await (const message of stream) {
        const text = this.textOf(message)
        if (text !== undefined) onText(text)
      }
    })()
    return {
      end: async () => {
        await stream.end()
        await drained
      },
    }
  }
}

export abstract class BaseBenchGroup<C extends BenchGroupHandle> implements BenchGroup {
  constructor(protected readonly group: C) {}

  abstract textCount(): Promise<number>

  get id(): string {
    return this.group.id
  }

  async sendText(text: string): Promise<void> {
    await this.group.sendText(text)
  }

  async sync(): Promise<void> {
    await this.group.sync()
  }

  async memberCount(): Promise<number> {
    return (await this.group.members()).length
  }
}
