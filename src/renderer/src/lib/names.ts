// How people and conversations are named on screen. XMTP has no display names: an inbox is shown by
// its account address (short form), or by its inbox id until the address is known.
import type { ConversationSummary } from "../../../shared/dto/conversation"
import type { InboxId } from "../../../shared/dto/identifiers"
import { inboxDisplayName, shortHex } from "../../../shared/displayNames"

export { shortHex }

export function inboxLabel(inboxId: InboxId, addresses: Record<InboxId, string>, ownInboxId: InboxId | null): string {
  if (inboxId === ownInboxId) return "You"
  return inboxDisplayName(inboxId, addresses[inboxId])
}

export function conversationTitle(conversation: ConversationSummary, addresses: Record<InboxId, string>): string {
  if (conversation.kind === "dm") return inboxLabel(conversation.peerInboxId, addresses, null)
  return conversation.name.trim() || "Unnamed group"
}

/** Two letters for an avatar: a name's initials, or an address's first hex digits. */
export function initials(label: string): string {
  const text = label.trim()
  if (/^0x[0-9a-f]/i.test(text)) return text.slice(2, 4).toUpperCase()
  if (text.startsWith("Inbox ")) return text.slice(6, 8).toUpperCase()
  const words = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word))
  const letters = words.length >= 2 ? [words[0], words[1]] : [words[0]]
  return (
    letters
      .map((word) => [...(word ?? "")].find((char) => /[\p{L}\p{N}]/u.test(char)) ?? "")
      .join("")
      .toUpperCase() || "?"
  )
}

const AVATAR_HUES = [210, 262, 330, 12, 36, 150, 180, 290]

/** A stable hue for a conversation or inbox id, so the same thing always has the same colour. */
export function avatarHue(id: string): number {
  let hash = 0
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0
  return AVATAR_HUES[hash % AVATAR_HUES.length] ?? 210
}
