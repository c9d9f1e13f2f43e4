// XMTP's validation of a commit, run by every receiver before it applies a commit and by the
// committer before it sends one (libxmtp groups/validated_commit.rs, ValidatedCommit::
// from_staged_commit, node-bindings-1.10.0):
// 1. an inbox's sequence id may only grow;
// 2. the installations added and removed must be exactly what the membership change implies
//    according to the inboxes' identity updates (new installations may be missing when their key
//    packages failed, and are then listed in failed_installations);
// 3. the committer (and any Update proposal's leaf) must be an installation of its inbox at the
//    sequence id the new membership records;
// 4. every proposal comes from a member; no PSK proposals;
// 5. metadata values respect the length limits;
// 6. the group's permission policies allow every change.
// Parley also refuses a change to the immutable metadata (0xf000: conversation type, creator, DM
// members). libxmtp 1.10 does not: from_staged_commit reads 0xf000 only from the current context,
// and the pinned OpenMLS declares ChangedImmutableMetadata but never raises it, so SDK 6.0.0 members
// apply such a commit (tests/interop/groups/malicious-member-sdk.test.ts shows it). A member who can
// rewrite the group's type or creator is a hole, so Parley keeps the check and accepts that a group
// whose malicious member does this forks between Parley and SDK members.
import { bytesToHex } from "@noble/hashes/utils.js"
import { type ClientState, type GroupContextExtension, type ProposalWithSender, type RatchetTree } from "ts-mls"
import { XMTP_EXTENSION } from "../mls/xmtpExtensions"
import { CommitValidationError } from "./errors"
import {
  policiesEqual,
  readXmtpGroupContext,
  type GroupMutableMetadata,
  type PolicySet,
  type XmtpGroupContext,
} from "./extensions/index"
import type { IdentityResolver } from "./identityResolver"
import { inboxIdOfLeaf, leafAt } from "./leafMembers"
import { installationDiff, membershipDiff } from "./membershipDiff"
import { exceededMetadataLimit, tooManyCharactersMessage } from "./metadataLimits"
import { commitRespectsPolicies } from "./permissions"
import type { CommitParticipant, InboxChange, MetadataChanges, MetadataFieldChange, ValidatedCommit } from "./validatedCommitTypes"
import { installationInState } from "./installationInState"

export interface CommitToValidate {
  /** The state the commit applies to. */
  before: ClientState
  /** The state it produces (for the committer's new leaf when the commit has a path). */
  after: ClientState
  committerLeafIndex: number | undefined
  /** Every proposal the commit covers, with its sender's leaf index. */
  proposals: readonly ProposalWithSender[]
}

