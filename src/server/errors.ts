// The node's typed failure: a gRPC status code and the message the client sees. Handlers throw
// these; anything else that escapes a handler is a bug and is answered as INTERNAL.
import { status } from "@grpc/grpc-js"

export type RpcStatusName = "INVALID_ARGUMENT" | "UNKNOWN" | "INTERNAL" | "UNAVAILABLE" | "UNIMPLEMENTED" | "ABORTED"

export class RpcError extends Error {
  override readonly name = "RpcError"
  readonly code: status
  constructor(
    readonly statusName: RpcStatusName,
    message: string,
  ) {
    super(message)
    this.code = status[statusName]
  }
}

export const invalidArgument = (message: string): RpcError => new RpcError("INVALID_ARGUMENT", message)

/**
 * node-go returns plain Go errors from parts of its store (an empty group id, an odd inbox id);
 * grpc-go answers those with UNKNOWN, and so does this node, to keep the same codes on the wire.
 */
export const unknownError = (message: string): RpcError => new RpcError("UNKNOWN", message)

export const unimplemented = (): RpcError => new RpcError("UNIMPLEMENTED", "unimplemented")

/** A short, single-line description of any thrown value, for messages and logs. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
