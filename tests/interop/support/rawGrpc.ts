// A raw grpc-js client for the XMTP v3 API, for tests that must put exact bytes on the wire
// (malformed requests, replayed or forged payloads) or measure the node without an SDK in between.
import * as grpc from "@grpc/grpc-js"
import { identityApi, mlsApi } from "../../../src/engine/proto/index"
import { withDeadline } from "./deadline"

/** The ts-proto codec shape of every XMTP message type. */
export interface Codec<T> {
  encode(message: T): { finish(): Uint8Array }
  decode(input: Uint8Array): T
}

export const mlsMethod = (name: string): string => `/${mlsApi.MlsApiServiceName}/${name}`
export const identityMethod = (name: string): string => `/${identityApi.IdentityApiServiceName}/${name}`

const passBytes = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
const DEFAULT_DEADLINE_MS = 15_000

export class RawXmtpClient {
  private readonly client: grpc.Client

  /** `address` is the node's http://host:port (as given to the SDK) or a bare host:port. */
  constructor(address: string, options: grpc.ChannelOptions = {}) {
    const target = address.replace(/^https?:\/\//, "")
    this.client = new grpc.Client(target, grpc.credentials.createInsecure(), {
      "grpc.max_send_message_length": -1,
      "grpc.max_receive_message_length": -1,
      ...options,
    })
  }

  /** Sends `request` bytes as they are and resolves with the response bytes. */
  unaryBytes(method: string, request: Uint8Array, deadlineMs = DEFAULT_DEADLINE_MS): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        method,
        passBytes,
        (bytes: Buffer) => new Uint8Array(bytes),
        request,
        new grpc.Metadata(),
        { deadline: Date.now() + deadlineMs },
        (error, response) => (error ? reject(error) : resolve(response ?? new Uint8Array())),
      )
    })
  }

  async unary<Req, Res>(method: string, requestCodec: Codec<Req>, request: Req, responseCodec: Codec<Res>): Promise<Res> {
    return responseCodec.decode(await this.unaryBytes(method, requestCodec.encode(request).finish()))
  }

  /** Opens a server stream; each message arrives as raw bytes on the returned call's `data` event. */
  serverStreamBytes(method: string, request: Uint8Array): grpc.ClientReadableStream<Uint8Array> {
    return this.client.makeServerStreamRequest(method, passBytes, (bytes: Buffer) => new Uint8Array(bytes), request)
  }

  close(): void {
    this.client.close()
  }
}

/** google.protobuf.Empty: any bytes decode to it. */
export const emptyCodec: Codec<Record<string, never>> = {
  encode: () => ({ finish: () => new Uint8Array() }),
  decode: () => ({}),
}

/** The error a call failed with; fails the test with the response if the call succeeded instead. */
export async function grpcFailureOf(call: Promise<unknown>): Promise<grpc.ServiceError> {
  let response: unknown
  try {
    response = await call
  } catch (error) {
    if (isServiceError(error)) return error
    throw error
  }
  throw new Error(`expected the call to fail, but it succeeded with ${JSON.stringify(response, bigintSafe)}`)
}

export function isServiceError(error: unknown): error is grpc.ServiceError {
  return error instanceof Error && typeof (error as Partial<grpc.ServiceError>).code === "number" && "details" in error
}

/** A status code's name, so assertion failures say INVALID_ARGUMENT rather than 3. */
export const statusName = (code: number): string => grpc.status[code] ?? `UNKNOWN_CODE_${code}`

function bigintSafe(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value
}

/**
 * The response headers of a stream. The node sends them when the subscription is registered (as
 * node-go does, `subscribed: true`), so after this resolves nothing published can be missed.
 */
export function streamHeaders(call: grpc.ClientReadableStream<unknown>, timeoutMs = DEFAULT_DEADLINE_MS): Promise<grpc.Metadata> {
  return withDeadline(
    "the stream's response headers",
    new Promise<grpc.Metadata>((resolve, reject) => {
      call.once("metadata", resolve)
      call.once("error", reject)
    }),
    timeoutMs,
  )
}
