// A loopback gRPC endpoint that answers just enough of the XMTP v3 API for an official SDK client
// to register (an unknown wallet, no identity history), and keeps every key package it uploads.
// It lets the SDK's real key packages be examined without a delivery node; it validates nothing.
import * as grpc from "@grpc/grpc-js"
import { identityApi, mlsApi, type IdentityApiTypes } from "../../../../src/engine/proto/index"

export interface KeyPackageSink {
  /** http://127.0.0.1:PORT, the SDK's apiUrl. */
  readonly address: string
  /** Every UploadKeyPackageRequest.key_package.key_package_tls_serialized, in arrival order. */
  readonly keyPackages: Uint8Array[]
  stop(): Promise<void>
}

type Handler = (request: Uint8Array) => Uint8Array

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

export async function startKeyPackageSink(): Promise<KeyPackageSink> {
  const keyPackages: Uint8Array[] = []
  const empty = (): Uint8Array => new Uint8Array()
  const handlers: Record<string, Handler> = {
    [`/${identityApi.IdentityApiServiceName}/GetInboxIds`]: (bytes) => {
      const request = identityApi.GetInboxIdsRequest.decode(bytes)
      const responses = request.requests.map((r: IdentityApiTypes.GetInboxIdsRequest_Request) => ({
        identifier: r.identifier,
        identifierKind: r.identifierKind,
      }))
      return identityApi.GetInboxIdsResponse.encode({ responses }).finish()
    },
    [`/${identityApi.IdentityApiServiceName}/GetIdentityUpdates`]: (bytes) => {
      const request = identityApi.GetIdentityUpdatesRequest.decode(bytes)
      const responses = request.requests.map((r) => ({ inboxId: r.inboxId, updates: [] }))
      return identityApi.GetIdentityUpdatesResponse.encode({ responses }).finish()
    },
    [`/${identityApi.IdentityApiServiceName}/PublishIdentityUpdate`]: () =>
      identityApi.PublishIdentityUpdateResponse.encode({}).finish(),
    [`/${mlsApi.MlsApiServiceName}/UploadKeyPackage`]: (bytes) => {
      const request = mlsApi.UploadKeyPackageRequest.decode(bytes)
      const keyPackage = request.keyPackage?.keyPackageTlsSerialized
      if (keyPackage) keyPackages.push(new Uint8Array(keyPackage))
      return empty()
    },
  }

  const server = new grpc.Server()
  const methods = Object.entries(handlers).map(([path, handle], index) => ({ name: `m${index}`, path, handle }))
  const definition: grpc.ServiceDefinition = Object.fromEntries(
    methods.map(({ name, path }) => [
      name,
      {
        path,
        requestStream: false,
        responseStream: false,
        requestSerialize: toBuffer,
        requestDeserialize: (b: Buffer) => new Uint8Array(b),
        responseSerialize: toBuffer,
        responseDeserialize: (b: Buffer) => new Uint8Array(b),
      },
    ]),
  )
  const implementation: grpc.UntypedServiceImplementation = Object.fromEntries(
    methods.map(({ name, handle }) => {
      const unary: grpc.handleUnaryCall<Uint8Array, Uint8Array> = (call, done) => done(null, handle(call.request))
      return [name, unary]
    }),
  )
  server.addService(definition, implementation)
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  )
  return {
    address: `http://127.0.0.1:${port}`,
    keyPackages,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  }
}
