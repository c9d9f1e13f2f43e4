// The identity API (node-go identity_service.go, store.go PublishIdentityUpdate, readStore.go).
// Inbox logs are keyed by the inbox id's bytes, as node-go keys them (it hex-decodes the id), so
// the id must be hexadecimal; updates are validated against the inbox's whole accepted history
// while no other update to that inbox can be stored.
import { associations, identityApi, type AssociationTypes, type IdentityApiTypes } from "../../engine/proto/index"
import { unknownError } from "../errors"
import { methodDefinition } from "../grpc/methods"
import { MAX_INBOX_LOG_ENTRIES } from "../limits"
import type { UnaryRpc } from "./context"
import { validated } from "./validation"
import { asInt64, toUint64 } from "./wireValues"

const SERVICE = "xmtp.identity.api.v1.IdentityApi"

/** Postgres `decode(inbox_id, 'hex')` refuses anything but pairs of hex digits; so does this node. */
function requireHexInboxId(inboxId: string): void {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(inboxId)) throw unknownError(`invalid inbox id ${JSON.stringify(inboxId.slice(0, 80))}: not hexadecimal`)
}

const ethereumAddresses = (members: AssociationTypes.MemberIdentifier[]): string[] =>
  members.flatMap((member) => (member.ethereumAddress === undefined ? [] : [member.ethereumAddress]))

export const publishIdentityUpdate: UnaryRpc<
  IdentityApiTypes.PublishIdentityUpdateRequest,
  IdentityApiTypes.PublishIdentityUpdateResponse
> = {
  kind: "unary",
  definition: methodDefinition(
    SERVICE,
    "PublishIdentityUpdate",
    identityApi.PublishIdentityUpdateRequest,
    identityApi.PublishIdentityUpdateResponse,
  ),
  describe: (request) =>
    request.identityUpdate
      ? `inbox ${request.identityUpdate.inboxId.slice(0, 12)} ${request.identityUpdate.actions.length} action(s)`
      : "no update",
  async handle(request, context) {
    const update = request.identityUpdate
    if (!update) throw unknownError("IdentityUpdate is required")
    requireHexInboxId(update.inboxId)
    await context.store.appendIdentityUpdate(update.inboxId.toLowerCase(), async (stored) => {
      if (stored.length >= MAX_INBOX_LOG_ENTRIES) throw unknownError("inbox log is full")
      const history = stored.map((bytes) => associations.IdentityUpdate.decode(bytes))
      const diff = await validated("invalid identity update", context, () =>
        context.validators.validateIdentityUpdate(history, update),
      )
      return {
        update: associations.IdentityUpdate.encode(update).finish(),
        addedAddresses: ethereumAddresses(diff.addedMembers),
        removedAddresses: ethereumAddresses(diff.removedMembers),
      }
    })
    return {}
  },
}

/**
 * Each inbox's updates after the given sequence id, oldest first. Results are matched to requests
 * by the inbox id exactly as sent, and node-go's store answers with lowercase ids: an uppercase
 * request therefore gets no updates there, and none here either.
 */
export const getIdentityUpdates: UnaryRpc<
  IdentityApiTypes.GetIdentityUpdatesRequest,
  IdentityApiTypes.GetIdentityUpdatesResponse
> = {
  kind: "unary",
  definition: methodDefinition(
    SERVICE,
    "GetIdentityUpdates",
    identityApi.GetIdentityUpdatesRequest,
    identityApi.GetIdentityUpdatesResponse,
  ),
  describe: (request) => `${request.requests.length} inbox(es)`,
  async handle(request, context) {
    for (const { inboxId } of request.requests) requireHexInboxId(inboxId)
    const logs = await context.store.identityUpdates(
      request.requests.map((r) => ({ inboxId: r.inboxId, afterSequenceId: asInt64(r.sequenceId) })),
    )
    return {
      responses: request.requests.map((r, i) => ({
        inboxId: r.inboxId,
        updates: (logs[i] ?? []).map((entry) => ({
          sequenceId: toUint64(entry.sequenceId),
          serverTimestampNs: toUint64(entry.serverTimestampNs),
          update: associations.IdentityUpdate.decode(entry.update),
        })),
      })),
    }
  },
}

/** Each identifier's inbox: its latest unrevoked association. Only Ethereum addresses are recorded. */
export const getInboxIds: UnaryRpc<IdentityApiTypes.GetInboxIdsRequest, IdentityApiTypes.GetInboxIdsResponse> = {
  kind: "unary",
  definition: methodDefinition(SERVICE, "GetInboxIds", identityApi.GetInboxIdsRequest, identityApi.GetInboxIdsResponse),
  describe: (request) => `${request.requests.length} identifier(s)`,
  async handle(request, context) {
    const inboxIds = await context.store.inboxIdsForAddresses(request.requests.map((r) => r.identifier))
    // node-go leaves identifier_kind unset in its answers; libxmtp reads unset as Ethereum.
    return { responses: request.requests.map((r, i) => ({ identifier: r.identifier, inboxId: inboxIds[i], identifierKind: 0 })) }
  },
}

/**
 * node-go forwards these to its validation service, which asks an Ethereum RPC node. This node
 * has no chain access, so it answers each signature the way that service answers a verifier
 * failure: not valid, with the reason.
 */
export const verifySmartContractWalletSignatures: UnaryRpc<
  IdentityApiTypes.VerifySmartContractWalletSignaturesRequest,
  IdentityApiTypes.VerifySmartContractWalletSignaturesResponse
> = {
  kind: "unary",
  definition: methodDefinition(
    SERVICE,
    "VerifySmartContractWalletSignatures",
    identityApi.VerifySmartContractWalletSignaturesRequest,
    identityApi.VerifySmartContractWalletSignaturesResponse,
  ),
  describe: (request) => `${request.signatures.length} signature(s)`,
  async handle(request) {
    return {
      responses: request.signatures.map((signature) => ({
        isValid: false,
        blockNumber: undefined,
        error: `cannot verify the smart contract wallet signature of ${signature.accountId}: this node has no chain RPC`,
      })),
    }
  },
}
