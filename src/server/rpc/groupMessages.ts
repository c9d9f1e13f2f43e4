// SendGroupMessages, QueryGroupMessages and GetNewestGroupMessage (node-go service.go and
// readStore.go). Every message of a batch is validated before any is stored; the batch is then
// stored in one transaction, exact repeats skipped.
import { mlsApi, type MlsApiTypes } from "../../engine/proto/index"
import { invalidArgument, unknownError } from "../errors"
import { emptyCodec, methodDefinition, type Empty } from "../grpc/methods"
import type { NewGroupMessage } from "../store/nodeStore"
import { shortHex } from "../topics"
import type { UnaryRpc } from "./context"
import { groupMessageMetadataToWire, groupMessageToWire } from "./envelopes"
import { pagedResponse, pageQueryFrom } from "./paging"
import { validated } from "./validation"

const SERVICE = "xmtp.mls.api.v1.MlsApi"

export const sendGroupMessages: UnaryRpc<MlsApiTypes.SendGroupMessagesRequest, Empty> = {
  kind: "unary",
  definition: methodDefinition(SERVICE, "SendGroupMessages", mlsApi.SendGroupMessagesRequest, emptyCodec),
  describe: (request) => `${request.messages.length} message(s)`,
  async handle(request, context) {
    if (request.messages.length === 0) throw invalidArgument("no group messages to send")
    const inputs = request.messages.map((input) => {
      if (!input.v1) throw invalidArgument("invalid group message")
      return input.v1
    })
    const messages: NewGroupMessage[] = []
    for (const input of inputs) {
      const header = await validated("invalid group message", context, () => context.validators.parseGroupMessage(input.data))
      if (header.groupId.length === 0) throw invalidArgument("group id is empty")
      if (input.data.length === 0) throw invalidArgument("message is empty")
      messages.push({
        groupId: header.groupId,
        data: input.data,
        senderHmac: input.senderHmac,
        shouldPush: input.shouldPush,
        isCommit: header.isCommit,
      })
    }
    // Subscribers hear of the new messages from the store, at commit (see StoredEnvelopeListener).
    await context.store.insertGroupMessages(messages)
    return {}
  },
}

export const queryGroupMessages: UnaryRpc<MlsApiTypes.QueryGroupMessagesRequest, MlsApiTypes.QueryGroupMessagesResponse> = {
  kind: "unary",
  definition: methodDefinition(SERVICE, "QueryGroupMessages", mlsApi.QueryGroupMessagesRequest, mlsApi.QueryGroupMessagesResponse),
  describe: (request) => {
    const page = pageQueryFrom(request.pagingInfo)
    return `group ${shortHex(request.groupId)} ${page.direction} limit ${page.limit} cursor ${page.cursor}`
  },
  async handle(request, context) {
    if (request.groupId.length === 0) throw unknownError("group is required")
    const page = pageQueryFrom(request.pagingInfo)
    return pagedResponse(page, await context.store.queryGroupMessages(request.groupId, page), groupMessageToWire)
  },
}

export const getNewestGroupMessage: UnaryRpc<
  MlsApiTypes.GetNewestGroupMessageRequest,
  MlsApiTypes.GetNewestGroupMessageResponse
> = {
  kind: "unary",
  definition: methodDefinition(
    SERVICE,
    "GetNewestGroupMessage",
    mlsApi.GetNewestGroupMessageRequest,
    mlsApi.GetNewestGroupMessageResponse,
  ),
  describe: (request) => `${request.groupIds.length} group(s)${request.includeContent ? " with content" : ""}`,
  async handle(request, context) {
    if (request.groupIds.length === 0) throw invalidArgument("no group ids provided")
    const newest = await context.store.newestGroupMessages(request.groupIds)
    const toWire = request.includeContent ? groupMessageToWire : groupMessageMetadataToWire
    return { responses: newest.map((message) => ({ groupMessage: message && toWire(message) })) }
  },
}
