// Validated commits for the permission rules, built directly: no client API makes most of these cases.
import type { CommitParticipant, ValidatedCommit } from "../../../../src/engine/groups/validatedCommitTypes"

/** A member of no rank (unless `roles` says otherwise) acting in or proposing a commit. */
export const participant = (inboxId: string, roles: Partial<CommitParticipant> = {}): CommitParticipant => ({
  inboxId,
  installationId: new Uint8Array(32),
  isCreator: false,
  isAdmin: false,
  isSuperAdmin: false,
  ...roles,
})

/** A commit by `actor` that changes nothing but `changes`. */
export const commit = (actor: CommitParticipant, changes: Partial<ValidatedCommit> = {}): ValidatedCommit => ({
  actor,
  addedInboxes: [],
  removedInboxes: [],
  metadata: { fieldChanges: [], adminsAdded: [], adminsRemoved: [], superAdminsAdded: [], superAdminsRemoved: [], numSuperAdmins: 1 },
  installationsChanged: false,
  permissionsChanged: false,
  ...changes,
})
