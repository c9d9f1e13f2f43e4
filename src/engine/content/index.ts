// XMTP content types, byte-compatible with libxmtp 1.10: codecs, the registry, remote attachments.
export type { ContentCodec } from "./codec"
export { contentTypeId, contentTypeIdToString, parseContentTypeId, sameContentType, type ContentTypeId } from "./contentTypeId"
export {
  AttachmentStoreError,
  ContentDecodeError,
  ContentEncodeError,
  RemoteAttachmentError,
  type AttachmentStoreErrorCode,
  type ContentDecodeErrorCode,
  type ContentEncodeErrorCode,
  type RemoteAttachmentErrorCode,
} from "./errors"
export {
  COMPRESSION_DEFLATE,
  COMPRESSION_GZIP,
  decodeEncodedContent,
  encodeEncodedContent,
  type EncodedContent,
} from "./proto/encodedContentMessage"
export { DECOMPRESSED_CONTENT_LIMIT_BYTES } from "./compression"
export { BUILT_IN_CODECS, CodecRegistry, contentOf, type DecodedContent } from "./registry"
export { CONTENT_TYPE_IDS } from "./codecs/ids"
export { textCodec } from "./codecs/textCodec"
export { markdownCodec } from "./codecs/markdownCodec"
export { reactionCodec, type Reaction, type ReactionAction, type ReactionSchema } from "./codecs/reactionCodec"
export { legacyReactionCodec } from "./codecs/legacyReactionCodec"
export { replyCodec, type Reply } from "./codecs/replyCodec"
export { readReceiptCodec, type ReadReceipt } from "./codecs/readReceiptCodec"
export { attachmentCodec, type Attachment } from "./codecs/attachmentCodec"
export { remoteAttachmentCodec, type RemoteAttachment } from "./codecs/remoteAttachmentCodec"
export { multiRemoteAttachmentCodec, type MultiRemoteAttachment } from "./codecs/multiRemoteAttachmentCodec"
export { transactionReferenceCodec, type TransactionMetadata, type TransactionReference } from "./codecs/transactionReferenceCodec"
export { walletSendCallsCodec, type WalletCall, type WalletSendCalls } from "./codecs/walletSendCallsCodec"
export { groupUpdatedCodec, type GroupUpdated, type Inbox, type MetadataFieldChange } from "./codecs/groupUpdatedCodec"
export { groupMembershipChangeCodec, type GroupMembershipChanges, type MembershipChange } from "./codecs/groupMembershipChangeCodec"
export { leaveRequestCodec, type LeaveRequest } from "./codecs/leaveRequestCodec"
export { deleteMessageCodec, type DeleteMessage } from "./codecs/deleteMessageCodec"
export { DELETED_MESSAGE_CONTENT_TYPE, type DeletedMessage } from "./codecs/deletedMessage"
export { actionsCodec, type Action, type Actions, type ActionStyle } from "./codecs/actionsCodec"
export { INTENT_METADATA_LIMIT_BYTES, intentCodec, type Intent } from "./codecs/intentCodec"
export type { JsonValue } from "./json/serdeJsonWrite"
export { decryptAttachment, encryptAttachment, type EncryptedAttachment } from "./attachments/attachmentCrypto"
export { DEFAULT_MAX_BLOB_BYTES, type AttachmentStore } from "./attachments/attachmentStore"
export { HttpAttachmentStore, type HttpAttachmentStoreOptions } from "./attachments/httpAttachmentStore"
export { INLINE_ATTACHMENT_LIMIT_BYTES, loadRemoteAttachment, prepareAttachment, type PreparedAttachment } from "./attachments/prepareAttachment"
