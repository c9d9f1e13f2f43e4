// A grpc-js server stream as a ResponseSink: writes that wait for the transport when it is full,
// headers on demand, and one place that records how the stream ended.
import { Metadata, status, type ServerWritableStream } from "@grpc/grpc-js"
import type { RpcError } from "../errors"
import type { ResponseSink } from "../rpc/context"

export type StreamOutcome = "OK" | "CANCELLED" | keyof typeof status

export class CallSink<Request, Response> implements ResponseSink<Response> {
  readonly closed: Promise<void>
  private outcomeName: StreamOutcome | undefined
  private resolveClosed!: () => void
  private drainWaiter: (() => void) | undefined
  private headersSent = false

  constructor(private readonly call: ServerWritableStream<Request, Response>) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve))
    call.on("drain", () => this.releaseWriter())
    call.on("cancelled", () => this.settle("CANCELLED"))
  }

  get ended(): boolean {
    return this.outcomeName !== undefined
  }

  /** How the stream ended, once it has. */
  get outcome(): StreamOutcome | undefined {
    return this.outcomeName
  }

  sendHeaders(): void {
    if (this.headersSent || this.ended) return
    this.headersSent = true
    // node-go sends `subscribed: true`; any header unblocks a tonic client waiting on the response.
    const metadata = new Metadata()
    metadata.set("subscribed", "true")
    this.call.sendMetadata(metadata)
  }

  write(message: Response): Promise<void> {
    if (this.ended || this.call.write(message)) return Promise.resolve()
    return new Promise((resolve) => (this.drainWaiter = resolve))
  }

  /** Ends the stream with OK, or with the error's status. Later calls change nothing. */
  end(error?: RpcError): void {
    if (!this.settle(error ? (status[error.code] as StreamOutcome) : "OK")) return
    if (error) this.call.emit("error", { code: error.code, details: error.message })
    else this.call.end()
  }

  private settle(outcome: StreamOutcome): boolean {
    if (this.ended) return false
    this.outcomeName = outcome
    this.releaseWriter()
    this.resolveClosed()
    return true
  }

  private releaseWriter(): void {
    const waiter = this.drainWaiter
    this.drainWaiter = undefined
    waiter?.()
  }
}
