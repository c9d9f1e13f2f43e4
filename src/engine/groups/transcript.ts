// Group-updated transcripts: the receiver (and the committer, when it reads its commit back) stores
// what a commit changed as a GroupUpdated message (xmtp.org/group_updated:1.0), as libxmtp's
// save_transcript_message does; a joiner stores an "added you" transcript for its welcome.
import { encodeEncodedContent, groupUpdatedCodec, type GroupUpdated } from "../content/index"
import { StoredDeliveryStatus, StoredMessageKind, type StoredMessage } from "../storage/messages"
import { nowNs } from "../storage/rows"
import { calculateMessageId } from "./messageId"
import { isEmptyCommit, type ValidatedCommit } from "./validatedCommitTypes"

const STORED_GROUP_UPDATED = 3

const inboxes = (ids: readonly string[]) => ids.map((inboxId) => ({ inboxId }))

/**
 * libxmtp's GroupUpdated from a ValidatedCommit: removed inboxes that had asked to leave are
 * reported as left, the others as removed (LEAVE-06).
 */
export function groupUpdatedOf(commit: ValidatedCommit, pendingRemovals: ReadonlySet<string>): GroupUpdated {
  const m = commit.metadata
  const removed = commit.removedInboxes.map((i) => i.inboxId)
  return {
    initiatedByInboxId: commit.actor.inboxId,
    addedInboxes: inboxes(commit.addedInboxes.map((i) => i.inboxId)),
    removedInboxes: inboxes(removed.filter((inboxId) => !pendingRemovals.has(inboxId))),
    metadataFieldChanges: m.fieldChanges.map((c) => ({ ...c })),
    leftInboxes: inboxes(removed.filter((inboxId) => pendingRemovals.has(inboxId))),
    addedAdminInboxes: inboxes(m.adminsAdded),
    removedAdminInboxes: inboxes(m.adminsRemoved),
    addedSuperAdminInboxes: inboxes(m.superAdminsAdded),
    removedSuperAdminInboxes: inboxes(m.superAdminsRemoved),
  }
}

function encodeGroupUpdated(payload: GroupUpdated): Uint8Array {
  return encodeEncodedContent(groupUpdatedCodec.encode(payload))
}

function transcriptMessage(params: {
  groupId: Uint8Array
  payload: GroupUpdated
  idempotencyKey: string
  sentAtNs: bigint
  sequenceId: bigint
  senderInboxId: string
  senderInstallationId: Uint8Array
}): StoredMessage {
  const bytes = encodeGroupUpdated(params.payload)
  return {
    id: calculateMessageId(params.groupId, bytes, params.idempotencyKey),
    groupId: params.groupId,
    decryptedMessageBytes: bytes,
    sentAtNs: params.sentAtNs,
    kind: StoredMessageKind.MembershipChange,
    senderInstallationId: params.senderInstallationId,
    senderInboxId: params.senderInboxId,
    deliveryStatus: StoredDeliveryStatus.Published,
    contentType: STORED_GROUP_UPDATED,
    versionMajor: groupUpdatedCodec.contentType.versionMajor,
    versionMinor: groupUpdatedCodec.contentType.versionMinor,
    authorityId: groupUpdatedCodec.contentType.authorityId,
    idempotencyKey: params.idempotencyKey,
    sequenceId: params.sequenceId,
    shouldPush: true,
    insertedAtNs: nowNs(),
  }
}

/** The transcript of a merged commit, or undefined when it changes nothing visible (INTENT-11). */
export function commitTranscript(
  groupId: Uint8Array,
  commit: ValidatedCommit,
  envelopeTimestampNs: bigint,
  cursor: bigint,
  pendingRemovals: ReadonlySet<string>,
): StoredMessage | undefined {
  if (isEmptyCommit(commit)) return undefined
  return transcriptMessage({
    groupId,
    payload: groupUpdatedOf(commit, pendingRemovals),
    // libxmtp keys a transcript's id by the envelope's timestamp.
    idempotencyKey: envelopeTimestampNs.toString(),
    sentAtNs: envelopeTimestampNs,
    sequenceId: cursor,
    senderInboxId: commit.actor.inboxId,
    senderInstallationId: commit.actor.installationId,
  })
}

/** The joiner's "added you" transcript (SYNC-04). */
export function welcomeTranscript(params: {
  groupId: Uint8Array
  ownInboxId: string
  addedByInboxId: string
  addedByInstallationId: Uint8Array
  welcomeCreatedNs: bigint
  commitCursor: bigint
}): StoredMessage {
  return transcriptMessage({
    groupId: params.groupId,
    payload: {
      initiatedByInboxId: params.addedByInboxId,
      addedInboxes: inboxes([params.ownInboxId]),
      removedInboxes: [],
      metadataFieldChanges: [],
      leftInboxes: [],
      addedAdminInboxes: [],
      removedAdminInboxes: [],
      addedSuperAdminInboxes: [],
      removedSuperAdminInboxes: [],
    },
    idempotencyKey: `${params.welcomeCreatedNs}_welcome_added`,
    sentAtNs: params.welcomeCreatedNs,
    sequenceId: params.commitCursor,
    senderInboxId: params.addedByInboxId,
    senderInstallationId: params.addedByInstallationId,
  })
}
