// A group-updated transcript in plain words: "Alice added Bob", "Alice renamed the group “Trip”".
import type { InboxId } from "../../../shared/dto/identifiers"
import type { GroupUpdated } from "../../../shared/dto/messageContent"

type Namer = (inboxId: InboxId) => string

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
    case "message_disappear_from_ns":
    case "message_disappear_in_ns":
      return `${actor} changed disappearing messages`
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
