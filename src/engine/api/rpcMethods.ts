// The RPCs this client calls: their gRPC paths and the ts-proto codecs that (de)serialise them.
import { identityApi, mlsApi } from "../proto/index"
import type { IdentityApiTypes, MlsApiTypes } from "../proto/index"

interface Encoder<T> {
  encode(message: T): { finish(): Uint8Array }
}
interface Decoder<T> {
  decode(input: Uint8Array): T
}

export interface RpcMethod<Req, Res> {
  /** `Service/Method`, for errors and logs. */
  readonly name: string
  /** The HTTP/2 path, `/package.Service/Method`. */
  readonly path: string
  serialize(request: Req): Buffer
  deserialize(bytes: Buffer): Res
}

function method<Req, Res>(service: string, name: string, request: Encoder<Req>, response: Decoder<Res> | null): RpcMethod<Req, Res> {
  const shortService = service.slice(service.lastIndexOf(".") + 1)
  return {
    name: `${shortService}/${name}`,
    path: `/${service}/${name}`,
    serialize: (value) => {
      const bytes = request.encode(value).finish()
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    },
    // Decode from a plain copy so the byte fields handed out are Uint8Array views of it, not
    // Buffers that pin grpc-js's receive buffers. A null decoder is google.protobuf.Empty.
    deserialize: (bytes) => (response === null ? (undefined as Res) : response.decode(new Uint8Array(bytes))),
  }
}

const MLS = mlsApi.MlsApiServiceName
const IDENTITY = identityApi.IdentityApiServiceName

export const mlsMethods = {
  uploadKeyPackage: method<MlsApiTypes.UploadKeyPackageRequest, void>(MLS, "UploadKeyPackage", mlsApi.UploadKeyPackageRequest, null),
  fetchKeyPackages: method(MLS, "FetchKeyPackages", mlsApi.FetchKeyPackagesRequest, mlsApi.FetchKeyPackagesResponse),
  sendGroupMessages: method<MlsApiTypes.SendGroupMessagesRequest, void>(MLS, "SendGroupMessages", mlsApi.SendGroupMessagesRequest, null),
  sendWelcomeMessages: method<MlsApiTypes.SendWelcomeMessagesRequest, void>(MLS, "SendWelcomeMessages", mlsApi.SendWelcomeMessagesRequest, null),
  queryGroupMessages: method(MLS, "QueryGroupMessages", mlsApi.QueryGroupMessagesRequest, mlsApi.QueryGroupMessagesResponse),
  queryWelcomeMessages: method(MLS, "QueryWelcomeMessages", mlsApi.QueryWelcomeMessagesRequest, mlsApi.QueryWelcomeMessagesResponse),
  getNewestGroupMessage: method(MLS, "GetNewestGroupMessage", mlsApi.GetNewestGroupMessageRequest, mlsApi.GetNewestGroupMessageResponse),
  subscribeGroupMessages: method(MLS, "SubscribeGroupMessages", mlsApi.SubscribeGroupMessagesRequest, mlsApi.GroupMessage),
  subscribeWelcomeMessages: method(MLS, "SubscribeWelcomeMessages", mlsApi.SubscribeWelcomeMessagesRequest, mlsApi.WelcomeMessage),
  batchPublishCommitLog: method<MlsApiTypes.BatchPublishCommitLogRequest, void>(MLS, "BatchPublishCommitLog", mlsApi.BatchPublishCommitLogRequest, null),
  batchQueryCommitLog: method(MLS, "BatchQueryCommitLog", mlsApi.BatchQueryCommitLogRequest, mlsApi.BatchQueryCommitLogResponse),
}

export const identityMethods = {
  publishIdentityUpdate: method<IdentityApiTypes.PublishIdentityUpdateRequest, IdentityApiTypes.PublishIdentityUpdateResponse>(
    IDENTITY,
    "PublishIdentityUpdate",
    identityApi.PublishIdentityUpdateRequest,
    identityApi.PublishIdentityUpdateResponse,
  ),
  getIdentityUpdates: method(IDENTITY, "GetIdentityUpdates", identityApi.GetIdentityUpdatesRequest, identityApi.GetIdentityUpdatesResponse),
  getInboxIds: method(IDENTITY, "GetInboxIds", identityApi.GetInboxIdsRequest, identityApi.GetInboxIdsResponse),
}
