// Stitched DMs repeat each other's membership transcripts (libxmtp mls_sync.rs update_already_exists
// with xmtp_proto's GroupUpdateDeduper, DM-15): before a DM stores the transcript of a commit that
// adds inboxes, it is compared with the GroupUpdated messages of every DM with the same members.
// For each field the new update sets, the latest stored update that set that field must have set
// it to the same value; if every such field matches, the transcript is a repeat and is not stored.
import { decodeEncodedContent, groupUpdatedCodec, type GroupUpdated } from "../content/index"
import type { ClientDatabase } from "../storage/clientDatabase"
import { StoredContentType, type StoredMessage } from "../storage/messages"
import { conversationGroupIds } from "./messageQueryOptions"

/** The fields libxmtp's deduper compares (everything but initiated_by). */
const COMPARED_FIELDS = [
  "addedInboxes",
  "removedInboxes",
  "metadataFieldChanges",
  "leftInboxes",
  "addedAdminInboxes",
  "removedAdminInboxes",
  "addedSuperAdminInboxes",
  "removedSuperAdminInboxes",
] as const satisfies ReadonlyArray<keyof GroupUpdated>

type LatestValues = Partial<Record<(typeof COMPARED_FIELDS)[number], string>>

/** True when `transcript` (a GroupUpdated about to be stored in this group) repeats what the group's stitched DMs already record. */
export function isRepeatedDmTranscript(db: ClientDatabase, groupId: Uint8Array, transcript: StoredMessage): boolean {
  if (!db.groups.find(groupId)?.dmId) return false
  const update = groupUpdatedOf(transcript)
  if (!update || update.addedInboxes.length === 0) return false
  const latest: LatestValues = {}
  const stored = db.messages.list(conversationGroupIds(db, groupId), { contentTypes: [StoredContentType.GroupUpdated] })
  for (const message of stored) {
    const earlier = groupUpdatedOf(message)
    if (earlier) Object.assign(latest, fieldValues(earlier))
  }
  return Object.entries(fieldValues(update)).every(([field, value]) => latest[field as keyof LatestValues] === value)
}

/** The transcript, or undefined when the group's stitched DMs already record it. */
export function unlessRepeatedInDm(db: ClientDatabase, groupId: Uint8Array, transcript: StoredMessage | undefined): StoredMessage | undefined {
  return transcript && isRepeatedDmTranscript(db, groupId, transcript) ? undefined : transcript
}

/** The non-empty fields of an update, each in a form that compares by value and order (as libxmtp hashes them). */
function fieldValues(update: GroupUpdated): LatestValues {
  const values: LatestValues = {}
  for (const field of COMPARED_FIELDS) {
    const entries = update[field]
    if (entries.length === 0) continue
    values[field] = JSON.stringify(
      entries.map((entry) => ("inboxId" in entry ? [entry.inboxId] : [entry.fieldName, entry.oldValue ?? null, entry.newValue ?? null])),
    )
  }
  return values
}

function groupUpdatedOf(message: StoredMessage): GroupUpdated | undefined {
  try {
    return groupUpdatedCodec.decode(decodeEncodedContent(message.decryptedMessageBytes))
  } catch {
    return undefined
  }
}
