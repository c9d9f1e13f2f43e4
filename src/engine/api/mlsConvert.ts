// Between the MLS API's protobuf messages and this layer's shapes (see types.ts).
import { mlsApi } from "../proto/index"
import type { CommitLogTypes, MlsApiTypes } from "../proto/index"
import { ApiError } from "./errors"
import type {
  CommitLogEntry,
  GroupMessage,
  GroupMessageInput,
  PageRequest,
  PagingInfo,
  WelcomeMessage,
  WelcomeMessageInput,
} from "./types"
import { fromLong, toLong } from "./uint64"

const { SortDirection } = mlsApi

export function pagingToProto(paging: Partial<PageRequest> | undefined, direction: PageRequest["direction"]): MlsApiTypes.PagingInfo {
  return {
    direction: direction === "ascending" ? SortDirection.SORT_DIRECTION_ASCENDING : SortDirection.SORT_DIRECTION_DESCENDING,
    limit: paging?.limit ?? 0,
    idCursor: toLong(paging?.idCursor ?? 0n),
  }
}

export function pagingFromProto(paging: MlsApiTypes.PagingInfo | undefined): PagingInfo | undefined {
  if (paging === undefined) return undefined
  return {
    // node-go reads an unspecified direction as descending
    direction: paging.direction === SortDirection.SORT_DIRECTION_ASCENDING ? "ascending" : "descending",
    limit: paging.limit,
    idCursor: fromLong(paging.idCursor),
  }
}

export function groupMessageFromProto(method: string, message: MlsApiTypes.GroupMessage): GroupMessage {
  const v1 = message.v1
  if (v1 === undefined) throw new ApiError("MalformedResponse", method, "group message has no known version (expected v1)")
  return {
    id: fromLong(v1.id),
    createdNs: fromLong(v1.createdNs),
    groupId: v1.groupId,
    data: v1.data,
    senderHmac: v1.senderHmac,
    shouldPush: v1.shouldPush,
    isCommit: v1.isCommit,
  }
}

export function groupMessageInputToProto(input: GroupMessageInput): MlsApiTypes.GroupMessageInput {
  return { v1: { data: input.data, senderHmac: input.senderHmac ?? new Uint8Array(), shouldPush: input.shouldPush } }
}

export function welcomeMessageFromProto(method: string, message: MlsApiTypes.WelcomeMessage): WelcomeMessage {
  if (message.v1 !== undefined) {
    const { id, createdNs, ...rest } = message.v1
    return { kind: "v1", id: fromLong(id), createdNs: fromLong(createdNs), ...rest }
  }
  if (message.welcomePointer !== undefined) {
    const { id, createdNs, ...rest } = message.welcomePointer
    return { kind: "welcomePointer", id: fromLong(id), createdNs: fromLong(createdNs), ...rest }
  }
  throw new ApiError("MalformedResponse", method, "welcome message has no known version (expected v1 or welcomePointer)")
}

export function welcomeMessageInputToProto(input: WelcomeMessageInput): MlsApiTypes.WelcomeMessageInput {
  if (input.kind === "v1") {
    const { kind: _kind, ...v1 } = input
    return { v1 }
  }
  const { kind: _kind, ...welcomePointer } = input
  return { welcomePointer }
}

export function commitLogEntryFromProto(entry: CommitLogTypes.CommitLogEntry): CommitLogEntry {
  return {
    sequenceId: fromLong(entry.sequenceId),
    serializedCommitLogEntry: entry.serializedCommitLogEntry,
    signature: entry.signature,
  }
}
