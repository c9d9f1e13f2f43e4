// The unread badge: totals the unread counts of allowed, unmuted conversations, and a thin adapter
// puts the result on the dock/taskbar badge and the tray.
import type { App, Dock, Tray } from "electron"
import type { ConsentState } from "../shared/dto/consent"

/** Badges show at most this number; more reads "99+". */
export const BADGE_CAP = 99

export interface ConversationUnread {
  conversationId: string
  consentState: ConsentState
  unreadCount: number
}

export interface UnreadBadge {
  /** Unread messages in allowed, unmuted conversations. */
  total: number
  /** "" for none, the number up to BADGE_CAP, then "99+". */
  text: string
  tooltip: string
}

export function computeUnreadBadge(conversations: Iterable<ConversationUnread>, mutedConversationIds: Iterable<string> = []): UnreadBadge {
  const muted = new Set(mutedConversationIds)
  let total = 0
  let conversationCount = 0
  for (const conversation of conversations) {
    // Requests and denied conversations are not the user's conversations yet; they never count.
    if (conversation.consentState !== "allowed" || muted.has(conversation.conversationId)) continue
    const count = Number.isSafeInteger(conversation.unreadCount) && conversation.unreadCount > 0 ? conversation.unreadCount : 0
    total += count
    if (count > 0) conversationCount++
  }
  return { total, text: badgeText(total), tooltip: tooltip(total, conversationCount) }
}

export function badgeText(total: number): string {
  if (total <= 0) return ""
  return total > BADGE_CAP ? `${BADGE_CAP}+` : String(total)
}

function tooltip(total: number, conversationCount: number): string {
  if (total === 0) return "Parley"
  const messages = total === 1 ? "1 unread message" : `${total} unread messages`
  return conversationCount > 1 ? `Parley: ${messages} in ${conversationCount} conversations` : `Parley: ${messages}`
}

/** Where the badge shows: the app (taskbar/launcher count), the macOS dock, the tray icon. */
export interface BadgeSurfaces {
  app: Pick<App, "setBadgeCount">
  dock?: Pick<Dock, "setBadge">
  tray?: Pick<Tray, "setToolTip" | "setTitle">
  /** Images that show the badge: the tray icon's unread dot, the Windows taskbar overlay. */
  images?: { showBadge(badge: UnreadBadge): void }
}

export function applyUnreadBadge(badge: UnreadBadge, surfaces: BadgeSurfaces): void {
  surfaces.app.setBadgeCount(badge.total)
  // The dock shows text, so it can carry the "99+" cap; setBadgeCount alone would show the full number.
  surfaces.dock?.setBadge(badge.text)
  surfaces.tray?.setToolTip(badge.tooltip)
  surfaces.tray?.setTitle(badge.text)
  surfaces.images?.showBadge(badge)
}

/** Keeps the per-conversation counts main learns about and re-applies the badge when they change. */
export class UnreadBadgeTracker {
  readonly #unread = new Map<string, ConversationUnread>()
  #muted: readonly string[] = []
  #applied: UnreadBadge | undefined

  constructor(private readonly surfaces: BadgeSurfaces) {}

  update(conversation: ConversationUnread): void {
    this.#unread.set(conversation.conversationId, conversation)
    this.#apply()
  }

  remove(conversationId: string): void {
    if (this.#unread.delete(conversationId)) this.#apply()
  }

  setMuted(mutedConversationIds: readonly string[]): void {
    this.#muted = mutedConversationIds
    this.#apply()
  }

  get current(): UnreadBadge {
    return computeUnreadBadge(this.#unread.values(), this.#muted)
  }

  #apply(): void {
    const badge = this.current
    if (this.#applied && this.#applied.total === badge.total && this.#applied.tooltip === badge.tooltip) return
    this.#applied = badge
    applyUnreadBadge(badge, this.surfaces)
  }
}
