// XMTP's permission check of a validated commit (libxmtp groups/group_permissions.rs,
// PolicySet::evaluate_commit): membership changes are judged against each change's proposer,
// metadata and admin changes against the committer; super admins cannot be removed, only super
// admins change super admins or permissions, and the last super admin cannot be removed.
import { SUPER_ADMIN_METADATA_PREFIX, type Policy, type PolicySet } from "./extensions/index"
import type { CommitParticipant, InboxChange, MetadataFieldChange, ValidatedCommit } from "./validatedCommitTypes"

type AnyBase = "allow" | "deny" | "allowIfAdminOrSuperAdmin" | "allowIfSuperAdmin"

function evaluate(policy: Policy<AnyBase>, actor: CommitParticipant): boolean {
  switch (policy.type) {
    case "base":
      switch (policy.base) {
        case "allow":
          return true
        case "deny":
          return false
        case "allowIfAdminOrSuperAdmin":
          return actor.isAdmin || actor.isSuperAdmin
        case "allowIfSuperAdmin":
          return actor.isSuperAdmin
      }
      return false
    case "and":
      return policy.policies.every((p) => evaluate(p, actor))
    case "any":
      return policy.policies.some((p) => evaluate(p, actor))
  }
}

function membershipChangesAllowed(changes: readonly InboxChange[], policy: Policy<AnyBase>, committer: CommitParticipant): boolean {
  return changes.every((change) => evaluate(policy, change.proposer ?? committer))
}

function metadataChangesAllowed(changes: readonly MetadataFieldChange[], policies: PolicySet["updateMetadataPolicy"], actor: CommitParticipant): boolean {
  return changes.every((change) => {
    const policy = policies.get(change.fieldName)
    if (policy) return evaluate(policy, actor)
    // A field without a policy: super admins only for "_"-prefixed fields, otherwise admins.
    const fallback: Policy<AnyBase> = change.fieldName.startsWith(SUPER_ADMIN_METADATA_PREFIX)
      ? { type: "base", base: "allowIfSuperAdmin" }
      : { type: "base", base: "allowIfAdminOrSuperAdmin" }
    return evaluate(fallback, actor)
  })
}

/** Whether `commit` respects `policies`; the DM exception lets either DM member add the other. */
export function commitRespectsPolicies(policies: PolicySet, commit: ValidatedCommit): boolean {
  const actor = commit.actor
  let addsAllowed = membershipChangesAllowed(commit.addedInboxes, policies.addMemberPolicy, actor)
  if (commit.dmMembers && commit.addedInboxes.length === 1) {
    const added = commit.addedInboxes[0]!.inboxId
    const { memberOneInboxId, memberTwoInboxId } = commit.dmMembers
    if ((added === memberOneInboxId || added === memberTwoInboxId) && added !== actor.inboxId) addsAllowed = true
  }
  const removesAllowed =
    membershipChangesAllowed(commit.removedInboxes, policies.removeMemberPolicy, actor) && !commit.removedInboxes.some((inbox) => inbox.isSuperAdmin)
  const metadata = commit.metadata
  return (
    addsAllowed &&
    removesAllowed &&
    metadataChangesAllowed(metadata.fieldChanges, policies.updateMetadataPolicy, actor) &&
    (metadata.adminsAdded.length === 0 || evaluate(policies.addAdminPolicy, actor)) &&
    (metadata.adminsRemoved.length === 0 || evaluate(policies.removeAdminPolicy, actor)) &&
    (metadata.superAdminsAdded.length === 0 || actor.isSuperAdmin) &&
    (metadata.superAdminsRemoved.length === 0 || (actor.isSuperAdmin && metadata.numSuperAdmins > 0)) &&
    (!commit.permissionsChanged || actor.isSuperAdmin)
  )
}
