// SubscribeGroupMessages and SubscribeWelcomeMessages (node-go service.go). Both send their
// headers at once (tonic clients wait for them), replay each filter's stored envelopes after its
// id_cursor (a zero cursor replays from the start), then follow live ones; see replayThenFollow.
import { mlsApi, type MlsApiTypes } from "../../engine/proto/index"
import { invalidArgument, RpcError, unknownError } from "../errors"
import { methodDefinition } from "../grpc/methods"
import { replayThenFollow } from "../subscriptions/replayThenFollow"
import { groupTopic, welcomeTopic } from "../topics"
import type { StreamRpc } from "./context"
import { groupMessageToWire, welcomeMessageToWire } from "./envelopes"
import { replayHistory } from "./paging"
import { asInt64 } from "./wireValues"

const SERVICE = "xmtp.mls.api.v1.MlsApi"
const hexKey = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex")

export const subscribeGroupMessages: StreamRpc<MlsApiTypes.SubscribeGroupMessagesRequest, MlsApiTypes.GroupMessage> = {
  kind: "stream",
  definition: methodDefinition(
    SERVICE,
    "SubscribeGroupMessages",
    mlsApi.SubscribeGroupMessagesRequest,
    mlsApi.GroupMessage,
    true,
  ),
  describe: (request) => `${request.filters.length} group filter(s)`,
  async handle(request, sink, context) {
    sink.sendHeaders()
    // node-go's replay query fails for an empty group id and ends the stream with that error.
    if (request.filters.some((filter) => filter.groupId.length === 0)) throw unknownError("group is required")
    return replayThenFollow(
      {
        filters: request.filters.map((filter) => ({ topic: filter.groupId, cursor: asInt64(filter.idCursor) })),
        bus: context.groupMessages,
        topicName: groupTopic,
        history: replayHistory((groupId, page) => context.store.queryGroupMessages(groupId, page)),
        streamKey: (message) => hexKey(message.groupId),
        id: (message) => message.id,
        toWire: groupMessageToWire,
        onBacklogOverflow: new RpcError("ABORTED", "caller did not read all messages fast enough"),
      },
      sink,
    )
  },
}

export const subscribeWelcomeMessages: StreamRpc<
  MlsApiTypes.SubscribeWelcomeMessagesRequest,
  MlsApiTypes.WelcomeMessage
> = {
  kind: "stream",
  definition: methodDefinition(
    SERVICE,
    "SubscribeWelcomeMessages",
    mlsApi.SubscribeWelcomeMessagesRequest,
    mlsApi.WelcomeMessage,
    true,
  ),
  describe: (request) => `${request.filters.length} installation filter(s)`,
  async handle(request, sink, context) {
    sink.sendHeaders()
    if (request.filters.length === 0) throw invalidArgument("no valid filters provided")
    if (request.filters.some((filter) => filter.installationKey.length === 0)) {
      throw invalidArgument("a filter is nil or installation key is empty")
    }
    return replayThenFollow(
      {
        filters: request.filters.map((filter) => ({ topic: filter.installationKey, cursor: asInt64(filter.idCursor) })),
        bus: context.welcomeMessages,
        topicName: welcomeTopic,
        history: replayHistory((installationKey, page) => context.store.queryWelcomeMessages(installationKey, page)),
        streamKey: (welcome) => hexKey(welcome.installationKey),
        id: (welcome) => welcome.id,
        toWire: welcomeMessageToWire,
        // node-go ends a welcome stream whose client fell behind without an error.
        onBacklogOverflow: "end",
      },
      sink,
    )
  },
}
