// Typed shortcuts over RawClient for the node's RPCs (requests built with the codecs' fromPartial).
import { identityApi, mlsApi, type IdentityApiTypes, type MlsApiTypes } from "../../../../src/engine/proto/index"
import type { DeepPartial as Partial } from "@xmtp-proto-types/mls/api/v1/mls.pb"
import { IDENTITY, MLS, type Codec, type RawClient } from "./rawClient"

/** google.protobuf.Empty. */
export const empty: Codec<Record<string, never>> = {
  encode: () => ({ finish: () => new Uint8Array() }),
  decode: () => ({}),
}

export function api(client: Pick<RawClient, "unary" | "stream">) {
  const m = mlsApi
  const i = identityApi
  return {
    sendGroupMessages: (request: MlsApiTypes.SendGroupMessagesRequest) =>
      client.unary(`${MLS}SendGroupMessages`, m.SendGroupMessagesRequest, empty, { message: request }),
    sendGroupData: (...data: Uint8Array[]) =>
      client.unary(`${MLS}SendGroupMessages`, m.SendGroupMessagesRequest, empty, {
        message: m.SendGroupMessagesRequest.fromPartial({ messages: data.map((d) => ({ v1: { data: d } })) }),
      }),
    queryGroupMessages: (groupId: Uint8Array, pagingInfo?: Partial<MlsApiTypes.PagingInfo>) =>
      client.unary(`${MLS}QueryGroupMessages`, m.QueryGroupMessagesRequest, m.QueryGroupMessagesResponse, {
        message: m.QueryGroupMessagesRequest.fromPartial({ groupId, pagingInfo }),
      }),
    getNewestGroupMessage: (groupIds: Uint8Array[], includeContent: boolean) =>
      client.unary(`${MLS}GetNewestGroupMessage`, m.GetNewestGroupMessageRequest, m.GetNewestGroupMessageResponse, {
        message: { groupIds, includeContent },
      }),
    sendWelcomeMessages: (messages: Partial<MlsApiTypes.WelcomeMessageInput>[]) =>
      client.unary(`${MLS}SendWelcomeMessages`, m.SendWelcomeMessagesRequest, empty, {
        message: m.SendWelcomeMessagesRequest.fromPartial({ messages }),
      }),
    queryWelcomeMessages: (installationKey: Uint8Array, pagingInfo?: Partial<MlsApiTypes.PagingInfo>) =>
      client.unary(`${MLS}QueryWelcomeMessages`, m.QueryWelcomeMessagesRequest, m.QueryWelcomeMessagesResponse, {
        message: m.QueryWelcomeMessagesRequest.fromPartial({ installationKey, pagingInfo }),
      }),
    uploadKeyPackage: (keyPackage: Uint8Array) =>
      client.unary(`${MLS}UploadKeyPackage`, m.UploadKeyPackageRequest, empty, {
        message: { keyPackage: { keyPackageTlsSerialized: keyPackage }, isInboxIdCredential: true },
      }),
    fetchKeyPackages: (installationKeys: Uint8Array[]) =>
      client.unary(`${MLS}FetchKeyPackages`, m.FetchKeyPackagesRequest, m.FetchKeyPackagesResponse, {
        message: { installationKeys },
      }),
    publishCommitLog: (requests: Partial<MlsApiTypes.PublishCommitLogRequest>[]) =>
      client.unary(`${MLS}BatchPublishCommitLog`, m.BatchPublishCommitLogRequest, empty, {
        message: m.BatchPublishCommitLogRequest.fromPartial({ requests }),
      }),
    queryCommitLog: (requests: Partial<MlsApiTypes.QueryCommitLogRequest>[]) =>
      client.unary(`${MLS}BatchQueryCommitLog`, m.BatchQueryCommitLogRequest, m.BatchQueryCommitLogResponse, {
        message: m.BatchQueryCommitLogRequest.fromPartial({ requests }),
      }),
    publishIdentityUpdate: (identityUpdate: Partial<IdentityApiTypes.PublishIdentityUpdateRequest>["identityUpdate"]) =>
      client.unary(`${IDENTITY}PublishIdentityUpdate`, i.PublishIdentityUpdateRequest, i.PublishIdentityUpdateResponse, {
        message: i.PublishIdentityUpdateRequest.fromPartial({ identityUpdate }),
      }),
    getIdentityUpdates: (requests: Partial<IdentityApiTypes.GetIdentityUpdatesRequest_Request>[]) =>
      client.unary(`${IDENTITY}GetIdentityUpdates`, i.GetIdentityUpdatesRequest, i.GetIdentityUpdatesResponse, {
        message: i.GetIdentityUpdatesRequest.fromPartial({ requests }),
      }),
    getInboxIds: (identifiers: string[]) =>
      client.unary(`${IDENTITY}GetInboxIds`, i.GetInboxIdsRequest, i.GetInboxIdsResponse, {
        message: { requests: identifiers.map((identifier) => ({ identifier, identifierKind: 1 })) },
      }),
    subscribeGroupMessages: (filters: { groupId: Uint8Array; idCursor?: number }[]) =>
      client.stream(
        `${MLS}SubscribeGroupMessages`,
        m.SubscribeGroupMessagesRequest,
        m.GroupMessage,
        m.SubscribeGroupMessagesRequest.fromPartial({ filters }),
      ),
    subscribeWelcomeMessages: (filters: { installationKey: Uint8Array; idCursor?: number }[]) =>
      client.stream(
        `${MLS}SubscribeWelcomeMessages`,
        m.SubscribeWelcomeMessagesRequest,
        m.WelcomeMessage,
        m.SubscribeWelcomeMessagesRequest.fromPartial({ filters }),
      ),
  }
}

export type Api = ReturnType<typeof api>

/** Ids of group or welcome messages as plain numbers. */
export const ids = (messages: { v1?: { id: { toNumber(): number } } | undefined; welcomePointer?: { id: { toNumber(): number } } | undefined }[]): number[] =>
  messages.map((message) => (message.v1 ?? message.welcomePointer)?.id.toNumber() ?? -1)
