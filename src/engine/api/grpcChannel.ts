// One HTTP/2 connection to an XMTP v3 node, carrying unary calls and server streams with the
// channel settings libxmtp uses (crates/xmtp_api_grpc/src/grpc_client/native.rs): keepalive pings
// every 16 s with a 10 s timeout also while idle, 25 MiB messages, and a deadline on every call.
import * as grpc from "@grpc/grpc-js"
import * as tls from "node:tls"
import { ApiError } from "./errors"
import { PARLEY_CLIENT_VERSION } from "./clientVersion"
import { cancelled } from "./retry"
import type { RpcMethod } from "./rpcMethods"
import { StreamSubscription, type Subscription } from "./serverStream"

export interface GrpcChannelOptions {
  /** `http://host:port` (cleartext HTTP/2, prior knowledge) or `https://host[:port]` (TLS). */
  apiUrl: string
  /** Sent as `x-app-version`; the embedding application's `name/version`. */
  appVersion?: string
  /** PEM CA certificate(s) to trust for an https node instead of the system roots. */
  caCertificate?: string | Uint8Array
  /** Deadline of each unary call attempt; default 30 s. */
  callDeadlineMs?: number
  keepaliveTimeMs?: number
  keepaliveTimeoutMs?: number
}

export interface CallOptions {
  signal?: AbortSignal
  /** Overrides the channel's deadline for this call (each retry gets a fresh one). */
  deadlineMs?: number
}

export const DEFAULT_CALL_DEADLINE_MS = 30_000
const PAYLOAD_LIMIT_BYTES = 25 * 1024 * 1024

interface Cancellable {
  cancel(): void
}

export class GrpcChannel {
  readonly apiUrl: string
  /** `host:port` as grpc-js dials it. */
  readonly target: string
  private readonly client: grpc.Client
  private readonly metadata = new grpc.Metadata()
  private readonly callDeadlineMs: number
  private readonly active = new Set<Cancellable>()
  private closed = false

  constructor(options: GrpcChannelOptions) {
    const { target, secure } = parseApiUrl(options.apiUrl)
    this.apiUrl = options.apiUrl
    this.target = target
    this.callDeadlineMs = options.callDeadlineMs ?? DEFAULT_CALL_DEADLINE_MS
    // node-go reads `x-app-version` as the app and `x-client-version` as the client library;
    // `x-libxmtp-version` is libxmtp's own and would misreport what is talking.
    this.metadata.set("x-app-version", options.appVersion ?? PARLEY_CLIENT_VERSION)
    this.metadata.set("x-client-version", PARLEY_CLIENT_VERSION)
    const credentials = secure ? tlsCredentials(options.caCertificate) : grpc.credentials.createInsecure()
    this.client = new grpc.Client(target, credentials, {
      "grpc.primary_user_agent": PARLEY_CLIENT_VERSION,
      "grpc.keepalive_time_ms": options.keepaliveTimeMs ?? 16_000,
      "grpc.keepalive_timeout_ms": options.keepaliveTimeoutMs ?? 10_000,
      "grpc.keepalive_permit_without_calls": 1,
      "grpc.max_receive_message_length": PAYLOAD_LIMIT_BYTES,
      "grpc.max_send_message_length": PAYLOAD_LIMIT_BYTES,
      // grpc-js waits 1 s growing to 2 min before redialling a failed address, and fails calls at
      // once meanwhile; that would defeat the retry policy's short first waits after a node restart.
      "grpc.initial_reconnect_backoff_ms": 50,
      "grpc.max_reconnect_backoff_ms": 5_000,
    })
  }

