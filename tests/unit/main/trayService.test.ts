// The tray and badge kept current as Electron main wires them, minus Electron: a real handler
// registry and EventHub, the real badge tracker and menu model, and surfaces that record what they
// are given.
import { describe, expect, it } from "vitest"
import { ConversationDirectory } from "../../../src/main/conversationDirectory"
import { AccountError } from "../../../src/main/handlers/accountErrors"
import { EventHub } from "../../../src/main/handlers/eventHub"
import { IpcHandlerRegistry } from "../../../src/main/ipcHandlers"
import type { TrayMenuItem } from "../../../src/main/trayMenu"
import { TrayService } from "../../../src/main/trayService"
import { type UnreadBadge, UnreadBadgeTracker } from "../../../src/main/unreadBadge"
import type { ConversationSummary } from "../../../src/shared/dto/conversation"
import type { AppSettings } from "../../../src/shared/dto/settings"
import { ALICE_INBOX, dm, DM_ID, group, GROUP_ID, settings } from "../shared/support/dtoFixtures"

const ALICE_ADDRESS = "0x00000000000000000000000000000000000a11ce"

function setup(options: { stored?: ConversationSummary[]; onboarded?: boolean } = {}) {
  let onboarded = options.onboarded ?? true
  let current: AppSettings = settings()
  const listeners = new Set<(next: AppSettings) => void>()
  const menus: TrayMenuItem[][] = []
  const badges: UnreadBadge[] = []
  const events = new EventHub()
  const registry = new IpcHandlerRegistry()
    .register("conversations:list", () => {
      if (!onboarded) throw new AccountError("NoAccount", "no account yet")
      return options.stored ?? []
    })
    .register("members:list", () => [
      { inboxId: ALICE_INBOX, role: "member", consentState: "allowed", accountIdentifiers: [{ kind: "ethereum", identifier: ALICE_ADDRESS }], installationIds: [] },
    ])
    .register("conversations:markRead", () => null)
    .register("account:create", () => {
      onboarded = true
      return { state: "ready", address: "0x" + "1".repeat(40), inboxId: "1".repeat(64), installationId: "2".repeat(64) }
    })
  const badge = new UnreadBadgeTracker({ app: { setBadgeCount: () => true }, images: { showBadge: (shown) => void badges.push(shown) } })
  const service = new TrayService({
    directory: new ConversationDirectory(registry),
    registry,
    events,
    settings: {
      get: () => current,
      onChange: (listener) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    },
    badge,
    menu: { setMenu: (items) => void menus.push([...items]) },
  })
  const changeSettings = (next: AppSettings) => {
    current = next
    for (const listener of listeners) listener(next)
  }
  const lastMenu = () => (menus.at(-1) ?? []).flatMap((item) => (item.type === "separator" ? [] : [item.label]))
  return { service, events, registry, badge, badges, lastMenu, changeSettings }
}

describe("TrayService", () => {
  it("shows the stored unread conversations once seeded, named as the window names them", async () => {
    const { service, badge, lastMenu } = setup({ stored: [dm({ unreadCount: 2 }), group({ unreadCount: 1, name: "Hiking club" })] })
    expect(lastMenu()).toContain("No unread messages")
    await service.seed()
    expect(badge.current.total).toBe(3)
    expect(lastMenu()).toEqual(expect.arrayContaining(["3 unread messages", "0x0000…11ce (2)", "Hiking club (1)"]))
  })

  it("follows pushed summaries and the window's reads", async () => {
    const { service, events, registry, badge, badges, lastMenu } = setup()
    await service.seed()
    events.emit("conversations:upserted", group({ unreadCount: 4 }))
    await service.settled()
    expect(badges.at(-1)?.total).toBe(4)
    await registry.dispatch("conversations:markRead", [GROUP_ID])
    await service.settled()
    expect(badge.current.total).toBe(0)
    expect(badges.at(-1)?.total).toBe(0)
    expect(lastMenu()).toContain("No unread messages")
  })

  it("leaves muted conversations out as soon as they are muted", async () => {
    const { service, badge, lastMenu, changeSettings } = setup({ stored: [dm({ unreadCount: 2 }), group({ unreadCount: 1 })] })
    await service.seed()
    changeSettings(settings({ muted: [DM_ID] }))
    expect(badge.current.total).toBe(1)
    expect(lastMenu().some((label) => label.startsWith("0x0000…11ce"))).toBe(false)
  })

  it("waits for onboarding, then counts what the new account has", async () => {
    const { service, registry, badge } = setup({ onboarded: false, stored: [dm({ unreadCount: 1 })] })
    await service.seed()
    expect(badge.current.total).toBe(0)
    await registry.dispatch("account:create", [])
    await new Promise((resolve) => setImmediate(resolve))
    await service.settled()
    expect(badge.current.total).toBe(1)
  })

  it("stops following events when stopped", async () => {
    const { service, events, badge } = setup()
    service.stop()
    events.emit("conversations:upserted", group({ unreadCount: 4 }))
    await service.settled()
    expect(badge.current.total).toBe(0)
    expect(events.size).toBe(0)
  })
})
