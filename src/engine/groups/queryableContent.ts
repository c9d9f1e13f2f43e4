// What a message row records about its content (libxmtp groups/mod.rs QueryableContentFields): the
// stored ContentType integer keyed by type id alone (any authority's "text" is text, CT-08), the
// version and authority, and the message it references (reactions, replies, deletes); bytes that
// are not EncodedContent are stored as Unknown (MSG-09).
import { decodeEncodedContent } from "../content/index"
import { referencedMessageId } from "../content/enrichmentReferences"
import { StoredContentType } from "../storage/messages"

const STORED_CONTENT_TYPES: Readonly<Record<string, StoredContentType>> = {
  text: StoredContentType.Text,
  group_membership_change: StoredContentType.GroupMembershipChange,
  group_updated: StoredContentType.GroupUpdated,
  reaction: StoredContentType.Reaction,
  readReceipt: StoredContentType.ReadReceipt,
  reply: StoredContentType.Reply,
  attachment: StoredContentType.Attachment,
  remoteStaticAttachment: StoredContentType.RemoteAttachment,
  transactionReference: StoredContentType.TransactionReference,
  walletSendCalls: StoredContentType.WalletSendCalls,
  leave_request: StoredContentType.LeaveRequest,
  markdown: StoredContentType.Markdown,
  actions: StoredContentType.Actions,
  intent: StoredContentType.Intent,
  multiRemoteStaticAttachment: StoredContentType.MultiRemoteAttachment,
  deleteMessage: StoredContentType.DeleteMessage,
}

export const UNKNOWN_STORED_CONTENT_TYPE = StoredContentType.Unknown

export interface QueryableContentFields {
  contentType: number
  versionMajor: number
  versionMinor: number
  authorityId: string
  referenceId?: Uint8Array
}

export function queryableContentFields(bytes: Uint8Array): QueryableContentFields {
  try {
    const encoded = decodeEncodedContent(bytes)
    const type = encoded.type
    if (type) {
      const referenceId = referencedMessageId(encoded)
      return {
        contentType: STORED_CONTENT_TYPES[type.typeId] ?? UNKNOWN_STORED_CONTENT_TYPE,
        versionMajor: type.versionMajor,
        versionMinor: type.versionMinor,
        authorityId: type.authorityId,
        ...(referenceId === undefined ? {} : { referenceId }),
      }
    }
  } catch {
    // not EncodedContent: stored as Unknown
  }
  return { contentType: UNKNOWN_STORED_CONTENT_TYPE, versionMajor: 0, versionMinor: 0, authorityId: "" }
}
