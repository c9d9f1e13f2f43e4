// SendWelcomeMessages and QueryWelcomeMessages (node-go service.go and readStore.go). The node
// cannot read a welcome (it is wrapped to the recipient), so it checks only the envelope's shape.
import { mlsApi, wrapperEncryption, type MlsApiTypes } from "../../engine/proto/index"
import { invalidArgument, unknownError } from "../errors"
import { emptyCodec, methodDefinition, type Empty } from "../grpc/methods"
import type { NewWelcomeMessage } from "../store/nodeStore"
import { shortHex } from "../topics"
import type { UnaryRpc } from "./context"
import { storedWelcomeAlgorithm, storedWelcomePointerAlgorithm, welcomeMessageToWire } from "./envelopes"
import { pagedResponse, pageQueryFrom } from "./paging"

const SERVICE = "xmtp.mls.api.v1.MlsApi"
const SYMMETRIC_KEY = wrapperEncryption.WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_SYMMETRIC_KEY

/** node-go validateSendWelcomeMessagesRequest, then the conversion its store does. */
function welcomeToStore(input: MlsApiTypes.WelcomeMessageInput): NewWelcomeMessage {
  const { v1, welcomePointer } = input
  if (v1) {
    // A symmetric-key welcome is the pointee of a welcome pointer and has no HPKE key of its own.
    const missingKey = v1.hpkePublicKey.length === 0 && v1.wrapperAlgorithm !== SYMMETRIC_KEY
    if (v1.data.length === 0 || v1.installationKey.length === 0 || missingKey) throw invalidArgument("invalid welcome message")
    return {
      kind: "v1",
      installationKey: v1.installationKey,
      data: v1.data,
      hpkePublicKey: v1.hpkePublicKey,
      wrapperAlgorithm: storedWelcomeAlgorithm(v1.wrapperAlgorithm),
      welcomeMetadata: v1.welcomeMetadata,
    }
  }
  if (welcomePointer) {
    const { installationKey, welcomePointer: pointer, hpkePublicKey } = welcomePointer
    if (installationKey.length === 0 || pointer.length === 0 || hpkePublicKey.length === 0) {
      throw invalidArgument("invalid welcome pointer message")
    }
    return {
      kind: "pointer",
      installationKey,
      data: pointer,
      hpkePublicKey,
      wrapperAlgorithm: storedWelcomePointerAlgorithm(welcomePointer.wrapperAlgorithm),
      welcomeMetadata: new Uint8Array(),
    }
  }
  throw invalidArgument("invalid welcome message: missing version")
}

export const sendWelcomeMessages: UnaryRpc<MlsApiTypes.SendWelcomeMessagesRequest, Empty> = {
  kind: "unary",
  definition: methodDefinition(SERVICE, "SendWelcomeMessages", mlsApi.SendWelcomeMessagesRequest, emptyCodec),
  describe: (request) => `${request.messages.length} welcome(s)`,
  async handle(request, context) {
    if (request.messages.length === 0) throw invalidArgument("no welcome messages to send")
    await context.store.insertWelcomeMessages(request.messages.map(welcomeToStore))
    return {}
  },
}

export const queryWelcomeMessages: UnaryRpc<
  MlsApiTypes.QueryWelcomeMessagesRequest,
  MlsApiTypes.QueryWelcomeMessagesResponse
> = {
  kind: "unary",
  definition: methodDefinition(
    SERVICE,
    "QueryWelcomeMessages",
    mlsApi.QueryWelcomeMessagesRequest,
    mlsApi.QueryWelcomeMessagesResponse,
  ),
  describe: (request) => {
    const page = pageQueryFrom(request.pagingInfo)
    return `installation ${shortHex(request.installationKey)} ${page.direction} limit ${page.limit} cursor ${page.cursor}`
  },
  async handle(request, context) {
    if (request.installationKey.length === 0) throw unknownError("installation is required")
    const page = pageQueryFrom(request.pagingInfo)
    return pagedResponse(page, await context.store.queryWelcomeMessages(request.installationKey, page), welcomeMessageToWire)
  },
}
