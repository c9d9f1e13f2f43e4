// Typed calls to xmtp.identity.api.v1.IdentityApi, shaped like libxmtp's identity client
// (crates/xmtp_api/src/identity.rs): identity updates are asked for 50 inboxes per call.
import { associations } from "../proto/index"
import type { AssociationTypes } from "../proto/index"
import { chunks } from "./chunks"
import { ApiError } from "./errors"
import type { CallOptions, GrpcChannel } from "./grpcChannel"
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry"
import { retryingCall } from "./retryingCall"
import { identityMethods, type RpcMethod } from "./rpcMethods"
import type { InboxIdQuery, InboxIdResult, InboxIdentityUpdates, IdentityUpdatesQuery } from "./types"
import { fromLong, toLong } from "./uint64"

const IDENTITY_UPDATES_BATCH = 50
const { IdentifierKind } = associations

export class IdentityApi {
  constructor(
    private readonly channel: GrpcChannel,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  /**
   * Retried like libxmtp does; if an attempt was applied but its answer lost, the retry is
   * refused by the node, so a caller that sees an error should re-read the inbox's updates.
   */
  async publishIdentityUpdate(update: AssociationTypes.IdentityUpdate, options?: CallOptions): Promise<void> {
    await this.call(identityMethods.publishIdentityUpdate, { identityUpdate: update }, options)
  }

  /** For each inbox, its updates after the given sequence id, in the order asked. */
  async getIdentityUpdates(queries: IdentityUpdatesQuery[], options?: CallOptions): Promise<InboxIdentityUpdates[]> {
    const method = identityMethods.getIdentityUpdates
    const batches = await Promise.all(
      chunks(queries, IDENTITY_UPDATES_BATCH).map(async (chunk) => {
        const requests = chunk.map((q) => ({ inboxId: q.inboxId, sequenceId: toLong(q.sequenceId) }))
        const response = await this.call(method, { requests }, options)
        if (response.responses.length !== chunk.length) {
          throw new ApiError("MalformedResponse", method.name, `asked about ${chunk.length} inboxes, got ${response.responses.length} answers`)
        }
        return response.responses.map((r) => ({
          inboxId: r.inboxId,
          updates: r.updates.map((log) => {
            if (log.update === undefined) {
              throw new ApiError("MalformedResponse", method.name, `inbox ${r.inboxId} update ${fromLong(log.sequenceId)} has no content`)
            }
            return { sequenceId: fromLong(log.sequenceId), serverTimestampNs: fromLong(log.serverTimestampNs), update: log.update }
          }),
        }))
      }),
    )
    return batches.flat()
  }

  /** The inbox associated with each identifier, in the order asked. */
  async getInboxIds(queries: InboxIdQuery[], options?: CallOptions): Promise<InboxIdResult[]> {
    if (queries.length === 0) return []
    const response = await this.call(identityMethods.getInboxIds, { requests: queries }, options)
    return response.responses.map((r) => ({
      identifier: r.identifier,
      // Nodes that predate identifier kinds leave it unset; libxmtp reads that as Ethereum.
      identifierKind: r.identifierKind === IdentifierKind.IDENTIFIER_KIND_UNSPECIFIED ? IdentifierKind.IDENTIFIER_KIND_ETHEREUM : r.identifierKind,
      inboxId: r.inboxId,
    }))
  }

  private call<Req, Res>(method: RpcMethod<Req, Res>, request: Req, options?: CallOptions): Promise<Res> {
    return retryingCall(this.channel, this.retry, method, request, options)
  }
}
