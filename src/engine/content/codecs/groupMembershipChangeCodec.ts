// xmtp.org/group_membership_change:1.0 (libxmtp 1.10 membership_change.rs): the protobuf
// GroupMembershipChanges transcript of early XMTP v3 clients, superseded by group_updated. libxmtp
// still defines the codec (its message lists show such content as Custom). No fallback, not pushed.
import { encodedContentOf, type ContentCodec } from "../codec"
import { contentTypeIdToString } from "../contentTypeId"
import { decodeGroupMembershipChangesMessage, encodeGroupMembershipChangesMessage, type GroupMembershipChanges } from "../proto/transcriptMessages"
import { CONTENT_TYPE_IDS } from "./ids"

export type { GroupMembershipChanges, MembershipChange } from "../proto/transcriptMessages"

const NAME = contentTypeIdToString(CONTENT_TYPE_IDS.groupMembershipChange)

export const groupMembershipChangeCodec: ContentCodec<GroupMembershipChanges> = {
  contentType: CONTENT_TYPE_IDS.groupMembershipChange,
  encode: (changes) => encodedContentOf(groupMembershipChangeCodec, changes, encodeGroupMembershipChangesMessage(changes)),
  decode: (encoded) => decodeGroupMembershipChangesMessage(encoded.content, NAME),
  fallback: () => undefined,
  shouldPush: () => false,
}
