// What a validated commit changes (libxmtp groups/validated_commit.rs ValidatedCommit), and its
// serialised form, kept with a published commit so the transcript can be written when the commit
// is read back.
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js"
import type { DmMembers } from "./extensions/index"

export interface CommitParticipant {
  inboxId: string
  installationId: Uint8Array
  isCreator: boolean
  isAdmin: boolean
  isSuperAdmin: boolean
}

export interface InboxChange {
  inboxId: string
  isCreator: boolean
  isAdmin: boolean
  isSuperAdmin: boolean
  /** Who proposed the change, when a proposal names it; otherwise the committer is judged. */
  proposer?: CommitParticipant
}

export interface MetadataFieldChange {
  fieldName: string
  oldValue?: string
  newValue?: string
}

export interface MetadataChanges {
  fieldChanges: MetadataFieldChange[]
  adminsAdded: string[]
  adminsRemoved: string[]
  superAdminsAdded: string[]
  superAdminsRemoved: string[]
  numSuperAdmins: number
}

export interface ValidatedCommit {
  actor: CommitParticipant
  addedInboxes: InboxChange[]
  removedInboxes: InboxChange[]
  metadata: MetadataChanges
  installationsChanged: boolean
  permissionsChanged: boolean
  dmMembers?: DmMembers
}

/** libxmtp's ValidatedCommit::is_empty: nothing a transcript would show. */
export function isEmptyCommit(commit: ValidatedCommit): boolean {
  const m = commit.metadata
  return (
    commit.addedInboxes.length === 0 &&
    commit.removedInboxes.length === 0 &&
    m.fieldChanges.length === 0 &&
    m.adminsAdded.length === 0 &&
    m.adminsRemoved.length === 0 &&
    m.superAdminsAdded.length === 0 &&
    m.superAdminsRemoved.length === 0
  )
}

export function encodeValidatedCommit(commit: ValidatedCommit): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify(commit, (_key, value: unknown) => (value instanceof Uint8Array ? { hex: bytesToHex(value) } : value)),
  )
}

export function decodeValidatedCommit(bytes: Uint8Array): ValidatedCommit {
  return JSON.parse(new TextDecoder().decode(bytes), (_key, value: unknown) =>
    value !== null && typeof value === "object" && "hex" in value && typeof value.hex === "string" && Object.keys(value).length === 1
      ? hexToBytes(value.hex)
      : value,
  ) as ValidatedCommit
}
