// Why the composer of a conversation the user is no longer in is disabled, from the group's own
// transcript: who removed them, or that they left.
import type { InboxId } from "../../../../shared/dto/identifiers"
import type { Message } from "../../../../shared/dto/message"

const CANNOT_SEND = "so you can't send messages here"

/** `messages` oldest first; the newest update that took the user out explains it. */
export function inactiveReason(messages: readonly Message[], ownInboxId: InboxId | null, name: (inboxId: InboxId) => string): string {
  for (let i = messages.length - 1; ownInboxId !== null && i >= 0; i--) {
    const content = messages[i]?.content
    if (content?.type !== "groupUpdated") continue
    const update = content.groupUpdated
    if (update.leftInboxIds.includes(ownInboxId)) return `You left this group, ${CANNOT_SEND}.`
    if (update.removedInboxIds.includes(ownInboxId)) {
      const by = name(update.initiatedByInboxId)
      return by === "You" ? `You removed yourself from this group, ${CANNOT_SEND}.` : `${by} removed you from this group, ${CANNOT_SEND}.`
    }
  }
  return `You are no longer a member of this group, ${CANNOT_SEND}.`
}
