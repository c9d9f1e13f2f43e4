// A raw grpc-js client for the node's API: literal method paths and the @xmtp/proto codecs, so the
// tests check the wire contract itself rather than the node's own definitions.
import { Client, credentials, Metadata, status, type ClientReadableStream, type ServiceError } from "@grpc/grpc-js"

export interface Codec<T> {
  encode(message: T): { finish(): Uint8Array }
  decode(input: Uint8Array): T
}

/** Serialises with `codec`, or sends `raw` bytes as they are (for malformed-input tests). */
export type Outgoing<T> = { message: T } | { raw: Uint8Array }

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

export const MLS = "/xmtp.mls.api.v1.MlsApi/"
export const IDENTITY = "/xmtp.identity.api.v1.IdentityApi/"
export const MIGRATION = "/xmtp.migration.api.v1.D14nMigrationApi/"

export class RawClient {
  readonly grpc: Client

  constructor(address: string) {
    this.grpc = new Client(address.replace(/^http:\/\//, ""), credentials.createInsecure(), {
      "grpc.max_send_message_length": 64 * 1024 * 1024,
      "grpc.max_receive_message_length": 64 * 1024 * 1024,
    })
  }

  unary<Req, Res>(path: string, request: Codec<Req>, response: Codec<Res>, outgoing: Outgoing<Req>): Promise<Res> {
    return new Promise((resolve, reject) => {
      this.grpc.makeUnaryRequest<Outgoing<Req>, Res>(
        path,
        (out) => toBuffer("raw" in out ? out.raw : request.encode(out.message).finish()),
        (bytes) => response.decode(bytes),
        outgoing,
        (error, value) => (error ? reject(error) : resolve(value as Res)),
      )
    })
  }

  /** Unary call that must fail; resolves with its status. */
  async failure<Req, Res>(path: string, request: Codec<Req>, response: Codec<Res>, outgoing: Outgoing<Req>): Promise<ServiceError> {
    try {
      await this.unary(path, request, response, outgoing)
    } catch (error) {
      return error as ServiceError
    }
    throw new Error(`${path} succeeded but was expected to fail`)
  }

  stream<Req, Res>(path: string, request: Codec<Req>, response: Codec<Res>, message: Req): Subscription<Res> {
    const call = this.grpc.makeServerStreamRequest<Req, Res>(
      path,
      (m) => toBuffer(request.encode(m).finish()),
      (bytes) => response.decode(bytes),
      message,
      new Metadata(),
    )
    return new Subscription(call)
  }

  close(): void {
    this.grpc.close()
  }
}

/** Collects a server stream's messages and its end. */
export class Subscription<T> {
  readonly received: T[] = []
  readonly headers: Promise<Metadata>
  readonly ended: Promise<{ code: status; details: string }>
  private waiters: { count: number; resolve: () => void }[] = []

  constructor(readonly call: ClientReadableStream<T>) {
    this.headers = new Promise((resolve) => call.once("metadata", resolve))
    this.ended = new Promise((resolve) => {
      call.on("status", (s) => resolve({ code: s.code, details: s.details }))
      // Errors also arrive as a status; the listener keeps them from being unhandled.
      call.on("error", () => undefined)
    })
    call.on("data", (message: T) => {
      this.received.push(message)
      this.waiters = this.waiters.filter((w) => (this.received.length >= w.count ? (w.resolve(), false) : true))
    })
  }

  /** Resolves once `count` messages have arrived; rejects if the stream ends first. */
  async waitFor(count: number): Promise<T[]> {
    if (this.received.length < count) {
      await Promise.race([
        new Promise<void>((resolve) => this.waiters.push({ count, resolve })),
        this.ended.then((s) => {
          throw new Error(`stream ended (${status[s.code]}: ${s.details}) after ${this.received.length} of ${count} messages`)
        }),
      ])
    }
    return this.received.slice(0, count)
  }

  cancel(): void {
    this.call.cancel()
  }
}
