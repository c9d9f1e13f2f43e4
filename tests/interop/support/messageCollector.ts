// Drains an SDK message stream in the background so a test can wait, with a deadline, until what it
// expects has arrived, and then check the exact content that did.
import type { AsyncStreamProxy } from "@xmtp/node-sdk"
import { pollUntil } from "./deadline"

export class StreamCollector<T> {
  readonly items: T[] = []
  private failure: unknown
  private readonly drained: Promise<void>

  constructor(private readonly stream: AsyncStreamProxy<T>) {
    this.drained = this.drain()
  }

  private async drain(): Promise<void> {
    try {
      for await (const item of this.stream) this.items.push(item)
    } catch (error) {
      this.failure = error
    }
  }

  /** Waits until `done(items)` holds; fails early if the stream itself failed. */
  async waitUntil(what: string, done: (items: readonly T[]) => boolean, timeoutMs = 20_000): Promise<readonly T[]> {
    return pollUntil(
      what,
      () => {
        if (this.failure !== undefined) throw new Error(`stream failed: ${String(this.failure)}`)
        return done(this.items) ? this.items : undefined
      },
      { timeoutMs, retryErrors: false, describe: () => `${this.items.length} items${this.failure ? `, stream failed: ${String(this.failure)}` : ""}` },
    )
  }

  async end(): Promise<void> {
    await this.stream.end()
    await this.drained
  }
}
