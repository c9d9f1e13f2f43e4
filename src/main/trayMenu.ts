// The tray menu as data: what it lists for the current unread state, and the action each entry
// takes. The Electron adapter (trayElectron.ts) turns it into a Menu; this file decides everything.
import type { NavigationTarget } from "../shared/dto/navigation"
import type { ConversationActivity } from "./unreadConversations"
import { BADGE_CAP, computeUnreadBadge } from "./unreadBadge"

/** Conversations with unread messages the menu lists; the rest are summed up in one line. */
export const TRAY_RECENT_LIMIT = 5
/** Longest conversation name in the menu, in characters, before "…". */
export const TRAY_TITLE_LENGTH = 40

export type TrayAction = { kind: "open" } | { kind: "navigate"; target: NavigationTarget } | { kind: "quit" }

export type TrayMenuItem =
  | { type: "action"; label: string; action: TrayAction }
  /** A line that says something and does nothing (shown disabled). */
  | { type: "info"; label: string }
  | { type: "separator" }

export function trayMenuModel(conversations: readonly ConversationActivity[], mutedConversationIds: readonly string[]): TrayMenuItem[] {
  const muted = new Set(mutedConversationIds)
  const badge = computeUnreadBadge(conversations, muted)
  // The same conversations the badge counts: allowed, unmuted, with something unread.
  const unread = conversations
    .filter((conversation) => conversation.consentState === "allowed" && !muted.has(conversation.conversationId) && conversation.unreadCount > 0)
    .sort((a, b) => (a.lastActivityNs === b.lastActivityNs ? 0 : a.lastActivityNs > b.lastActivityNs ? -1 : 1))
  const items: TrayMenuItem[] = [{ type: "action", label: "Open Parley", action: { kind: "open" } }, { type: "separator" }]
  items.push({ type: "info", label: unreadLine(badge.total) })
  for (const conversation of unread.slice(0, TRAY_RECENT_LIMIT)) {
    items.push({
      type: "action",
      label: `${shorten(conversation.title)} (${countText(conversation.unreadCount)})`,
      action: { kind: "navigate", target: { route: "conversation", conversationId: conversation.conversationId } },
    })
  }
  const more = unread.length - TRAY_RECENT_LIMIT
  if (more > 0) items.push({ type: "info", label: more === 1 ? "1 more conversation" : `${more} more conversations` })
  items.push(
    { type: "separator" },
    { type: "action", label: "New message…", action: { kind: "navigate", target: { route: "newMessage" } } },
    { type: "separator" },
    { type: "action", label: "Quit Parley", action: { kind: "quit" } },
  )
  return items
}

/**
 * Electron reads `&` in a menu label as the mark of a keyboard mnemonic on Windows and Linux; a
 * group called "Tom & Jerry" must come out as written.
 */
export function menuLabel(label: string, platform: NodeJS.Platform): string {
  return platform === "darwin" ? label : label.replaceAll("&", "&&")
}

function unreadLine(total: number): string {
  if (total === 0) return "No unread messages"
  return total === 1 ? "1 unread message" : `${countText(total)} unread messages`
}

function countText(count: number): string {
  return count > BADGE_CAP ? `${BADGE_CAP}+` : String(count)
}

function shorten(title: string): string {
  const oneLine = title.replace(/\s+/gu, " ").trim()
  const characters = [...oneLine]
  return characters.length <= TRAY_TITLE_LENGTH ? oneLine : `${characters.slice(0, TRAY_TITLE_LENGTH - 1).join("").trimEnd()}…`
}
