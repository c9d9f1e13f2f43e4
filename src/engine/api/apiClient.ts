// The engine's handle on one node: both APIs over one channel, closed together.
import { GrpcChannel, type GrpcChannelOptions } from "./grpcChannel"
import { IdentityApi } from "./identityApi"
import { MlsApi } from "./mlsApi"
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry"

export interface ApiClientOptions extends GrpcChannelOptions {
  /** How unary calls are retried; default libxmtp's policy (5 retries, 50 ms x3 backoff). */
  retry?: RetryPolicy
}

export interface ApiClient {
  readonly channel: GrpcChannel
  readonly mls: MlsApi
  readonly identity: IdentityApi
  /** Cancels calls and subscriptions in flight and closes the connection. */
  close(): void
}

/** Connects lazily: nothing is dialled until the first call. Throws ApiError("InvalidUrl"). */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const channel = new GrpcChannel(options)
  const retry = options.retry ?? DEFAULT_RETRY_POLICY
  return {
    channel,
    mls: new MlsApi(channel, retry),
    identity: new IdentityApi(channel, retry),
    close: () => channel.close(),
  }
}
