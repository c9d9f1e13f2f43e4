// BatchPublishCommitLog and BatchQueryCommitLog (node-go service.go, readStore.go QueryCommitLog).
// The node stores commit-log entries opaquely; libxmtp's commit-log worker publishes and reads them.
import { mlsApi, signatures, type MlsApiTypes } from "../../engine/proto/index"
import { invalidArgument, RpcError } from "../errors"
import { emptyCodec, methodDefinition, type Empty } from "../grpc/methods"
import { MAX_COMMIT_LOG_BATCH_INSERTS, MAX_COMMIT_LOG_BATCH_QUERIES, MAX_PAGE_SIZE } from "../limits"
import type { NewCommitLogEntry } from "../store/nodeStore"
import type { RpcContext, UnaryRpc } from "./context"
import { nextPageCursor } from "./paging"
import { asInt64, toUint64 } from "./wireValues"

const SERVICE = "xmtp.mls.api.v1.MlsApi"
const { SortDirection } = mlsApi

export const batchPublishCommitLog: UnaryRpc<MlsApiTypes.BatchPublishCommitLogRequest, Empty> = {
  kind: "unary",
  definition: methodDefinition(SERVICE, "BatchPublishCommitLog", mlsApi.BatchPublishCommitLogRequest, emptyCodec),
  describe: (request) => `${request.requests.length} entr(ies)`,
  async handle(request, context) {
    if (request.requests.length === 0) throw invalidArgument("no log entries to publish")
    if (request.requests.length > MAX_COMMIT_LOG_BATCH_INSERTS) {
      throw invalidArgument(`cannot exceed ${MAX_COMMIT_LOG_BATCH_INSERTS} inserts in single batch`)
    }
    const entries: NewCommitLogEntry[] = request.requests.map((entry) => {
      if (entry.groupId.length === 0 || entry.serializedCommitLogEntry.length === 0 || !entry.signature) {
        throw invalidArgument("invalid commit log entry")
      }
      return {
        groupId: entry.groupId,
        serializedEntry: entry.serializedCommitLogEntry,
        serializedSignature: signatures.RecoverableEd25519Signature.encode(entry.signature).finish(),
      }
    })
    await context.store.insertCommitLogEntries(entries)
    return {}
  },
}

async function queryOne(
  request: MlsApiTypes.QueryCommitLogRequest,
  context: RpcContext,
): Promise<MlsApiTypes.QueryCommitLogResponse> {
  if (request.groupId.length === 0) throw invalidArgument("invalid request")
  if (request.pagingInfo?.direction === SortDirection.SORT_DIRECTION_DESCENDING) {
    throw new RpcError("INTERNAL", "failed to query commit log: descending direction is not supported")
  }
  const asked = request.pagingInfo?.limit ?? 0
  // node-go reads the uint32 limit as int32: anything from 2^31 up is negative, hence the default.
  const limit = asked > 0 && asked <= MAX_PAGE_SIZE ? asked : MAX_PAGE_SIZE
  const entries = await context.store.queryCommitLog(request.groupId, asInt64(request.pagingInfo?.idCursor), limit)
  return {
    groupId: request.groupId,
    commitLogEntries: entries.map((entry) => ({
      sequenceId: toUint64(entry.id),
      serializedCommitLogEntry: entry.serializedEntry,
      signature: signatures.RecoverableEd25519Signature.decode(entry.serializedSignature),
    })),
    pagingInfo: {
      direction: SortDirection.SORT_DIRECTION_ASCENDING,
      limit,
      idCursor: toUint64(
        nextPageCursor(
          { direction: "ascending", limit, cursor: 0n },
          entries.map((entry) => entry.id),
        ),
      ),
    },
  }
}

export const batchQueryCommitLog: UnaryRpc<MlsApiTypes.BatchQueryCommitLogRequest, MlsApiTypes.BatchQueryCommitLogResponse> = {
  kind: "unary",
  definition: methodDefinition(
    SERVICE,
    "BatchQueryCommitLog",
    mlsApi.BatchQueryCommitLogRequest,
    mlsApi.BatchQueryCommitLogResponse,
  ),
  describe: (request) => `${request.requests.length} group(s)`,
  async handle(request, context) {
    if (request.requests.length === 0) throw invalidArgument("no requests to query")
    if (request.requests.length > MAX_COMMIT_LOG_BATCH_QUERIES) {
      throw invalidArgument(`cannot exceed ${MAX_COMMIT_LOG_BATCH_QUERIES} queries in single batch`)
    }
    const responses: MlsApiTypes.QueryCommitLogResponse[] = []
    for (const query of request.requests) responses.push(await queryOne(query, context))
    return { responses }
  },
}
