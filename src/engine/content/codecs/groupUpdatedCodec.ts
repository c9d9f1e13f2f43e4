// xmtp.org/group_updated:1.0 (libxmtp 1.10 group_updated.rs): a protobuf GroupUpdated transcript,
// which each receiver builds from a validated commit (it is not sent). No fallback, not pushed.
import { encodedContentOf, type ContentCodec } from "../codec"
import { contentTypeIdToString } from "../contentTypeId"
import { decodeGroupUpdatedMessage, encodeGroupUpdatedMessage, type GroupUpdated } from "../proto/transcriptMessages"
import { CONTENT_TYPE_IDS } from "./ids"

export type { GroupUpdated, Inbox, MetadataFieldChange } from "../proto/transcriptMessages"

const NAME = contentTypeIdToString(CONTENT_TYPE_IDS.groupUpdated)

export const groupUpdatedCodec: ContentCodec<GroupUpdated> = {
  contentType: CONTENT_TYPE_IDS.groupUpdated,
  encode: (update) => encodedContentOf(groupUpdatedCodec, update, encodeGroupUpdatedMessage(update)),
  decode: (encoded) => decodeGroupUpdatedMessage(encoded.content, NAME),
  fallback: () => undefined,
  shouldPush: () => false,
}
