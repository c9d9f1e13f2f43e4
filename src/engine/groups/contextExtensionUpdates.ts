// New group context extension lists for commits that change one XMTP extension (libxmtp
// groups/mod.rs build_extensions_for_*): the other extensions are carried over unchanged, and the
// proposal that installs the list.
import { defaultProposalTypes, makeCustomExtension, type GroupContextExtension, type Proposal } from "ts-mls"
import { XMTP_EXTENSION } from "../mls/xmtpExtensions"
import {
  encodeGroupMembership,
  encodeGroupMutableMetadata,
  encodeGroupPermissions,
  type GroupMembership,
  type GroupMutableMetadata,
  type PolicySet,
} from "./extensions/index"

/** OpenMLS Extensions::add_or_replace: replaced in place, or appended when absent. */
function addOrReplace(extensions: readonly GroupContextExtension[], extensionType: number, extensionData: Uint8Array): GroupContextExtension[] {
  const replacement = makeCustomExtension({ extensionType, extensionData })
  const index = extensions.findIndex((e) => e.extensionType === extensionType)
  return index < 0 ? [...extensions, replacement] : extensions.map((e, i) => (i === index ? replacement : e))
}

export function withMutableMetadata(extensions: readonly GroupContextExtension[], metadata: GroupMutableMetadata): GroupContextExtension[] {
  return addOrReplace(extensions, XMTP_EXTENSION.mutableMetadata, encodeGroupMutableMetadata(metadata))
}

export function withPolicies(extensions: readonly GroupContextExtension[], policies: PolicySet): GroupContextExtension[] {
  return addOrReplace(extensions, XMTP_EXTENSION.groupPermissions, encodeGroupPermissions(policies))
}

export function withMembership(extensions: readonly GroupContextExtension[], membership: GroupMembership): GroupContextExtension[] {
  return addOrReplace(extensions, XMTP_EXTENSION.groupMembership, encodeGroupMembership(membership))
}

export function groupContextExtensionsProposal(extensions: GroupContextExtension[]): Proposal {
  return { proposalType: defaultProposalTypes.group_context_extensions, groupContextExtensions: { extensions } }
}
