// A loopback gRPC responder with only what an SDK client needs to register and read inbox state:
// the IdentityApi (backed by Parley's own verifyIdentityUpdate, so every update the SDK publishes is
// checked by the code under test) and an UploadKeyPackage that stores nothing. It is not Parley's
// delivery node; it lets identity compatibility be proven before that node exists.
import { Server, ServerCredentials, status, type ServiceDefinition, type sendUnaryData, type ServerUnaryCall } from "@grpc/grpc-js"
import { type AssociationTypes, identityApi, mlsApi, type IdentityApiTypes, Long } from "../../../src/engine/proto/index"
import { AssociationError } from "../../../src/engine/identity/errors"
import { verifyIdentityUpdate } from "../../../src/engine/identity/verifyIdentityUpdate"

interface Codec<T> {
  encode(message: T): { finish(): Uint8Array }
  decode(input: Uint8Array): T
}

function unary<Req, Res>(service: string, name: string, request: Codec<Req>, response: Codec<Res>) {
  return {
    path: `/${service}/${name}`,
    requestStream: false,
    responseStream: false,
    requestSerialize: (value: Req) => Buffer.from(request.encode(value).finish()),
    requestDeserialize: (bytes: Buffer) => request.decode(new Uint8Array(bytes)),
    responseSerialize: (value: Res) => Buffer.from(response.encode(value).finish()),
    responseDeserialize: (bytes: Buffer) => response.decode(new Uint8Array(bytes)),
  }
}

const EMPTY: Codec<Record<string, never>> = { encode: () => ({ finish: () => new Uint8Array() }), decode: () => ({}) }

type Handler<Req, Res> = (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void

export class IdentityResponder {
  private readonly server = new Server()
  private readonly logs = new Map<string, AssociationTypes.IdentityUpdate[]>()
  private readonly inboxOfIdentifier = new Map<string, string>()
  /** Every PublishIdentityUpdate received, accepted or not, with the rejection code if any. */
  readonly published: { update: AssociationTypes.IdentityUpdate; rejectedWith?: string }[] = []
  address = ""

  async start(): Promise<string> {
    const identityService = identityApi.IdentityApiServiceName
    const definition: ServiceDefinition = {
      PublishIdentityUpdate: unary(identityService, "PublishIdentityUpdate", identityApi.PublishIdentityUpdateRequest, identityApi.PublishIdentityUpdateResponse),
      GetIdentityUpdates: unary(identityService, "GetIdentityUpdates", identityApi.GetIdentityUpdatesRequest, identityApi.GetIdentityUpdatesResponse),
      GetInboxIds: unary(identityService, "GetInboxIds", identityApi.GetInboxIdsRequest, identityApi.GetInboxIdsResponse),
    }
    const publish: Handler<IdentityApiTypes.PublishIdentityUpdateRequest, IdentityApiTypes.PublishIdentityUpdateResponse> = (call, callback) => {
      const update = call.request.identityUpdate
      if (!update) return callback({ code: status.INVALID_ARGUMENT, details: "no identity update" })
      this.publish(update).then(
        () => callback(null, {}),
        (error: unknown) => callback({ code: status.INVALID_ARGUMENT, details: String(error) }),
      )
    }
    const getUpdates: Handler<IdentityApiTypes.GetIdentityUpdatesRequest, IdentityApiTypes.GetIdentityUpdatesResponse> = (call, callback) => {
      callback(null, {
        responses: call.request.requests.map(({ inboxId, sequenceId }) => ({
          inboxId,
          updates: (this.logs.get(inboxId) ?? [])
            .map((update, index) => ({ sequenceId: Long.fromNumber(index + 1, true), serverTimestampNs: update.clientTimestampNs, update }))
            .filter((entry) => entry.sequenceId.greaterThan(sequenceId)),
        })),
      })
    }
    const getInboxIds: Handler<IdentityApiTypes.GetInboxIdsRequest, IdentityApiTypes.GetInboxIdsResponse> = (call, callback) => {
      callback(null, {
        responses: call.request.requests.map(({ identifier, identifierKind }) => ({
          identifier,
          identifierKind,
          inboxId: this.inboxOfIdentifier.get(identifier.toLowerCase()),
        })),
      })
    }
    this.server.addService(definition, { PublishIdentityUpdate: publish, GetIdentityUpdates: getUpdates, GetInboxIds: getInboxIds })
    this.server.addService(
      { UploadKeyPackage: unary(mlsApi.MlsApiServiceName, "UploadKeyPackage", mlsApi.UploadKeyPackageRequest, EMPTY) },
      { UploadKeyPackage: ((_call, callback) => callback(null, {})) as Handler<unknown, Record<string, never>> },
    )
    const port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    )
    this.address = `http://127.0.0.1:${port}`
    return this.address
  }

  /** Verifies `update` with Parley's rules, then appends it to its inbox's log. */
  async publish(update: AssociationTypes.IdentityUpdate): Promise<void> {
    try {
      const { addedMembers, removedMembers } = await verifyIdentityUpdate(this.logs.get(update.inboxId) ?? [], update)
      this.append(update)
      for (const member of addedMembers) if (member.ethereumAddress) this.inboxOfIdentifier.set(member.ethereumAddress, update.inboxId)
      for (const member of removedMembers) if (member.ethereumAddress) this.inboxOfIdentifier.delete(member.ethereumAddress)
      this.published.push({ update })
    } catch (error) {
      this.published.push({ update, rejectedWith: error instanceof AssociationError ? error.code : String(error) })
      throw error
    }
  }

  /** Appends without any check: how a test hands the SDK an update Parley would refuse. */
  append(update: AssociationTypes.IdentityUpdate): void {
    this.logs.set(update.inboxId, [...(this.logs.get(update.inboxId) ?? []), update])
  }

  log(inboxId: string): AssociationTypes.IdentityUpdate[] {
    return this.logs.get(inboxId) ?? []
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()))
  }
}
