import type { CallOptions, GrpcChannel } from "./grpcChannel"
import { withRetry, type RetryPolicy } from "./retry"
import type { RpcMethod } from "./rpcMethods"

/** A unary call, attempted again under `policy` while it fails for a passing reason. */
export function retryingCall<Req, Res>(
  channel: GrpcChannel,
  policy: RetryPolicy,
  method: RpcMethod<Req, Res>,
  request: Req,
  options?: CallOptions,
): Promise<Res> {
  return withRetry(method.name, policy, options?.signal, () => channel.unary(method, request, options))
}
