// Membership changes by inbox id, as libxmtp makes them (groups/mls_sync.rs
// get_membership_update_intent when queued, mls_sync/update_group_membership.rs
// apply_update_group_membership_intent when published): the new membership extension names each
// inbox at its latest identity sequence id; the installations to add and remove follow from the
// inboxes' identity updates; the commit carries an Add per new installation, a Remove per removed
// leaf and a GroupContextExtensions proposal with the new membership.
import { bytesToHex } from "@noble/hashes/utils.js"
import { defaultProposalTypes, type ClientState, type KeyPackage, type Proposal } from "ts-mls"
import type { WelcomeRecipient } from "../mls/welcomeWrapper"
import type { GroupContext } from "./context"
import { groupContextExtensionsProposal, withMembership } from "./contextExtensionUpdates"
import { GroupError } from "./errors"
import { readXmtpGroupContext, type GroupMembership } from "./extensions/index"
import { fetchInstallationKeyPackages } from "./installationKeyPackages"
import type { MembershipIntentData } from "./intentData"
import { leafMembers } from "./leafMembers"
import { installationDiff, membershipDiff } from "./membershipDiff"

/** What the intent to add `toAdd` and remove `toRemove` (and bring every member up to date) is. */
export async function membershipUpdateIntent(
  ctx: GroupContext,
  state: ClientState,
  toAdd: readonly string[],
  toRemove: readonly string[],
): Promise<MembershipIntentData> {
  const existing = readXmtpGroupContext(state.groupContext.extensions).membership
  const inboxIds = [...new Set([...existing.members.keys(), ...toAdd])]
  await ctx.resolver.load(inboxIds)
  const latest = ctx.resolver.latestSequenceIds(inboxIds)
  const membershipUpdates = new Map<string, bigint>()
  for (const inboxId of inboxIds) {
    const latestSequenceId = latest.get(inboxId)
    if (latestSequenceId === undefined) {
      throw new GroupError("UnknownInbox", `Inbox ${inboxId} has no identity on the network; it cannot be added.`)
    }
    const current = existing.members.get(inboxId)
    if (current === undefined || latestSequenceId > current) membershipUpdates.set(inboxId, latestSequenceId)
  }
  const next = applyIntent(existing, { membershipUpdates, removedMembers: [...toRemove], failedInstallations: [] })
  const changes = await membershipChanges(ctx, existing, next)
  if (toAdd.length > 0 && changes.failed.length > 0 && changes.keyPackages.length === 0) {
    throw new GroupError("FailedToVerifyInstallations", "None of the installations of the inboxes to add has a valid key package.")
  }
  return { membershipUpdates, removedMembers: [...toRemove], failedInstallations: changes.failed }
}

export interface MembershipCommitPlan {
  proposals: Proposal[]
  recipients: WelcomeRecipient[]
}

/** The proposals of the membership commit for `data` against the group's current state, or undefined when nothing changes. */
export async function membershipCommitPlan(ctx: GroupContext, state: ClientState, data: MembershipIntentData): Promise<MembershipCommitPlan | undefined> {
  const extensions = state.groupContext.extensions
  const existing = readXmtpGroupContext(extensions).membership
  const next = applyIntent(existing, data)
  const diff = membershipDiff(existing, next)
  await ctx.resolver.load([...diff.addedInboxes, ...diff.updatedInboxes])
  const changes = await membershipChanges(ctx, existing, next)
  const removedLeaves = leafMembers(state.ratchetTree).filter((m) => changes.removed.has(bytesToHex(m.installationId)))
  if (removedLeaves.some((m) => m.leafIndex === state.privatePath.leafIndex)) return undefined
  if (removedLeaves.length === 0 && changes.keyPackages.length === 0 && diff.updatedInboxes.length === 0) return undefined
  const membership: GroupMembership = { members: next.members, failedInstallations: changes.failed }
  const proposals: Proposal[] = [
    ...changes.keyPackages.map((keyPackage): Proposal => ({ proposalType: defaultProposalTypes.add, add: { keyPackage } })),
    ...removedLeaves.map((m): Proposal => ({ proposalType: defaultProposalTypes.remove, remove: { removed: m.leafIndex } })),
    groupContextExtensionsProposal(withMembership(extensions, membership)),
  ]
  return { proposals, recipients: changes.recipients }
}

/** libxmtp's UpdateGroupMembershipIntentData::apply_to_group_membership. */
function applyIntent(membership: GroupMembership, data: MembershipIntentData): GroupMembership {
  const members = new Map(membership.members)
  for (const [inboxId, sequenceId] of data.membershipUpdates) members.set(inboxId, sequenceId)
  for (const inboxId of data.removedMembers) members.delete(inboxId)
  const failed = new Map([...membership.failedInstallations, ...data.failedInstallations].map((id) => [bytesToHex(id), id]))
  return { members, failedInstallations: [...failed.values()] }
}

interface MembershipChanges {
  keyPackages: KeyPackage[]
  recipients: WelcomeRecipient[]
  /** Installation ids (hex) to remove. */
  removed: Set<string>
  /** The failed installations the new membership records. */
  failed: Uint8Array[]
}

/** calculate_membership_changes_with_keypackages. */
async function membershipChanges(ctx: GroupContext, before: GroupMembership, after: GroupMembership): Promise<MembershipChanges> {
  const diff = membershipDiff(before, after)
  const installations = await installationDiff(ctx.resolver, before, after, diff)
  const expectedInbox = new Map<string, string>()
  for (const inboxId of [...diff.addedInboxes, ...diff.updatedInboxes]) {
    const state = await ctx.resolver.stateAt(inboxId, after.members.get(inboxId))
    for (const id of state.installationIds) if (installations.added.has(id)) expectedInbox.set(id, inboxId)
  }
  const fetched = await fetchInstallationKeyPackages(ctx, expectedInbox)
  const failed = new Map([...after.failedInstallations, ...fetched.failed].map((id) => [bytesToHex(id), id]))
  const removed = new Set(installations.removed)
  // A failed installation that is being revoked needs no removal and leaves the failed list.
  for (const id of [...failed.keys()]) {
    if (removed.has(id)) {
      failed.delete(id)
      removed.delete(id)
    }
  }
  return { keyPackages: fetched.keyPackages, recipients: fetched.recipients, removed, failed: [...failed.values()] }
}
