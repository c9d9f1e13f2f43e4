// An async iterator fed by pushes: values wait in a queue until the consumer asks, a failure is
// handed to the next next() after the queued values, and finishing resolves a waiting next() as
// done. The plumbing under the engine's streams.

export class PushIterator<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = []
  private waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | undefined
  private failure: { error: unknown } | undefined
  private finished = false

  /** `onReturn` runs when the consumer stops early (break, return()). */
  constructor(private readonly onReturn: () => Promise<void>) {}

  get isDone(): boolean {
    return this.finished && this.queue.length === 0
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift()!, done: false })
    if (this.failure) {
      const { error } = this.failure
      this.failure = undefined
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
    if (this.finished) return Promise.resolve({ value: undefined, done: true })
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }))
  }

  async return(): Promise<IteratorResult<T>> {
    await this.onReturn()
    return { value: undefined, done: true }
  }

  push(value: T): void {
    if (this.finished) return
    const waiting = this.waiting
    this.waiting = undefined
    if (waiting) waiting.resolve({ value, done: false })
    else this.queue.push(value)
  }

  /** The source failed for good: the consumer's next next() rejects with it. */
  fail(error: unknown): void {
    const waiting = this.waiting
    this.waiting = undefined
    if (waiting) waiting.reject(error)
    else this.failure = { error }
  }

  /** No more values: a waiting next() resolves as done; queued values are still delivered. */
  finish(): void {
    this.finished = true
    this.waiting?.resolve({ value: undefined, done: true })
    this.waiting = undefined
  }
}
