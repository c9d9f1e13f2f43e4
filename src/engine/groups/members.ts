// A group's members (libxmtp groups/members.rs): one entry per inbox of the membership extension
// (the 0 placeholder of a group never synced is skipped), with its installations and accounts as
// of the sequence id the group records, its role, and the user's consent for the inbox.
import type { ClientState } from "ts-mls"
import { ConsentEntityType } from "../storage/consent"
import type { GroupContext } from "./context"
import { readXmtpGroupContext } from "./extensions/index"
import { publicIdentifier } from "./publicIdentifier"
import { loadMissingUpdates } from "./validatedCommit"
import { PermissionLevel, type ConsentState, type GroupMember } from "./publicTypes"

export async function listMembers(ctx: GroupContext, state: ClientState): Promise<GroupMember[]> {
  const { membership, mutableMetadata } = readXmtpGroupContext(state.groupContext.extensions)
  const entries = [...membership.members].filter(([, sequenceId]) => sequenceId !== 0n)
  await loadMissingUpdates(ctx.resolver, membership.members, entries.map(([inboxId]) => inboxId))
  const members: GroupMember[] = []
  for (const [inboxId, sequenceId] of entries) {
    const identity = await ctx.resolver.stateAt(inboxId, sequenceId)
    members.push({
      inboxId,
      installationIds: identity.installationIds,
      accountIdentifiers: identity.accountIdentifiers.map(publicIdentifier),
      permissionLevel: mutableMetadata.superAdminList.includes(inboxId)
        ? PermissionLevel.SuperAdmin
        : mutableMetadata.adminList.includes(inboxId)
          ? PermissionLevel.Admin
          : PermissionLevel.Member,
      consentState: ctx.db.consent.get(ConsentEntityType.InboxId, inboxId) as ConsentState,
    })
  }
  return members
}
