// How a group's membership extension (inbox id -> identity sequence id) changes, and which
// installations that change should add and remove (libxmtp group_membership.rs diff and
// identity_updates.rs get_installation_diff). Installation ids are compared as lowercase hex.
import { bytesToHex } from "@noble/hashes/utils.js"
import type { GroupMembership } from "./extensions/index"
import type { IdentityResolver } from "./identityResolver"

export interface MembershipDiff {
  addedInboxes: string[]
  removedInboxes: string[]
  /** Inboxes in both whose sequence id changed. */
  updatedInboxes: string[]
}

export interface InstallationDiff {
  added: Set<string>
  removed: Set<string>
}

export function membershipDiff(oldMembership: GroupMembership, newMembership: GroupMembership): MembershipDiff {
  const removedInboxes: string[] = []
  const updatedInboxes: string[] = []
  for (const [inboxId, sequenceId] of oldMembership.members) {
    const next = newMembership.members.get(inboxId)
    if (next === undefined) removedInboxes.push(inboxId)
    else if (next !== sequenceId) updatedInboxes.push(inboxId)
  }
  const addedInboxes = [...newMembership.members.keys()].filter((inboxId) => !oldMembership.members.has(inboxId))
  return { addedInboxes, removedInboxes, updatedInboxes }
}

/**
 * For added and updated inboxes, the installations their logs gained and lost between the old and
 * the new sequence id (from the start when the old one is absent or the 0 placeholder); for
 * removed inboxes, every installation they had at their old sequence id. The resolver's store must
 * already hold the updates (IdentityResolver.load).
 */
export async function installationDiff(
  resolver: IdentityResolver,
  oldMembership: GroupMembership,
  newMembership: GroupMembership,
  diff: MembershipDiff,
): Promise<InstallationDiff> {
  const added = new Set<string>()
  const removed = new Set<string>()
  for (const inboxId of [...diff.addedInboxes, ...diff.updatedInboxes]) {
    const from = oldMembership.members.get(inboxId)
    const to = newMembership.members.get(inboxId)!
    const delta = await resolver.installationDelta(inboxId, from === undefined || from === 0n ? undefined : from, to)
    for (const key of delta.added) added.add(bytesToHex(key))
    for (const key of delta.removed) removed.add(bytesToHex(key))
  }
  for (const inboxId of diff.removedInboxes) {
    const sequenceId = oldMembership.members.get(inboxId)!
    const state = await resolver.stateAt(inboxId, sequenceId === 0n ? undefined : sequenceId)
    for (const key of state.installationKeys) removed.add(bytesToHex(key))
  }
  return { added, removed }
}
