// What every RPC handler gets, and the two shapes an RPC can have. The gRPC layer wraps these with
// logging, error mapping and shutdown tracking (src/server/grpc/).
import type { MethodDefinition } from "@grpc/grpc-js"
import type { Logger } from "../logger"
import type { NodeStore, StoredGroupMessage, StoredWelcomeMessage } from "../store/nodeStore"
import type { TopicBus } from "../subscriptions/topicBus"
import type { NodeValidators } from "../validators"

export interface RpcContext {
  store: NodeStore
  validators: NodeValidators
  groupMessages: TopicBus<StoredGroupMessage>
  welcomeMessages: TopicBus<StoredWelcomeMessage>
  log: Logger
}

export interface UnaryRpc<Request, Response> {
  kind: "unary"
  definition: MethodDefinition<Request, Response>
  /** A short summary of the request for the debug log line. */
  describe(request: Request): string
  handle(request: Request, context: RpcContext): Promise<Response>
}

/** The server side of a response stream, as a streaming handler sees it. */
export interface ResponseSink<Response> {
  /** Resolves once the client's transport has room for more (or the stream has ended). */
  write(message: Response): Promise<void>
  /** Ended by the client (cancelled, disconnected) or by the node (shutdown). */
  readonly ended: boolean
  /** Resolves when the stream ends for any reason. */
  readonly closed: Promise<void>
  /** Sends the response headers now: tonic-based clients wait for them before they read. */
  sendHeaders(): void
}

export interface StreamRpc<Request, Response> {
  kind: "stream"
  definition: MethodDefinition<Request, Response>
  describe(request: Request): string
  /** Runs until the stream should end; resolves with a summary for the log, or throws an RpcError to end it with that status. */
  handle(request: Request, sink: ResponseSink<Response>, context: RpcContext): Promise<string>
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- services list RPCs of many request/response types
export type AnyRpc = UnaryRpc<any, any> | StreamRpc<any, any>

export interface RpcService {
  name: string
  rpcs: Record<string, AnyRpc>
}
