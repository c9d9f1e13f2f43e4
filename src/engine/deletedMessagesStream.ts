// streamDeletedMessages / streamMessageDeletions (node-sdk 6 Conversations): a local stream, fed
// by the deletions this client processes (see groups/messageDeletionEvents.ts). It needs no
// subscription of its own and cannot fail; a deletion is seen only when a sync, a stream or a
// publish processes it.
import type { MessageDeletionEvents } from "./groups/messageDeletionEvents"
import type { DecodedMessage } from "./groups/publicTypes"
import { PushIterator } from "./util/pushIterator"

export class DeletionStream<T> implements AsyncIterableIterator<T> {
  private readonly values = new PushIterator<T>(() => this.end())
  private ended = false
  private readonly unsubscribe: () => void

  /** `convert` turns each deleted message into what the stream yields. */
  constructor(
    events: MessageDeletionEvents,
    convert: (message: DecodedMessage) => T,
    private readonly onEnd: () => void,
  ) {
    this.unsubscribe = events.subscribe((message) => this.values.push(convert(message)))
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this
  }

  next(): Promise<IteratorResult<T>> {
    return this.values.next()
  }

  return(): Promise<IteratorResult<T>> {
    return this.values.return()
  }

  /** Stops listening; a pending next() resolves as done. */
  async end(): Promise<void> {
    if (this.ended) return
    this.ended = true
    this.unsubscribe()
    this.onEnd()
    this.values.finish()
  }
}
