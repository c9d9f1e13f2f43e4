// Typed calls to xmtp.mls.api.v1.MlsApi. Batching limits are the node's (xmtp-node-go
// pkg/mls/api/v1/service.go: 10 commit-log inserts and 20 commit-log queries per call) and
// libxmtp's (1000 groups per GetNewestGroupMessage, crates/xmtp_api/src/mls.rs).
import { bytesToHex } from "@noble/hashes/utils.js"
import { chunks } from "./chunks"
import { ApiError } from "./errors"
import type { CallOptions, GrpcChannel } from "./grpcChannel"
import {
  commitLogEntryFromProto,
  groupMessageFromProto,
  groupMessageInputToProto,
  pagingFromProto,
  pagingToProto,
  welcomeMessageFromProto,
  welcomeMessageInputToProto,
} from "./mlsConvert"
import { MAX_PAGE_SIZE, collectPages, pagesAfter } from "./paging"
import { DEFAULT_RETRY_POLICY, NO_RETRY, type RetryPolicy } from "./retry"
import { retryingCall } from "./retryingCall"
import { mlsMethods, type RpcMethod } from "./rpcMethods"
import type { Subscription } from "./serverStream"
import type {
  CommitLogEntry,
  CommitLogPage,
  CommitLogQuery,
  GroupMessage,
  GroupMessageInput,
  GroupMessagePage,
  GroupSubscriptionFilter,
  PageRequest,
  PublishCommitLogEntry,
  WelcomeMessage,
  WelcomeMessageInput,
  WelcomeMessagePage,
  WelcomeSubscriptionFilter,
} from "./types"
import { toLong } from "./uint64"

const COMMIT_LOG_PUBLISH_BATCH = 10
const COMMIT_LOG_QUERY_BATCH = 20
const NEWEST_MESSAGE_BATCH = 1000

export interface AfterCursor {
  /** Start after this id; 0n (the default) starts at the first entry. */
  afterCursor?: bigint
}

