// Knows which calls are in flight so the node can shut down without losing acknowledged work:
// it stops accepting calls, ends every open stream, then waits for running handlers to finish.
import type { RpcError } from "../errors"

export class CallTracker {
  private accepting = true
  private readonly running = new Set<Promise<unknown>>()
  private readonly streamEnders = new Set<(reason: RpcError) => void>()

  get isAccepting(): boolean {
    return this.accepting
  }

  /** Runs a handler and remembers it until it settles. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const promise = work()
    this.running.add(promise)
    const forget = () => this.running.delete(promise)
    promise.then(forget, forget)
    return promise
  }

  /** Registers how to end an open stream on shutdown; returns the function that unregisters it. */
  openStream(end: (reason: RpcError) => void): () => void {
    this.streamEnders.add(end)
    return () => this.streamEnders.delete(end)
  }

  get openStreamCount(): number {
    return this.streamEnders.size
  }

  /** Refuses new calls, ends open streams with `reason`, and resolves once running handlers have settled. */
  async drain(reason: RpcError): Promise<void> {
    this.accepting = false
    for (const end of [...this.streamEnders]) end(reason)
    while (this.running.size > 0) await Promise.allSettled([...this.running])
  }
}
