// Whether a validated key package's leaf can join an XMTP group: the checks OpenMLS runs when a
// commit adds it (validate_leaf_node_capabilities, openmls/src/group/public_group/validation.rs,
// xmtp/openmls 42f1479) against the RequiredCapabilities every XMTP group carries
// (build_group_config, crates/xmtp_mls/src/groups/mod.rs). Key package validation itself does not
// look at capabilities beyond its own extensions, so a node accepts such a key package; only adding
// it to a group fails.
import type { KeyPackage } from "ts-mls"
import { KeyPackageError } from "./errors.js"
import { XMTP_CIPHERSUITE_ID } from "./ciphersuite.js"
import {
  DEFAULT_EXTENSION_TYPES,
  DEFAULT_PROPOSAL_TYPES,
  GROUP_REQUIRED_CAPABILITIES,
  MLS_EXTENSION,
  extensionTypeName as hex,
} from "./xmtpExtensions.js"

const MLS10 = 1

/** Throws KeyPackageError("MissingCapabilities") when an XMTP group could not add this leaf. */
export function assertJoinsXmtpGroups(keyPackage: KeyPackage): void {
  const { capabilities, extensions, credential } = keyPackage.leafNode
  const missing: string[] = []
  const hasExtension = (type: number): boolean => DEFAULT_EXTENSION_TYPES.has(type) || capabilities.extensions.includes(type)

  // LeafNode::validate_locally: the leaf's own extensions and credential type are advertised.
  for (const { extensionType } of extensions) {
    if (!hasExtension(extensionType)) missing.push(`leaf extension ${hex(extensionType)}`)
  }
  if (!capabilities.credentials.includes(credential.credentialType)) {
    missing.push(`its own credential type ${credential.credentialType}`)
  }
  // The group's ciphersuite and version.
  if (!capabilities.ciphersuites.includes(XMTP_CIPHERSUITE_ID)) missing.push(`ciphersuite ${XMTP_CIPHERSUITE_ID}`)
  if (!capabilities.versions.includes(MLS10)) missing.push("protocol version mls10")
  // Capabilities::supports_required_capabilities with XMTP's RequiredCapabilities.
  for (const type of GROUP_REQUIRED_CAPABILITIES.extensionTypes) {
    if (!hasExtension(type)) missing.push(`extension ${hex(type)}${type === MLS_EXTENSION.lastResort ? " (LastResort)" : ""}`)
  }
  for (const type of GROUP_REQUIRED_CAPABILITIES.proposalTypes) {
    if (!DEFAULT_PROPOSAL_TYPES.has(type) && !capabilities.proposals.includes(type)) missing.push(`proposal ${type}`)
  }
  for (const type of GROUP_REQUIRED_CAPABILITIES.credentialTypes) {
    if (!capabilities.credentials.includes(type)) missing.push(`credential type ${type}`)
  }
  if (missing.length > 0) {
    throw new KeyPackageError("MissingCapabilities", `the key package's leaf does not support ${missing.join(", ")}`)
  }
}