export class MlsApi {
  constructor(
    private readonly channel: GrpcChannel,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  async uploadKeyPackage(
    request: { keyPackageTlsSerialized: Uint8Array; isInboxIdCredential: boolean },
    options?: CallOptions,
  ): Promise<void> {
    await this.call(
      mlsMethods.uploadKeyPackage,
      { keyPackage: { keyPackageTlsSerialized: request.keyPackageTlsSerialized }, isInboxIdCredential: request.isInboxIdCredential },
      options,
    )
  }

  /** One entry per installation key, in order; undefined where the node holds no key package. */
  async fetchKeyPackages(installationKeys: Uint8Array[], options?: CallOptions): Promise<Array<Uint8Array | undefined>> {
    if (installationKeys.length === 0) return []
    const response = await this.call(mlsMethods.fetchKeyPackages, { installationKeys }, options)
    if (response.keyPackages.length !== installationKeys.length) {
      throw new ApiError(
        "MalformedResponse",
        mlsMethods.fetchKeyPackages.name,
        `asked for ${installationKeys.length} key packages, got ${response.keyPackages.length}`,
      )
    }
    return response.keyPackages.map((kp) => (kp.keyPackageTlsSerialized.length > 0 ? kp.keyPackageTlsSerialized : undefined))
  }

  /** Safe to retry: the node stores a message once per (group, bytes) and accepts repeats. */
  async sendGroupMessages(messages: GroupMessageInput[], options?: CallOptions): Promise<void> {
    if (messages.length === 0) return
    await this.call(mlsMethods.sendGroupMessages, { messages: messages.map(groupMessageInputToProto) }, options)
  }

  async sendWelcomeMessages(messages: WelcomeMessageInput[], options?: CallOptions): Promise<void> {
    if (messages.length === 0) return
    await this.call(mlsMethods.sendWelcomeMessages, { messages: messages.map(welcomeMessageInputToProto) }, options)
  }

  /** One page, exactly as the node answers it. */
  async queryGroupMessages(groupId: Uint8Array, paging: PageRequest, options?: CallOptions): Promise<GroupMessagePage> {
    const method = mlsMethods.queryGroupMessages
    const response = await this.call(method, { groupId, pagingInfo: pagingToProto(paging, paging.direction) }, options)
    return {
      messages: response.messages.map((m) => groupMessageFromProto(method.name, m)),
      pagingInfo: pagingFromProto(response.pagingInfo),
    }
  }

  /** One page, exactly as the node answers it. */
  async queryWelcomeMessages(installationKey: Uint8Array, paging: PageRequest, options?: CallOptions): Promise<WelcomeMessagePage> {
    const method = mlsMethods.queryWelcomeMessages
    const response = await this.call(method, { installationKey, pagingInfo: pagingToProto(paging, paging.direction) }, options)
    return {
      messages: response.messages.map((m) => welcomeMessageFromProto(method.name, m)),
      pagingInfo: pagingFromProto(response.pagingInfo),
    }
  }

  /** The group's messages after the cursor, a page (up to 100) at a time, oldest first. */
  groupMessagePages(groupId: Uint8Array, { afterCursor = 0n }: AfterCursor = {}, options?: CallOptions): AsyncGenerator<GroupMessage[]> {
    return pagesAfter(mlsMethods.queryGroupMessages.name, afterCursor, (m: GroupMessage) => m.id, async (cursor) => {
      const page = await this.queryGroupMessages(groupId, { direction: "ascending", limit: MAX_PAGE_SIZE, idCursor: cursor }, options)
      return { items: page.messages, pagingInfo: page.pagingInfo }
    })
  }

  queryAllGroupMessages(groupId: Uint8Array, after: AfterCursor = {}, options?: CallOptions): Promise<GroupMessage[]> {
    return collectPages(this.groupMessagePages(groupId, after, options))
  }

  /** The installation's welcomes after the cursor, a page at a time, oldest first. */
  welcomeMessagePages(
    installationKey: Uint8Array,
    { afterCursor = 0n }: AfterCursor = {},
    options?: CallOptions,
  ): AsyncGenerator<WelcomeMessage[]> {
    return pagesAfter(mlsMethods.queryWelcomeMessages.name, afterCursor, (m: WelcomeMessage) => m.id, async (cursor) => {
      const page = await this.queryWelcomeMessages(installationKey, { direction: "ascending", limit: MAX_PAGE_SIZE, idCursor: cursor }, options)
      return { items: page.messages, pagingInfo: page.pagingInfo }
    })
  }

  queryAllWelcomeMessages(installationKey: Uint8Array, after: AfterCursor = {}, options?: CallOptions): Promise<WelcomeMessage[]> {
    return collectPages(this.welcomeMessagePages(installationKey, after, options))
  }

  /**
   * The newest message of each group, in the order asked; undefined for a group with none.
   * Without `includeContent` the node leaves out data, sender HMAC and push flag.
   */
  async getNewestGroupMessage(
    groupIds: Uint8Array[],
    { includeContent = false }: { includeContent?: boolean } = {},
    options?: CallOptions,
  ): Promise<Array<GroupMessage | undefined>> {
    const method = mlsMethods.getNewestGroupMessage
    const newest = new Map<string, GroupMessage>()
    for (const chunk of chunks(groupIds, NEWEST_MESSAGE_BATCH)) {
      const response = await this.call(method, { groupIds: chunk, includeContent }, options)
      if (response.responses.length !== chunk.length) {
        throw new ApiError("MalformedResponse", method.name, `asked about ${chunk.length} groups, got ${response.responses.length} answers`)
      }
      for (const entry of response.responses) {
        if (entry.groupMessage === undefined) continue
        const message = groupMessageFromProto(method.name, entry.groupMessage)
        newest.set(bytesToHex(message.groupId), message)
      }
    }
    // Matched by group id rather than by position, which the node does not promise to keep.
    return groupIds.map((id) => newest.get(bytesToHex(id)))
  }

  /**
   * The groups' messages after each filter's cursor, then new ones as they arrive. Ends only with
   * an error (ApiError, "StreamEnded" for a clean close) or when closed/aborted.
   */
  subscribeGroupMessages(filters: GroupSubscriptionFilter[], signal?: AbortSignal): Subscription<GroupMessage> {
    const method = mlsMethods.subscribeGroupMessages
    const request = { filters: filters.map((f) => ({ groupId: f.groupId, idCursor: toLong(f.afterCursor) })) }
    return this.channel.serverStream(method, request, (m) => groupMessageFromProto(method.name, m), signal)
  }

  subscribeWelcomeMessages(filters: WelcomeSubscriptionFilter[], signal?: AbortSignal): Subscription<WelcomeMessage> {
    const method = mlsMethods.subscribeWelcomeMessages
    const request = { filters: filters.map((f) => ({ installationKey: f.installationKey, idCursor: toLong(f.afterCursor) })) }
    return this.channel.serverStream(method, request, (m) => welcomeMessageFromProto(method.name, m), signal)
  }

  /**
   * Not retried, as in libxmtp: the node appends commit-log entries without checking for repeats,
   * so a retry after a lost answer would store an entry twice.
   */
  async batchPublishCommitLog(entries: PublishCommitLogEntry[], options?: CallOptions): Promise<void> {
    for (const chunk of chunks(entries, COMMIT_LOG_PUBLISH_BATCH)) {
      await this.call(mlsMethods.batchPublishCommitLog, { requests: chunk }, options, NO_RETRY)
    }
  }

  /** One page per query, in the order asked. */
  async batchQueryCommitLog(queries: CommitLogQuery[], options?: CallOptions): Promise<CommitLogPage[]> {
    const method = mlsMethods.batchQueryCommitLog
    const pages: CommitLogPage[] = []
    for (const chunk of chunks(queries, COMMIT_LOG_QUERY_BATCH)) {
      const requests = chunk.map((q) => ({ groupId: q.groupId, pagingInfo: pagingToProto(q.paging, "ascending") }))
      const response = await this.call(method, { requests }, options)
      if (response.responses.length !== chunk.length) {
        throw new ApiError("MalformedResponse", method.name, `sent ${chunk.length} queries, got ${response.responses.length} answers`)
      }
      for (const r of response.responses) {
        pages.push({
          groupId: r.groupId,
          commitLogEntries: r.commitLogEntries.map(commitLogEntryFromProto),
          pagingInfo: pagingFromProto(r.pagingInfo),
        })
      }
    }
    return pages
  }

  /** The group's commit log after the cursor, a page at a time, oldest first. */
  commitLogPages(groupId: Uint8Array, { afterCursor = 0n }: AfterCursor = {}, options?: CallOptions): AsyncGenerator<CommitLogEntry[]> {
    return pagesAfter(mlsMethods.batchQueryCommitLog.name, afterCursor, (e: CommitLogEntry) => e.sequenceId, async (cursor) => {
      const [page] = await this.batchQueryCommitLog([{ groupId, paging: { limit: MAX_PAGE_SIZE, idCursor: cursor } }], options)
      return { items: page?.commitLogEntries ?? [], pagingInfo: page?.pagingInfo }
    })
  }

  queryAllCommitLog(groupId: Uint8Array, after: AfterCursor = {}, options?: CallOptions): Promise<CommitLogEntry[]> {
    return collectPages(this.commitLogPages(groupId, after, options))
  }

  private call<Req, Res>(method: RpcMethod<Req, Res>, request: Req, options?: CallOptions, retry = this.retry): Promise<Res> {
    return retryingCall(this.channel, retry, method, request, options)
  }
}
