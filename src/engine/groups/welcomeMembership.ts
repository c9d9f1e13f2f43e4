// A welcome's ratchet tree must hold exactly the installations its membership extension implies
// (libxmtp groups/welcomes/validated_membership.rs check_initial_membership): every leaf's
// installation belongs to the inbox its credential claims at the recorded sequence id, and every
// installation of every member inbox is in the tree unless listed as failed.
import { bytesToHex } from "@noble/hashes/utils.js"
import type { ClientState } from "ts-mls"
import type { GroupContext } from "./context"
import { GroupError } from "./errors"
import type { GroupMembership } from "./extensions/index"
import { isIdentityFailure } from "./installationInState"
import { leafMembers } from "./leafMembers"
import { loadMissingUpdates } from "./validatedCommit"

export async function checkInitialMembership(ctx: GroupContext, state: ClientState, membership: GroupMembership): Promise<void> {
  const invalid = (reason: string) => new GroupError("InvalidGroupMembership", `The welcome's members do not match its membership: ${reason}.`)
  await loadMissingUpdates(ctx.resolver, membership.members, [...membership.members.keys()])
  const expected = new Map<string, Set<string>>()
  for (const [inboxId, sequenceId] of membership.members) {
    try {
      const state = await ctx.resolver.stateAt(inboxId, sequenceId === 0n ? undefined : sequenceId)
      expected.set(inboxId, new Set(state.installationIds))
    } catch (error) {
      if (isIdentityFailure(error)) throw invalid(`inbox ${inboxId} cannot be resolved (${(error as Error).message})`)
      throw error
    }
  }
  let members
  try {
    members = leafMembers(state.ratchetTree)
  } catch {
    throw invalid("a leaf's credential is not an XMTP credential")
  }
  for (const member of members) {
    const installations = expected.get(member.inboxId)
    const id = bytesToHex(member.installationId)
    if (!installations) throw invalid(`inbox ${member.inboxId} is in the tree but not in the membership`)
    if (!installations.delete(id)) throw invalid(`installation ${id} is not an installation of inbox ${member.inboxId}`)
  }
  const failed = new Set(membership.failedInstallations.map(bytesToHex))
  for (const installations of expected.values()) {
    for (const id of installations) if (!failed.has(id)) throw invalid(`installation ${id} is missing from the tree`)
  }
}
