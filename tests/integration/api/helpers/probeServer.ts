// A stand-in node for client behaviour a real node cannot be made to show on demand (a call that
// never answers, a stream that ends cleanly, a protocol-breaking answer), and to see the headers
// the client sends. It speaks real gRPC on loopback with the same codecs; only the answers are
// scripted.
import * as grpc from "@grpc/grpc-js"
import { mlsApi, type MlsApiTypes } from "../../../../src/engine/proto/index"

type Codec<T> = { encode(message: T): { finish(): Uint8Array }; decode(input: Uint8Array): T }

export interface ProbeHandlers {
  queryGroupMessages?: (request: MlsApiTypes.QueryGroupMessagesRequest, metadata: grpc.Metadata) => MlsApiTypes.QueryGroupMessagesResponse | "never"
  fetchKeyPackages?: (request: MlsApiTypes.FetchKeyPackagesRequest) => MlsApiTypes.FetchKeyPackagesResponse
  subscribeGroupMessages?: (
    request: MlsApiTypes.SubscribeGroupMessagesRequest,
    call: grpc.ServerWritableStream<MlsApiTypes.SubscribeGroupMessagesRequest, MlsApiTypes.GroupMessage>,
  ) => void
}

function definition<Req, Res>(name: string, request: Codec<Req>, response: Codec<Res>, responseStream: boolean): grpc.MethodDefinition<Req, Res> {
  return {
    path: `/xmtp.mls.api.v1.MlsApi/${name}`,
    requestStream: false,
    responseStream,
    requestSerialize: (value) => Buffer.from(request.encode(value).finish()),
    requestDeserialize: (bytes) => request.decode(bytes),
    responseSerialize: (value) => Buffer.from(response.encode(value).finish()),
    responseDeserialize: (bytes) => response.decode(bytes),
  }
}

const unimplemented = { code: grpc.status.UNIMPLEMENTED, details: "not scripted" }

export async function startProbeServer(handlers: ProbeHandlers): Promise<{ port: number; stop(): Promise<void> }> {
  const server = new grpc.Server()
  server.addService(
    {
      QueryGroupMessages: definition("QueryGroupMessages", mlsApi.QueryGroupMessagesRequest, mlsApi.QueryGroupMessagesResponse, false),
      FetchKeyPackages: definition("FetchKeyPackages", mlsApi.FetchKeyPackagesRequest, mlsApi.FetchKeyPackagesResponse, false),
      SubscribeGroupMessages: definition("SubscribeGroupMessages", mlsApi.SubscribeGroupMessagesRequest, mlsApi.GroupMessage, true),
    },
    {
      QueryGroupMessages: (call: grpc.ServerUnaryCall<MlsApiTypes.QueryGroupMessagesRequest, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        const answer = handlers.queryGroupMessages?.(call.request, call.metadata)
        if (answer === undefined) callback(unimplemented)
        else if (answer !== "never") callback(null, answer)
      },
      FetchKeyPackages: (call: grpc.ServerUnaryCall<MlsApiTypes.FetchKeyPackagesRequest, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        const answer = handlers.fetchKeyPackages?.(call.request)
        if (answer === undefined) callback(unimplemented)
        else callback(null, answer)
      },
      SubscribeGroupMessages: (call: grpc.ServerWritableStream<MlsApiTypes.SubscribeGroupMessagesRequest, MlsApiTypes.GroupMessage>) => {
        if (handlers.subscribeGroupMessages) handlers.subscribeGroupMessages(call.request, call)
        else call.destroy(Object.assign(new Error("not scripted"), unimplemented))
      },
    },
  )
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  )
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.forceShutdown()
        resolve()
      }),
  }
}
