// A group-updated transcript in plain words: "Alice added Bob", "Alice renamed the group “Trip”",
// "Alice set messages to disappear after 1 day".
import type { InboxId } from "../../../shared/dto/identifiers"
import type { GroupUpdated } from "../../../shared/dto/messageContent"
import { lifetimeText } from "./disappearing"

type Namer = (inboxId: InboxId) => string

const NANOS = /^[0-9]{1,20}$/
const FROM_NS = "message_disappear_from_ns"
const IN_NS = "message_disappear_in_ns"

function isZero(value: string): boolean {
  return value === "" || /^0+$/.test(value)
}

function list(names: string[]): string {
  if (names.length <= 1) return names.join("")
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`
}

function fieldChange(actor: string, change: GroupUpdated["metadataFieldChanges"][number]): string {
  const value = change.newValue ?? ""
  switch (change.fieldName) {
    case "group_name":
      return value ? `${actor} renamed the group “${value}”` : `${actor} removed the group name`
    case "description":
      return value ? `${actor} changed the description to “${value}”` : `${actor} removed the description`
    case "group_image_url_square":
      return value ? `${actor} changed the group picture` : `${actor} removed the group picture`
    case FROM_NS:
      // Zero turns them off; another start time alone says little, and the lifetime line follows it.
      return isZero(value) ? `${actor} turned off disappearing messages` : `${actor} changed disappearing messages`
    case IN_NS:
      if (isZero(value)) return `${actor} turned off disappearing messages`
      return NANOS.test(value) ? `${actor} set messages to disappear after ${lifetimeText(BigInt(value))}` : `${actor} changed disappearing messages`
    case "app_data":
      return `${actor} updated the group's app data`
    default:
      return `${actor} changed the group settings`
  }
}

/** One sentence per change, in the order the transcript lists them. */
export function groupUpdateLines(update: GroupUpdated, subjectName: Namer): string[] {
  const actor = subjectName(update.initiatedByInboxId)
  // "Alice added you", but "You added Bob".
  const name: Namer = (inboxId) => {
    const label = subjectName(inboxId)
    return label === "You" ? "you" : label
  }
  const lines: string[] = []
  const added = update.addedInboxIds.map(name)
  if (added.length > 0) lines.push(`${actor} added ${list(added)}`)
  const removed = update.removedInboxIds.map(name)
  if (removed.length > 0) lines.push(`${actor} removed ${list(removed)}`)
  for (const left of update.leftInboxIds) lines.push(`${subjectName(left)} left the group`)
  for (const change of update.metadataFieldChanges) lines.push(fieldChange(actor, change))
  for (const id of update.addedAdminInboxIds) lines.push(`${actor} made ${name(id)} an admin`)
  for (const id of update.removedAdminInboxIds) lines.push(`${actor} removed ${name(id)} as admin`)
  for (const id of update.addedSuperAdminInboxIds) lines.push(`${actor} made ${name(id)} a super admin`)
  for (const id of update.removedSuperAdminInboxIds) lines.push(`${actor} removed ${name(id)} as super admin`)
  return lines.length > 0 ? lines : [`${actor} updated the group`]
}

/**
 * Changing disappearing messages takes two commits, the start time then the lifetime (libxmtp
 * DISAP-03), so two transcripts: the first is redundant when the same person's lifetime change
 * follows it, and the conversation shows one line for what was one choice.
 */
export function isDisappearingStartBefore(update: GroupUpdated, next: GroupUpdated | undefined): boolean {
  return (
    next !== undefined &&
    next.initiatedByInboxId === update.initiatedByInboxId &&
    update.metadataFieldChanges.length > 0 &&
    update.metadataFieldChanges.every((change) => change.fieldName === FROM_NS) &&
    onlyMetadata(update) &&
    next.metadataFieldChanges.some((change) => change.fieldName === IN_NS)
  )
}

function onlyMetadata(update: GroupUpdated): boolean {
  return [
    update.addedInboxIds,
    update.removedInboxIds,
    update.leftInboxIds,
    update.addedAdminInboxIds,
    update.removedAdminInboxIds,
    update.addedSuperAdminInboxIds,
    update.removedSuperAdminInboxIds,
  ].every((list) => list.length === 0)
}
