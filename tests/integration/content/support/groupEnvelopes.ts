// A group's messages as the node stores them, oldest first: the raw envelope (what the SDK's
// processStreamedMessage takes) and the flags the sender set, should_push among them.
import { mlsApi, type MlsApiTypes } from "../../../../src/engine/proto/index"
import { mlsMethod, RawXmtpClient } from "../../../interop/support/rawGrpc"

export interface StoredEnvelope {
  envelope: Uint8Array
  shouldPush: boolean
  isCommit: boolean
}

const PAGE = 100

export async function groupEnvelopes(nodeAddress: string, groupIdHex: string): Promise<StoredEnvelope[]> {
  const raw = new RawXmtpClient(nodeAddress)
  try {
    const found: StoredEnvelope[] = []
    let idCursor = 0
    for (;;) {
      const page: MlsApiTypes.QueryGroupMessagesResponse = await raw.unary(
        mlsMethod("QueryGroupMessages"),
        mlsApi.QueryGroupMessagesRequest,
        mlsApi.QueryGroupMessagesRequest.fromPartial({
          groupId: Buffer.from(groupIdHex, "hex"),
          pagingInfo: { direction: mlsApi.SortDirection.SORT_DIRECTION_ASCENDING, limit: PAGE, idCursor },
        }),
        mlsApi.QueryGroupMessagesResponse,
      )
      for (const message of page.messages) {
        found.push({
          envelope: mlsApi.GroupMessage.encode(message).finish(),
          shouldPush: message.v1?.shouldPush ?? false,
          isCommit: message.v1?.isCommit ?? false,
        })
        idCursor = Math.max(idCursor, message.v1?.id.toNumber() ?? 0)
      }
      if (page.messages.length < PAGE) return found
    }
  } finally {
    raw.close()
  }
}