export async function validateCommit(resolver: IdentityResolver, commit: CommitToValidate): Promise<ValidatedCommit> {
  const oldExtensions = commit.before.groupContext.extensions
  const oldContext = readContext(oldExtensions, "the group's current context")
  const gce = commit.proposals.map((p) => p.proposal).find((p) => "groupContextExtensions" in p)
  const newExtensions = gce && "groupContextExtensions" in gce ? gce.groupContextExtensions.extensions : oldExtensions
  const newContext = readContext(newExtensions, "the commit's new context")
  if (!sameExtensionData(oldExtensions, newExtensions, XMTP_EXTENSION.immutableMetadata)) {
    throw new CommitValidationError("ImmutableMetadataChanged", "The commit changes the group's immutable metadata.")
  }

  const metadata = sameExtensionData(oldExtensions, newExtensions, XMTP_EXTENSION.mutableMetadata)
    ? noMetadataChanges()
    : metadataChanges(oldContext.mutableMetadata, newContext.mutableMetadata)
  for (const change of metadata.fieldChanges) {
    const limit = change.newValue === undefined ? undefined : exceededMetadataLimit(change.fieldName, change.newValue)
    if (limit !== undefined) throw new CommitValidationError("TooManyCharacters", `${change.fieldName}: ${tooManyCharactersMessage(limit)} bytes.`)
  }
  const permissionsChanged = !sameExtensionData(oldExtensions, newExtensions, XMTP_EXTENSION.groupPermissions) && !samePolicies(oldContext.policies, newContext.policies)

  const tree = commit.before.ratchetTree
  const participantAt = (leafIndex: number | undefined, tr: RatchetTree = tree): CommitParticipant => {
    const leaf = leafIndex === undefined ? undefined : leafAt(tr, leafIndex)
    if (!leaf) throw new CommitValidationError("ActorNotMember", `Leaf ${leafIndex ?? "(none)"} is not a member of the group.`)
    return participant(credentialInbox(leaf), leaf.signaturePublicKey, oldContext)
  }

  // The committer: its leaf after the commit (a path may change it), else its current leaf.
  if (commit.committerLeafIndex === undefined) throw new CommitValidationError("ActorNotMember", "The commit was not sent by a member.")
  const committerBefore = participantAt(commit.committerLeafIndex)
  const actor = leafAt(commit.after.ratchetTree, commit.committerLeafIndex) ? participantAt(commit.committerLeafIndex, commit.after.ratchetTree) : committerBefore

  const addedInstallations = new Set<string>()
  const removedInstallations = new Set<string>()
  const credentialsToVerify: CommitParticipant[] = []
  const addProposers = new Map<string, CommitParticipant>()
  const removeProposers = new Map<string, CommitParticipant>()
  let gceProposer: CommitParticipant | undefined
  for (const { proposal, senderLeafIndex } of commit.proposals) {
    const proposer = participantAt(senderLeafIndex)
    if ("add" in proposal) {
      const leaf = proposal.add.keyPackage.leafNode
      addedInstallations.add(bytesToHex(leaf.signaturePublicKey))
      addProposers.set(credentialInbox(leaf), proposer)
    } else if ("remove" in proposal) {
      const leaf = leafAt(tree, proposal.remove.removed)
      if (!leaf) throw new CommitValidationError("SubjectDoesNotExist", `The commit removes leaf ${proposal.remove.removed}, which is empty.`)
      removedInstallations.add(bytesToHex(leaf.signaturePublicKey))
      removeProposers.set(credentialInbox(leaf), proposer)
    } else if ("update" in proposal) {
      credentialsToVerify.push(participant(credentialInbox(proposal.update.leafNode), proposal.update.leafNode.signaturePublicKey, oldContext))
    } else if ("groupContextExtensions" in proposal) {
      gceProposer = proposer
    } else if ("psk" in proposal) {
      throw new CommitValidationError("NoPSKSupport", "The commit carries a PreSharedKey proposal; XMTP groups do not use PSKs.")
    } else {
      throw new CommitValidationError("UnsupportedProposalType", `The commit carries a proposal of type ${proposal.proposalType}.`)
    }
  }

  // The membership change and the installations it implies.
  const oldMembership = oldContext.membership
  const newMembership = newContext.membership
  const diff = membershipDiff(oldMembership, newMembership)
  for (const inboxId of diff.updatedInboxes) {
    if (newMembership.members.get(inboxId)! < oldMembership.members.get(inboxId)!) {
      throw new CommitValidationError("SequenceIdDecreased", `The commit lowers inbox ${inboxId}'s sequence id.`)
    }
  }
  const inboxChange = (inboxId: string, proposer: CommitParticipant | undefined): InboxChange => ({
    ...roles(inboxId, oldContext),
    inboxId,
    ...(proposer ? { proposer } : {}),
  })
  const addedInboxes = diff.addedInboxes.map((inboxId) => inboxChange(inboxId, addProposers.get(inboxId) ?? gceProposer))
  const removedInboxes = diff.removedInboxes.map((inboxId) => inboxChange(inboxId, removeProposers.get(inboxId) ?? gceProposer))

  await loadMissingUpdates(resolver, newMembership.members, [...diff.addedInboxes, ...diff.updatedInboxes])
  const expected = await installationDiff(resolver, oldMembership, newMembership, diff)
  const failed = new Set(newMembership.failedInstallations.map(bytesToHex))
  const currentInstallations = new Set(leafInstallations(tree))
  const unexpectedAdds = [...addedInstallations].filter((id) => !expected.added.has(id) && !currentInstallations.has(id))
  if (unexpectedAdds.length > 0) {
    throw new CommitValidationError("UnexpectedInstallationAdded", `The commit adds installations its membership change does not imply: ${unexpectedAdds.join(", ")}.`)
  }
  const expectedRemovals = [...expected.removed].filter((id) => !failed.has(id))
  if (expectedRemovals.length !== removedInstallations.size || expectedRemovals.some((id) => !removedInstallations.has(id))) {
    const unexpected = [...removedInstallations].filter((id) => !expected.removed.has(id))
    throw new CommitValidationError(
      "UnexpectedInstallationsRemoved",
      `The commit's removals do not match its membership change${unexpected.length > 0 ? `: unexpected ${unexpected.join(", ")}` : ""}.`,
    )
  }

  credentialsToVerify.push(actor)
  for (const subject of credentialsToVerify) {
    const sequenceId = newMembership.members.get(subject.inboxId)
    if (sequenceId === undefined) throw new CommitValidationError("SubjectDoesNotExist", `Inbox ${subject.inboxId} is not in the new membership.`)
    if (!(await installationInState(resolver, subject.inboxId, sequenceId, subject.installationId))) {
      throw new CommitValidationError(
        "InboxValidationFailed",
        `Installation ${bytesToHex(subject.installationId)} is not an installation of inbox ${subject.inboxId} at sequence id ${sequenceId}.`,
      )
    }
  }

  const validated: ValidatedCommit = {
    actor,
    addedInboxes,
    removedInboxes,
    metadata,
    installationsChanged: addedInstallations.size > 0 || removedInstallations.size > 0,
    permissionsChanged,
    ...(oldContext.metadata.dmMembers ? { dmMembers: oldContext.metadata.dmMembers } : {}),
  }
  if (!commitRespectsPolicies(oldContext.policies, validated)) {
    throw new CommitValidationError("InsufficientPermissions", `Inbox ${actor.inboxId} is not allowed to make this change to the group.`)
  }
  return validated
}

