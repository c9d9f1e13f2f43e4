import { describe, expect, it } from "vitest"
import { applyUnreadBadge, badgeText, computeUnreadBadge, type ConversationUnread, UnreadBadgeTracker } from "../../../src/main/unreadBadge"

const A = "aa".repeat(16)
const B = "bb".repeat(16)
const C = "cc".repeat(16)

function unread(conversationId: string, unreadCount: number, consentState: ConversationUnread["consentState"] = "allowed"): ConversationUnread {
  return { conversationId, unreadCount, consentState }
}

/** Stands in for Electron's app, dock and tray: records what the adapter sets on them. */
function surfaces() {
  const calls: string[] = []
  return {
    calls,
    app: { setBadgeCount: (count?: number) => (calls.push(`count ${count}`), true) },
    dock: { setBadge: (text: string) => void calls.push(`dock "${text}"`) },
    tray: { setToolTip: (text: string) => void calls.push(`tooltip "${text}"`), setTitle: (text: string) => void calls.push(`title "${text}"`) },
  }
}

describe("computeUnreadBadge", () => {
  it("adds up only allowed conversations", () => {
    const badge = computeUnreadBadge([unread(A, 3), unread(B, 4, "unknown"), unread(C, 5, "denied")])
    expect(badge).toEqual({ total: 3, text: "3", tooltip: "Parley: 3 unread messages" })
  })

  it("leaves muted conversations out", () => {
    expect(computeUnreadBadge([unread(A, 3), unread(B, 4)], [B]).total).toBe(3)
  })

  it("says how many conversations have unread messages", () => {
    expect(computeUnreadBadge([unread(A, 1), unread(B, 2), unread(C, 0)]).tooltip).toBe("Parley: 3 unread messages in 2 conversations")
    expect(computeUnreadBadge([unread(A, 1)]).tooltip).toBe("Parley: 1 unread message")
  })

  it("is empty with nothing unread, and ignores counts that are not non-negative integers", () => {
    expect(computeUnreadBadge([])).toEqual({ total: 0, text: "", tooltip: "Parley" })
    expect(computeUnreadBadge([unread(A, -2), unread(B, Number.NaN), unread(C, 1.5)]).total).toBe(0)
  })

  it("caps the badge text at 99+ while the tooltip keeps the real number", () => {
    expect(badgeText(99)).toBe("99")
    expect(badgeText(100)).toBe("99+")
    const badge = computeUnreadBadge([unread(A, 60), unread(B, 60)])
    expect(badge).toMatchObject({ total: 120, text: "99+", tooltip: "Parley: 120 unread messages in 2 conversations" })
  })
})

describe("applyUnreadBadge", () => {
  it("sets the app badge count, the dock text and the tray tooltip and title", () => {
    const s = surfaces()
    applyUnreadBadge(computeUnreadBadge([unread(A, 150)]), s)
    expect(s.calls).toEqual(["count 150", 'dock "99+"', 'tooltip "Parley: 150 unread messages"', 'title "99+"'])
  })

  it("works with only the app (no dock, no tray)", () => {
    const s = surfaces()
    applyUnreadBadge(computeUnreadBadge([unread(A, 2)]), { app: s.app })
    expect(s.calls).toEqual(["count 2"])
  })
})

describe("UnreadBadgeTracker", () => {
  it("re-applies the badge when counts or mutes change, and only then", () => {
    const s = surfaces()
    const tracker = new UnreadBadgeTracker({ app: s.app })
    tracker.update(unread(A, 2))
    tracker.update(unread(B, 3))
    tracker.update(unread(B, 3))
    tracker.setMuted([B])
    tracker.update(unread(C, 1, "unknown"))
    tracker.remove(A)
    tracker.remove(A)
    expect(s.calls).toEqual(["count 2", "count 5", "count 2", "count 0"])
    expect(tracker.current.total).toBe(0)
  })
})
