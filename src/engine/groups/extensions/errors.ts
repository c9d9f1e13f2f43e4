// Typed failures of the XMTP group context extensions (0xf000, 0xff00, 0xff01, 0xff02). The codes
// follow libxmtp's error variants (GroupMetadataError, GroupMutableMetadataError, PolicyError,
// GroupMutablePermissionsError in node-bindings-1.10.0) so a rejection can be traced to the rule
// libxmtp applies to the same bytes.

export type GroupExtensionErrorCode =
  /** Not valid protobuf (prost::DecodeError): truncated, bad wire type, field 0, nested too deep. */
  | "Malformed"
  /** A string field holds bytes that are not UTF-8 (prost refuses them too). */
  | "NotUtf8"
  /** The TLS `opaque<V>` around the immutable metadata is malformed. */
  | "MalformedTls"
  /** A field libxmtp requires is absent (admin lists, a policy, a DM member, `policies`). */
  | "MissingField"
  /** conversation_type is not 1-4 (libxmtp's ConversationType::try_from). */
  | "InvalidConversationType"
  /** A policy is unset, has an unknown base value, or an empty And/Any list. */
  | "InvalidPolicy"
  /** A permission option the chosen policy kind cannot hold (Allow for admin policies). */
  | "InvalidPermissionPolicyOption"
  /** The group context lacks one of the four XMTP extensions. */
  | "MissingExtension"
  /** The group context holds an XMTP extension twice. */
  | "DuplicateExtension"
  /** A value cannot be encoded (a sequence id outside u64). */
  | "InvalidValue"

export class GroupExtensionError extends Error {
  override readonly name = "GroupExtensionError"
  constructor(
    readonly code: GroupExtensionErrorCode,
    message: string,
  ) {
    super(message)
  }
}
