// The group context extension list of a new XMTP group or DM, and the decoding of the four XMTP
// extensions out of any group's context.
// Reference: libxmtp node-bindings-1.10.0 crates/xmtp_mls/src/groups/mod.rs: insert (groups),
// create_dm_and_insert (DMs) and build_group_config, which orders the list as immutable metadata,
// mutable metadata, membership, permissions, RequiredCapabilities.
import { randomBytes } from "node:crypto"
import { defaultExtensionTypes, makeCustomExtension, type GroupContextExtension } from "ts-mls"
import { GROUP_REQUIRED_CAPABILITIES, XMTP_EXTENSION, extensionTypeName } from "../../mls/xmtpExtensions"
import { GroupExtensionError } from "./errors"
import { encodeGroupMembership, decodeGroupMembership, startingGroupMembership, type GroupMembership } from "./groupMembership"
import {
  decodeImmutableMetadataExtension,
  encodeImmutableMetadataExtension,
  newDmMetadata,
  newGroupMetadata,
  type GroupMetadata,
  type OneshotMessage,
} from "./immutableMetadata"
import {
  COMMIT_LOG_SIGNER_LENGTH,
  decodeGroupMutableMetadata,
  encodeGroupMutableMetadata,
  newDmMutableMetadata,
  newGroupMutableMetadata,
  type GroupMetadataOptions,
  type GroupMutableMetadata,
  type MessageDisappearingSettings,
} from "./mutableMetadata"
import { decodeGroupPermissions, encodeGroupPermissions, type PolicySet } from "./permissions"
import { defaultPolicySet, dmPolicySet } from "./policyPresets"

/** The four XMTP extensions of a group context, decoded. */
export interface XmtpGroupContext {
  metadata: GroupMetadata
  mutableMetadata: GroupMutableMetadata
  membership: GroupMembership
  policies: PolicySet
}

export interface NewGroupExtensionsParams {
  creatorInboxId: string
  /** Defaults to the "Default" preset, as create_group does without options. */
  policySet?: PolicySet
  options?: GroupMetadataOptions
  /** A group ("group"), the device-sync group ("sync"), or a oneshot conversation. */
  conversationType?: "group" | "sync" | "oneshot"
  oneshotMessage?: OneshotMessage
  /** The commit-log signing secret; 32 fresh random bytes when omitted, as libxmtp draws them. */
  commitLogSigner?: Uint8Array
}

export interface NewDmExtensionsParams {
  creatorInboxId: string
  peerInboxId: string
  messageDisappearingSettings?: MessageDisappearingSettings
  commitLogSigner?: Uint8Array
}

/** The context extensions libxmtp's create_group gives a new group, in its order. */
export function newGroupContextExtensions(params: NewGroupExtensionsParams): GroupContextExtension[] {
  const signer = params.commitLogSigner ?? freshCommitLogSigner()
  return contextExtensions({
    metadata: newGroupMetadata(params.creatorInboxId, params.conversationType, params.oneshotMessage),
    mutableMetadata: newGroupMutableMetadata(params.creatorInboxId, signer, params.options),
    membership: startingGroupMembership(params.creatorInboxId),
    policies: params.policySet ?? defaultPolicySet(),
  })
}

/** The context extensions libxmtp's create_dm gives a new DM, in its order. */
export function newDmContextExtensions(params: NewDmExtensionsParams): GroupContextExtension[] {
  const signer = params.commitLogSigner ?? freshCommitLogSigner()
  return contextExtensions({
    metadata: newDmMetadata(params.creatorInboxId, params.peerInboxId),
    mutableMetadata: newDmMutableMetadata(signer, params.messageDisappearingSettings),
    membership: startingGroupMembership(params.creatorInboxId),
    policies: dmPolicySet(),
  })
}

/** The four XMTP extensions plus RequiredCapabilities, as build_group_config lists them. */
export function contextExtensions(context: XmtpGroupContext): GroupContextExtension[] {
  return [
    makeCustomExtension({ extensionType: XMTP_EXTENSION.immutableMetadata, extensionData: encodeImmutableMetadataExtension(context.metadata) }),
    makeCustomExtension({ extensionType: XMTP_EXTENSION.mutableMetadata, extensionData: encodeGroupMutableMetadata(context.mutableMetadata) }),
    makeCustomExtension({ extensionType: XMTP_EXTENSION.groupMembership, extensionData: encodeGroupMembership(context.membership) }),
    makeCustomExtension({ extensionType: XMTP_EXTENSION.groupPermissions, extensionData: encodeGroupPermissions(context.policies) }),
    {
      extensionType: defaultExtensionTypes.required_capabilities,
      extensionData: {
        extensionTypes: [...GROUP_REQUIRED_CAPABILITIES.extensionTypes],
        proposalTypes: [...GROUP_REQUIRED_CAPABILITIES.proposalTypes],
        credentialTypes: [...GROUP_REQUIRED_CAPABILITIES.credentialTypes],
      },
    },
  ]
}

/** Decodes the four XMTP extensions of a group context; each must be present exactly once. */
export function readXmtpGroupContext(extensions: readonly GroupContextExtension[]): XmtpGroupContext {
  const dataOf = (type: number): Uint8Array => {
    const found = extensions.filter((e) => e.extensionType === type)
    if (found.length === 0) throw new GroupExtensionError("MissingExtension", `the group context has no ${extensionTypeName(type)} extension`)
    if (found.length > 1) throw new GroupExtensionError("DuplicateExtension", `the group context has ${extensionTypeName(type)} twice`)
    const data = found[0]!.extensionData
    // Custom extensions keep their bytes; ts-mls decodes only types 3 and 5 into structures.
    if (!(data instanceof Uint8Array)) throw new GroupExtensionError("MissingExtension", `${extensionTypeName(type)} is not an opaque extension`)
    return data
  }
  return {
    metadata: decodeImmutableMetadataExtension(dataOf(XMTP_EXTENSION.immutableMetadata)),
    mutableMetadata: decodeGroupMutableMetadata(dataOf(XMTP_EXTENSION.mutableMetadata)),
    membership: decodeGroupMembership(dataOf(XMTP_EXTENSION.groupMembership)),
    policies: decodeGroupPermissions(dataOf(XMTP_EXTENSION.groupPermissions)),
  }
}

function freshCommitLogSigner(): Uint8Array {
  return new Uint8Array(randomBytes(COMMIT_LOG_SIGNER_LENGTH))
}
