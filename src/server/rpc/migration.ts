// xmtp.migration.api.v1.D14nMigrationApi/FetchD14nCutover. @xmtp/proto 3.89 has no codec for it;
// the response is one uint64 (`timestamp_ns = 1`), encoded here by hand.
import { methodDefinition, emptyCodec, type Empty, type MessageCodec } from "../grpc/methods"
import { encodeUint64Message } from "../grpc/wire"
import { NO_D14N_CUTOVER_NS } from "../limits"
import type { UnaryRpc } from "./context"

export interface FetchD14nCutoverResponse {
  timestampNs: bigint
}

const cutoverResponseCodec: MessageCodec<FetchD14nCutoverResponse> = {
  encode: (message) => ({ finish: () => encodeUint64Message(1, message.timestampNs) }),
  decode: () => {
    throw new Error("the node never reads a FetchD14nCutoverResponse")
  },
}

/** This node never hands its clients over to the decentralised network. */
export const fetchD14nCutover: UnaryRpc<Empty, FetchD14nCutoverResponse> = {
  kind: "unary",
  definition: methodDefinition("xmtp.migration.api.v1.D14nMigrationApi", "FetchD14nCutover", emptyCodec, cutoverResponseCodec),
  describe: () => "",
  handle: async () => ({ timestampNs: NO_D14N_CUTOVER_NS }),
}
