// Failures of the XMTP API client. Every error the layer raises is an ApiError: the gRPC status
// codes keep their gRPC meaning, and a few codes name failures that happen on this side of the wire.
import { status as GrpcStatus } from "@grpc/grpc-js"

export type ApiErrorCode =
  // gRPC statuses, as the node returned them (or as grpc-js reported a transport failure)
  | "Cancelled"
  | "Unknown"
  | "InvalidArgument"
  | "DeadlineExceeded"
  | "NotFound"
  | "AlreadyExists"
  | "PermissionDenied"
  | "ResourceExhausted"
  | "FailedPrecondition"
  | "Aborted"
  | "OutOfRange"
  | "Unimplemented"
  | "Internal"
  | "Unavailable"
  | "DataLoss"
  | "Unauthenticated"
  // raised on this side
  | "StreamEnded" // a subscription closed cleanly, which an XMTP node never does on its own
  | "MalformedResponse" // the node's answer breaks the protocol (wrong count, missing version, cursor going backwards)
  | "InvalidUrl" // apiUrl is not http(s)://host[:port]
  | "ChannelClosed" // the call was made on, or was running when someone closed, the channel

const grpcCodeNames: Readonly<Record<number, ApiErrorCode>> = {
  [GrpcStatus.CANCELLED]: "Cancelled",
  [GrpcStatus.UNKNOWN]: "Unknown",
  [GrpcStatus.INVALID_ARGUMENT]: "InvalidArgument",
  [GrpcStatus.DEADLINE_EXCEEDED]: "DeadlineExceeded",
  [GrpcStatus.NOT_FOUND]: "NotFound",
  [GrpcStatus.ALREADY_EXISTS]: "AlreadyExists",
  [GrpcStatus.PERMISSION_DENIED]: "PermissionDenied",
  [GrpcStatus.RESOURCE_EXHAUSTED]: "ResourceExhausted",
  [GrpcStatus.FAILED_PRECONDITION]: "FailedPrecondition",
  [GrpcStatus.ABORTED]: "Aborted",
  [GrpcStatus.OUT_OF_RANGE]: "OutOfRange",
  [GrpcStatus.UNIMPLEMENTED]: "Unimplemented",
  [GrpcStatus.INTERNAL]: "Internal",
  [GrpcStatus.UNAVAILABLE]: "Unavailable",
  [GrpcStatus.DATA_LOSS]: "DataLoss",
  [GrpcStatus.UNAUTHENTICATED]: "Unauthenticated",
}

/**
 * Codes worth trying again: the node was down or overloaded, or the call timed out. INTERNAL is
 * among them because xmtp-node-go answers INTERNAL for database failures that pass. Everything
 * else (a rejected message, an unknown method) will fail the same way on every attempt.
 */
const transientCodes: ReadonlySet<ApiErrorCode> = new Set(["Unavailable", "DeadlineExceeded", "ResourceExhausted", "Internal"])

const hints: Partial<Record<ApiErrorCode, string>> = {
  Unavailable: "the node is unreachable or shutting down; check the API URL and that the node runs",
  DeadlineExceeded: "the node did not answer in time",
  Unimplemented: "the node does not serve this RPC; it may not be an XMTP v3 node",
  StreamEnded: "the node closed the subscription",
  ChannelClosed: "the API client was closed",
}

export class ApiError extends Error {
  override readonly name = "ApiError"
  /** The gRPC status number when the error came from a call, for logs. */
  readonly grpcCode: number | undefined

  constructor(
    readonly code: ApiErrorCode,
    /** The RPC the error belongs to, e.g. `MlsApi/QueryGroupMessages`; empty for channel setup. */
    readonly method: string,
    /** The node's own message (gRPC status details), or what this side found wrong. */
    readonly details: string,
    options?: { cause?: unknown; grpcCode?: number },
  ) {
    const hint = hints[code]
    super(`${method ? `${method}: ` : ""}${code}: ${details || "(no details)"}${hint ? ` (${hint})` : ""}`, {
      cause: options?.cause,
    })
    this.grpcCode = options?.grpcCode
  }

  /** True when trying the same call again may succeed. */
  get transient(): boolean {
    return transientCodes.has(this.code)
  }

  /** Maps a grpc-js status (from a failed call or a stream's end) to an ApiError. */
  static fromStatus(method: string, grpcCode: number, details: string, cause?: unknown): ApiError {
    return new ApiError(grpcCodeNames[grpcCode] ?? "Unknown", method, details, { cause, grpcCode })
  }
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code)
}
