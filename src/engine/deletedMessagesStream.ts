// streamDeletedMessages / streamMessageDeletions (node-sdk 6 Conversations): a local stream, fed
// by the deletions this client processes (see groups/messageDeletionEvents.ts). It needs no
// subscription of its own and cannot fail; a deletion is seen only when a sync, a stream or a
// publish processes it.
import type { MessageDeletionEvents } from "./groups/messageDeletionEvents"
import type { DecodedMessage } from "./groups/publicTypes"

export class DeletionStream<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = []
  private waiting: ((result: IteratorResult<T>) => void) | undefined
  private ended = false
  private readonly unsubscribe: () => void

  /** `convert` turns each deleted message into what the stream yields. */
  constructor(
    events: MessageDeletionEvents,
    convert: (message: DecodedMessage) => T,
    private readonly onEnd: () => void,
  ) {
    this.unsubscribe = events.subscribe((message) => this.push(convert(message)))
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this
  }

  next(): Promise<IteratorResult<T>> {
    const value = this.queue.shift()
    if (value !== undefined) return Promise.resolve({ value, done: false })
    if (this.ended) return Promise.resolve({ value: undefined, done: true })
    return new Promise((resolve) => (this.waiting = resolve))
  }

  async return(): Promise<IteratorResult<T>> {
    await this.end()
    return { value: undefined, done: true }
  }

  /** Stops listening; a pending next() resolves as done. */
  async end(): Promise<void> {
    if (this.ended) return
    this.ended = true
    this.unsubscribe()
    this.onEnd()
    this.waiting?.({ value: undefined, done: true })
    this.waiting = undefined
  }

  private push(value: T): void {
    if (this.ended) return
    const waiting = this.waiting
    this.waiting = undefined
    if (waiting) waiting({ value, done: false })
    else this.queue.push(value)
  }
}
