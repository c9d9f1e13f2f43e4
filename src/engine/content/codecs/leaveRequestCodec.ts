// xmtp.org/leave_request:1.0 (libxmtp 1.10 leave_request.rs): a member asks to be removed
// (Group.leaveGroup); admins' clients then remove it. Protobuf LeaveRequest, no fallback, not pushed.
import { encodedContentOf, type ContentCodec } from "../codec"
import { contentTypeIdToString } from "../contentTypeId"
import { decodeLeaveRequestMessage, encodeLeaveRequestMessage, type LeaveRequest } from "../proto/contentTypeMessages"
import { CONTENT_TYPE_IDS } from "./ids"

export type { LeaveRequest } from "../proto/contentTypeMessages"

const NAME = contentTypeIdToString(CONTENT_TYPE_IDS.leaveRequest)

export const leaveRequestCodec: ContentCodec<LeaveRequest> = {
  contentType: CONTENT_TYPE_IDS.leaveRequest,
  encode: (request) => encodedContentOf(leaveRequestCodec, request, encodeLeaveRequestMessage(request)),
  decode: (encoded) => decodeLeaveRequestMessage(encoded.content, NAME),
  fallback: () => undefined,
  shouldPush: () => false,
}
