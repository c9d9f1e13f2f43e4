// A gRPC server stream as an async iterable. XMTP subscriptions never end on their own, so a
// clean end is reported as ApiError("StreamEnded"); a failed one as the ApiError of its status.
// Closing it (close(), break out of for-await, or the AbortSignal) ends the iteration quietly.
import type { ClientReadableStream, ServiceError } from "@grpc/grpc-js"
import { status as GrpcStatus } from "@grpc/grpc-js"
import { ApiError } from "./errors"

export interface Subscription<T> extends AsyncIterableIterator<T> {
  /** Cancels the stream; an iteration in progress finishes without an error. */
  close(): void
}

export interface StreamOptions<Res, Out> {
  method: string
  convert: (message: Res) => Out
  signal: AbortSignal | undefined
  isChannelClosed: () => boolean
  onFinished: () => void
}

// Items held for a slow consumer before the stream is paused, which lets HTTP/2 flow control
// hold the rest on the node.
const PAUSE_AT = 64

export class StreamSubscription<Res, Out> implements Subscription<Out> {
  private readonly queue: Out[] = []
  private failure: ApiError | undefined
  private ended = false
  private stopped = false
  private waiter: (() => void) | undefined
  private readonly onAbort = () => this.close()

  constructor(
    private readonly call: ClientReadableStream<Res>,
    private readonly options: StreamOptions<Res, Out>,
  ) {
    call.on("data", (message: Res) => this.receive(message))
    call.on("error", (error: ServiceError) => this.fail(this.statusError(error)))
    call.on("end", () => {
      this.ended = true
      this.finish()
    })
    options.signal?.addEventListener("abort", this.onAbort, { once: true })
  }

  [Symbol.asyncIterator](): this {
    return this
  }

  async next(): Promise<IteratorResult<Out>> {
    for (;;) {
      if (this.stopped) return { done: true, value: undefined }
      const item = this.queue.shift()
      if (item !== undefined) {
        if (this.queue.length === 0 && this.call.isPaused()) this.call.resume()
        return { done: false, value: item }
      }
      if (this.ended) {
        this.stopped = true
        throw this.failure ?? new ApiError("StreamEnded", this.options.method, "the node ended the subscription")
      }
      await new Promise<void>((wake) => {
        this.waiter = wake
      })
    }
  }

  async return(): Promise<IteratorResult<Out>> {
    this.close()
    return { done: true, value: undefined }
  }

  close(): void {
    if (this.stopped) return
    this.stopped = true
    this.queue.length = 0
    this.call.cancel()
    this.finish()
    this.wake()
  }

  private receive(message: Res): void {
    if (this.stopped || this.failure) return
    let item: Out
    try {
      item = this.options.convert(message)
    } catch (error) {
      this.fail(
        error instanceof ApiError ? error : new ApiError("MalformedResponse", this.options.method, String(error), { cause: error }),
      )
      this.call.cancel()
      return
    }
    this.queue.push(item)
    if (this.queue.length >= PAUSE_AT) this.call.pause()
    this.wake()
  }

  private fail(error: ApiError): void {
    this.failure ??= error
    this.wake()
  }

  private statusError(error: ServiceError): ApiError {
    if (error.code === GrpcStatus.CANCELLED && this.options.isChannelClosed()) {
      return new ApiError("ChannelClosed", this.options.method, "the channel was closed while the subscription was open")
    }
    return ApiError.fromStatus(this.options.method, error.code, error.details, error)
  }

  private finish(): void {
    this.options.signal?.removeEventListener("abort", this.onAbort)
    this.options.onFinished()
    this.wake()
  }

  private wake(): void {
    const waiter = this.waiter
    this.waiter = undefined
    waiter?.()
  }
}