/** Fetches identity updates for inboxes whose stored log does not reach the sequence id the group names. */
export async function loadMissingUpdates(resolver: IdentityResolver, members: ReadonlyMap<string, bigint>, inboxIds: readonly string[]): Promise<void> {
  const latest = resolver.latestSequenceIds(inboxIds)
  const needed = inboxIds.filter((inboxId) => (latest.get(inboxId) ?? -1n) < (members.get(inboxId) ?? 0n) || !latest.has(inboxId))
  await resolver.load(needed)
}

function readContext(extensions: readonly GroupContextExtension[], what: string): XmtpGroupContext {
  try {
    return readXmtpGroupContext(extensions)
  } catch (cause) {
    throw new CommitValidationError("InvalidExtensions", `${what} does not hold valid XMTP extensions: ${(cause as Error).message}`, { cause })
  }
}

function credentialInbox(leaf: Parameters<typeof inboxIdOfLeaf>[0]): string {
  try {
    return inboxIdOfLeaf(leaf)
  } catch (cause) {
    throw new CommitValidationError("InboxValidationFailed", "A leaf's credential is not an XMTP MlsCredential.", { cause })
  }
}

function roles(inboxId: string, context: XmtpGroupContext): Omit<InboxChange, "inboxId" | "proposer"> {
  return {
    isCreator: context.metadata.creatorInboxId === inboxId,
    isAdmin: context.mutableMetadata.adminList.includes(inboxId),
    isSuperAdmin: context.mutableMetadata.superAdminList.includes(inboxId),
  }
}

function participant(inboxId: string, installationId: Uint8Array, context: XmtpGroupContext): CommitParticipant {
  return { inboxId, installationId, ...roles(inboxId, context) }
}

function leafInstallations(tree: RatchetTree): string[] {
  const ids: string[] = []
  for (let leafIndex = 0; leafIndex * 2 < tree.length; leafIndex++) {
    const leaf = leafAt(tree, leafIndex)
    if (leaf) ids.push(bytesToHex(leaf.signaturePublicKey))
  }
  return ids
}

function extensionData(extensions: readonly GroupContextExtension[], type: number): Uint8Array | undefined {
  const data = extensions.find((e) => e.extensionType === type)?.extensionData
  return data instanceof Uint8Array ? data : undefined
}

function sameExtensionData(a: readonly GroupContextExtension[], b: readonly GroupContextExtension[], type: number): boolean {
  const x = extensionData(a, type)
  const y = extensionData(b, type)
  return x !== undefined && y !== undefined && x.length === y.length && x.every((byte, i) => byte === y[i])
}

function noMetadataChanges(): MetadataChanges {
  return { fieldChanges: [], adminsAdded: [], adminsRemoved: [], superAdminsAdded: [], superAdminsRemoved: [], numSuperAdmins: 0 }
}

function metadataChanges(before: GroupMutableMetadata, after: GroupMutableMetadata): MetadataChanges {
  const fieldChanges: MetadataFieldChange[] = []
  for (const fieldName of new Set([...before.attributes.keys(), ...after.attributes.keys()])) {
    const oldValue = before.attributes.get(fieldName)
    const newValue = after.attributes.get(fieldName)
    if (oldValue !== newValue) {
      fieldChanges.push({ fieldName, ...(oldValue === undefined ? {} : { oldValue }), ...(newValue === undefined ? {} : { newValue }) })
    }
  }
  const added = (a: readonly string[], b: readonly string[]) => b.filter((inboxId) => !a.includes(inboxId))
  return {
    fieldChanges,
    adminsAdded: added(before.adminList, after.adminList),
    adminsRemoved: added(after.adminList, before.adminList),
    superAdminsAdded: added(before.superAdminList, after.superAdminList),
    superAdminsRemoved: added(after.superAdminList, before.superAdminList),
    numSuperAdmins: after.superAdminList.length,
  }
}

/** libxmtp compares policy sets structurally, metadata policies as a map (order does not matter). */
function samePolicies(a: PolicySet, b: PolicySet): boolean {
  if (a.updateMetadataPolicy.size !== b.updateMetadataPolicy.size) return false
  for (const [field, policy] of a.updateMetadataPolicy) {
    const other = b.updateMetadataPolicy.get(field)
    if (!other || !policiesEqual(policy, other)) return false
  }
  return (
    policiesEqual(a.addMemberPolicy, b.addMemberPolicy) &&
    policiesEqual(a.removeMemberPolicy, b.removeMemberPolicy) &&
    policiesEqual(a.addAdminPolicy, b.addAdminPolicy) &&
    policiesEqual(a.removeAdminPolicy, b.removeAdminPolicy) &&
    policiesEqual(a.updatePermissionsPolicy, b.updatePermissionsPolicy)
  )
}