  /** One attempt of a unary call; retrying is the caller's business. */
  unary<Req, Res>(method: RpcMethod<Req, Res>, request: Req, options: CallOptions = {}): Promise<Res> {
    const { signal } = options
    if (this.closed) return Promise.reject(this.closedError(method.name))
    if (signal?.aborted) return Promise.reject(cancelled(method.name, signal))
    return new Promise<Res>((resolve, reject) => {
      const deadline = Date.now() + (options.deadlineMs ?? this.callDeadlineMs)
      // grpc-js answers asynchronously, but nothing here relies on it: the call may still be
      // unset when the callback runs.
      const handle: { call?: grpc.ClientUnaryCall } = {}
      let settled = false
      const onAbort = () => handle.call?.cancel()
      const call = this.client.makeUnaryRequest(
        method.path,
        method.serialize,
        method.deserialize,
        request,
        this.metadata.clone(),
        { deadline },
        (error, response) => {
          settled = true
          if (handle.call) this.active.delete(handle.call)
          signal?.removeEventListener("abort", onAbort)
          if (error) reject(this.callError(method.name, error, signal))
          else resolve(response as Res)
        },
      )
      handle.call = call
      if (settled) return
      this.active.add(call)
      signal?.addEventListener("abort", onAbort, { once: true })
    })
  }

  /** Opens a server stream; the node's messages come out of the returned async iterable. */
  serverStream<Req, Res, Out>(
    method: RpcMethod<Req, Res>,
    request: Req,
    convert: (message: Res) => Out,
    signal?: AbortSignal,
  ): Subscription<Out> {
    if (this.closed) throw this.closedError(method.name)
    if (signal?.aborted) throw cancelled(method.name, signal)
    const call = this.client.makeServerStreamRequest(method.path, method.serialize, method.deserialize, request, this.metadata.clone())
    this.active.add(call)
    return new StreamSubscription(call, {
      method: method.name,
      convert,
      signal,
      isChannelClosed: () => this.closed,
      onFinished: () => this.active.delete(call),
    })
  }

  /** Cancels every call in flight and closes the connection; later calls fail with ChannelClosed. */
  close(): void {
    if (this.closed) return
    this.closed = true
    for (const call of [...this.active]) call.cancel()
    this.active.clear()
    this.client.close()
  }

  private callError(method: string, error: grpc.ServiceError, signal: AbortSignal | undefined): ApiError {
    if (error.code === grpc.status.CANCELLED) {
      if (signal?.aborted) return cancelled(method, signal)
      if (this.closed) return this.closedError(method)
    }
    return ApiError.fromStatus(method, error.code, error.details, error)
  }

  private closedError(method: string): ApiError {
    return new ApiError("ChannelClosed", method, `the channel to ${this.apiUrl} is closed`)
  }
}

/** Splits an API URL into the grpc-js target and whether it needs TLS. */
export function parseApiUrl(apiUrl: string): { target: string; secure: boolean } {
  let url: URL
  try {
    url = new URL(apiUrl)
  } catch (cause) {
    throw new ApiError("InvalidUrl", "", `"${apiUrl}" is not a URL; expected http://host:port or https://host[:port]`, { cause })
  }
  const secure = url.protocol === "https:"
  if (!secure && url.protocol !== "http:") {
    throw new ApiError("InvalidUrl", "", `"${apiUrl}" must use http:// (cleartext) or https:// (TLS)`)
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username || url.password) {
    throw new ApiError("InvalidUrl", "", `"${apiUrl}" must be only a scheme, host and port: gRPC cannot use a path`)
  }
  const port = url.port || (secure ? "443" : "80")
  return { target: `${url.hostname}:${port}`, secure }
}

/**
 * TLS with the given CA, or with the system's trust store where this Node can read it
 * (`tls.getCACertificates("system")`, Node 22.15+ and Electron) added to Node's bundled roots.
 */
function tlsCredentials(caCertificate: string | Uint8Array | undefined): grpc.ChannelCredentials {
  if (caCertificate !== undefined) {
    return grpc.credentials.createSsl(Buffer.from(caCertificate))
  }
  const getCACertificates = (tls as { getCACertificates?: (type: string) => string[] }).getCACertificates
  if (getCACertificates === undefined) return grpc.credentials.createSsl()
  const roots = [...new Set([...getCACertificates("default"), ...getCACertificates("system")])]
  return grpc.credentials.createSsl(Buffer.from(roots.join("\n")))
}
