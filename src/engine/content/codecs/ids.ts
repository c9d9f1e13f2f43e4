// The content type ids libxmtp 1.10 defines (crates/xmtp_content_types), in one place.
import { contentTypeId } from "../contentTypeId"

const XMTP = "xmtp.org"
const COINBASE = "coinbase.com"

export const CONTENT_TYPE_IDS = {
  text: contentTypeId(XMTP, "text", 1, 0),
  markdown: contentTypeId(XMTP, "markdown", 1, 0),
  reaction: contentTypeId(XMTP, "reaction", 2, 0),
  legacyReaction: contentTypeId(XMTP, "reaction", 1, 0),
  reply: contentTypeId(XMTP, "reply", 1, 0),
  readReceipt: contentTypeId(XMTP, "readReceipt", 1, 0),
  attachment: contentTypeId(XMTP, "attachment", 1, 0),
  remoteAttachment: contentTypeId(XMTP, "remoteStaticAttachment", 1, 0),
  multiRemoteAttachment: contentTypeId(XMTP, "multiRemoteStaticAttachment", 1, 0),
  transactionReference: contentTypeId(XMTP, "transactionReference", 1, 0),
  walletSendCalls: contentTypeId(XMTP, "walletSendCalls", 1, 0),
  groupUpdated: contentTypeId(XMTP, "group_updated", 1, 0),
  groupMembershipChange: contentTypeId(XMTP, "group_membership_change", 1, 0),
  leaveRequest: contentTypeId(XMTP, "leave_request", 1, 0),
  deleteMessage: contentTypeId(XMTP, "deleteMessage", 1, 0),
  /** Never sent: the placeholder enriched lists show in place of a deleted message. */
  deletedMessage: contentTypeId(XMTP, "deletedMessage", 1, 0),
  actions: contentTypeId(COINBASE, "actions", 1, 0),
  intent: contentTypeId(COINBASE, "intent", 1, 0),
} as const
