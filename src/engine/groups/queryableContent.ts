// What a message row records about its content (libxmtp groups/mod.rs QueryableContentFields): the
// stored ContentType integer keyed by type id alone (any authority's "text" is text, CT-08), and
// the version and authority; bytes that are not EncodedContent are stored as Unknown (MSG-09).
import { decodeEncodedContent } from "../content/index"

/** libxmtp's ContentType integers (db/group_message.rs, MSG-10). */
const STORED_CONTENT_TYPES: Readonly<Record<string, number>> = {
  text: 1,
  group_membership_change: 2,
  group_updated: 3,
  reaction: 4,
  readReceipt: 5,
  reply: 6,
  attachment: 7,
  remoteStaticAttachment: 8,
  transactionReference: 9,
  walletSendCalls: 10,
  leave_request: 11,
  markdown: 12,
  actions: 13,
  intent: 14,
  multiRemoteStaticAttachment: 15,
  deleteMessage: 16,
}

export const UNKNOWN_STORED_CONTENT_TYPE = 0

export interface QueryableContentFields {
  contentType: number
  versionMajor: number
  versionMinor: number
  authorityId: string
}

export function queryableContentFields(bytes: Uint8Array): QueryableContentFields {
  try {
    const type = decodeEncodedContent(bytes).type
    if (type) {
      return {
        contentType: STORED_CONTENT_TYPES[type.typeId] ?? UNKNOWN_STORED_CONTENT_TYPE,
        versionMajor: type.versionMajor,
        versionMinor: type.versionMinor,
        authorityId: type.authorityId,
      }
    }
  } catch {
    // not EncodedContent: stored as Unknown
  }
  return { contentType: UNKNOWN_STORED_CONTENT_TYPE, versionMajor: 0, versionMinor: 0, authorityId: "" }
}
