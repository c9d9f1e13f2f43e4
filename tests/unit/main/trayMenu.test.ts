import { describe, expect, it } from "vitest"
import { menuLabel, TRAY_RECENT_LIMIT, type TrayMenuItem, trayMenuModel } from "../../../src/main/trayMenu"
import type { ConversationActivity } from "../../../src/main/unreadConversations"

function conversation(index: number, overrides: Partial<ConversationActivity> = {}): ConversationActivity {
  return {
    conversationId: index.toString(16).padStart(2, "0").repeat(16),
    title: `Conversation ${index}`,
    consentState: "allowed",
    unreadCount: 1,
    lastActivityNs: BigInt(index) * 1_000_000_000n,
    ...overrides,
  }
}

function labels(items: TrayMenuItem[]): string[] {
  return items.map((item) => (item.type === "separator" ? "---" : item.type === "info" ? `(${item.label})` : item.label))
}

describe("trayMenuModel", () => {
  it("offers opening, a new message and quitting when nothing is unread", () => {
    const items = trayMenuModel([conversation(1, { unreadCount: 0 })], [])
    expect(labels(items)).toEqual(["Open Parley", "---", "(No unread messages)", "---", "New message…", "---", "Quit Parley"])
    expect(items.flatMap((item) => (item.type === "action" ? [item.action] : []))).toEqual([
      { kind: "open" },
      { kind: "navigate", target: { route: "newMessage" } },
      { kind: "quit" },
    ])
  })

  it("lists unread allowed conversations, newest first, each opening its conversation", () => {
    const older = conversation(1, { title: "Book club", unreadCount: 2 })
    const newer = conversation(2, { title: "Ada", unreadCount: 1 })
    const items = trayMenuModel([older, newer], [])
    expect(labels(items).slice(2, 5)).toEqual(["(3 unread messages)", "Ada (1)", "Book club (2)"])
    expect(items[3]).toEqual({ type: "action", label: "Ada (1)", action: { kind: "navigate", target: { route: "conversation", conversationId: newer.conversationId } } })
  })

  it("counts and lists what the badge counts: no requests, denied or muted conversations", () => {
    const request = conversation(1, { consentState: "unknown", unreadCount: 4 })
    const denied = conversation(2, { consentState: "denied", unreadCount: 4 })
    const muted = conversation(3, { unreadCount: 4 })
    const counted = conversation(4, { title: "Counted", unreadCount: 1 })
    expect(labels(trayMenuModel([request, denied, muted, counted], [muted.conversationId])).slice(2, 5)).toEqual(["(1 unread message)", "Counted (1)", "---"])
  })

  it("lists at most the newest few and sums up the rest", () => {
    const many = Array.from({ length: TRAY_RECENT_LIMIT + 2 }, (_, index) => conversation(index + 1))
    const items = labels(trayMenuModel(many, []))
    expect(items.filter((label) => label.startsWith("Conversation"))).toEqual(["Conversation 7 (1)", "Conversation 6 (1)", "Conversation 5 (1)", "Conversation 4 (1)", "Conversation 3 (1)"])
    expect(items).toContain("(2 more conversations)")
  })

  it("caps counts and long names", () => {
    const busy = conversation(1, { title: `A ${"very ".repeat(20)}long\nname`, unreadCount: 250 })
    const [, , total, entry] = labels(trayMenuModel([busy], []))
    expect(total).toBe("(99+ unread messages)")
    expect(entry).toMatch(/^A very very .*… \(99\+\)$/)
    expect([...entry!.replace(/ \(99\+\)$/, "")]).toHaveLength(40)
  })
})

describe("menuLabel", () => {
  it("keeps ampersands literal where Electron reads them as mnemonics", () => {
    expect(menuLabel("Tom & Jerry (2)", "win32")).toBe("Tom && Jerry (2)")
    expect(menuLabel("Tom & Jerry (2)", "linux")).toBe("Tom && Jerry (2)")
    expect(menuLabel("Tom & Jerry (2)", "darwin")).toBe("Tom & Jerry (2)")
  })
})
