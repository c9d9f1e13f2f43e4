// The notifier as both hosts wire it (startProfileNotifications): a real handler registry answering
// from fixed DTOs, a real EventHub carrying the events the renderer gets, the web host's recording
// sink, and the deep-link router a click goes through.
import { beforeEach, describe, expect, it } from "vitest"
import { DeepLinkRouter } from "../../../src/main/deepLinkRouter"
import { ConversationError } from "../../../src/main/handlers/conversationErrors"
import { EventHub } from "../../../src/main/handlers/eventHub"
import { IpcHandlerRegistry } from "../../../src/main/ipcHandlers"
import { HISTORY_GRACE_NS } from "../../../src/main/notifier"
import { type ProfileNotifications, startProfileNotifications } from "../../../src/main/profileNotifications"
import type { ConversationSummary } from "../../../src/shared/dto/conversation"
import type { NavigationTarget } from "../../../src/shared/dto/navigation"
import type { AppSettings } from "../../../src/shared/dto/settings"
import { RecordingNotificationSink } from "../../../src/webhost/recordingNotificationSink"
import { ALICE_INBOX, dm, DM_ID, group, GROUP_ID, message, OWN_INBOX, settings } from "../shared/support/dtoFixtures"

/** Messages "sent now": the notifier's start time is the clock's when the test runs. */
const NOW_NS = BigInt(Date.now()) * 1_000_000n
const ALICE_ADDRESS = "0x00000000000000000000000000000000000a11ce"
const REQUEST_ID = "ee".repeat(16)

let conversations: Map<string, ConversationSummary>
let currentSettings: AppSettings
let sink: RecordingNotificationSink
let navigated: NavigationTarget[]
let events: EventHub
let registry: IpcHandlerRegistry
let notifications: ProfileNotifications

function newMessage(id: string, overrides: Parameters<typeof message>[0] = {}) {
  return message({ id: id.repeat(64).slice(0, 64), sentAtNs: NOW_NS.toString(), ...overrides })
}

async function deliver(...messages: ReturnType<typeof message>[]): Promise<void> {
  for (const each of messages) events.emit("messages:upserted", each)
  await notifications.notifier.settled()
}

beforeEach(() => {
  conversations = new Map([
    [DM_ID, dm()],
    [GROUP_ID, group({ name: "Hiking club" })],
    [REQUEST_ID, group({ id: REQUEST_ID, name: "Strangers", consentState: "unknown" })],
  ])
  currentSettings = settings()
  sink = new RecordingNotificationSink()
  navigated = []
  events = new EventHub()
  registry = new IpcHandlerRegistry()
    .register("account:get", () => ({ state: "ready", address: "0x" + "1".repeat(40), inboxId: OWN_INBOX, installationId: "2".repeat(64) }))
    .register("conversations:get", (id) => {
      const found = conversations.get(id)
      if (!found) throw new ConversationError("NotFound", "no such conversation")
      return found
    })
    .register("members:list", () => [
      { inboxId: ALICE_INBOX, role: "member", consentState: "allowed", accountIdentifiers: [{ kind: "ethereum", identifier: ALICE_ADDRESS }], installationIds: [] },
    ])
    .register("conversations:markRead", () => null)
  const router = new DeepLinkRouter(() => undefined)
  router.attach((target) => navigated.push(target))
  notifications = startProfileNotifications({
    registry,
    events,
    settings: { get: () => currentSettings },
    sink,
    activate: (target) => router.navigate(target),
    onSuppressed: sink.recordSuppressed,
  })
})

describe("startProfileNotifications", () => {
  it("posts one notification per new message in an allowed conversation, named like the window names the sender", async () => {
    await deliver(newMessage("a", { content: { type: "text", text: "Are we still on for Sunday?" } }))
    expect(sink.list()).toMatchObject([{ title: "0x0000…11ce", body: "Are we still on for Sunday?", conversationId: DM_ID, state: "shown" }])

    await deliver(newMessage("b", { conversationId: GROUP_ID, content: { type: "text", text: "Trail map attached" } }))
    expect(sink.list()[1]).toMatchObject({ title: "Hiking club", body: "0x0000…11ce: Trail map attached", tag: GROUP_ID })
  })

  it("notifies a message once, even when a reaction or reply pushes it again", async () => {
    const first = newMessage("c")
    await deliver(first, { ...first, numReplies: 1 })
    expect(sink.list()).toHaveLength(1)
    expect(sink.suppressed()).toEqual([{ messageId: first.id, conversationId: DM_ID, reason: "seen" }])
  })

  it("posts nothing for requests, own messages, muted conversations or the conversation on screen", async () => {
    const request = newMessage("d", { conversationId: REQUEST_ID })
    const own = newMessage("e", { senderInboxId: OWN_INBOX })
    await deliver(request, own)
    currentSettings = settings({ muted: [GROUP_ID] })
    const muted = newMessage("f", { conversationId: GROUP_ID })
    await deliver(muted)
    currentSettings = settings()
    await registry.dispatch("app:reportView", [{ conversationId: DM_ID, focused: true }])
    const reading = newMessage("1")
    await deliver(reading)
    // The same conversation on screen in a window without focus does notify.
    await registry.dispatch("app:reportView", [{ conversationId: DM_ID, focused: false }])
    await deliver(newMessage("2"))

    expect(sink.suppressed().map((entry) => [entry.messageId, entry.reason])).toEqual([
      [request.id, "notAllowed"],
      [own.id, "ownMessage"],
      [muted.id, "muted"],
      [reading.id, "reading"],
    ])
    expect(sink.list()).toHaveLength(1)
  })

  it("opens the conversation through the router when the notification is clicked", async () => {
    await deliver(newMessage("3", { conversationId: GROUP_ID }))
    const [posted] = sink.list()
    expect(sink.click(posted!.id)).toBe(true)
    expect(navigated).toEqual([{ route: "conversation", conversationId: GROUP_ID }])
    expect(sink.list()[0]!.state).toBe("clicked")
    expect(sink.click(posted!.id)).toBe(false)
  })

  it("withdraws a conversation's notification once the window reads it", async () => {
    await deliver(newMessage("4"), newMessage("5", { conversationId: GROUP_ID }))
    await registry.dispatch("conversations:markRead", [DM_ID])
    expect(sink.list().map((entry) => entry.state)).toEqual(["withdrawn", "shown"])
    events.emit("conversations:upserted", group({ unreadCount: 0 }))
    expect(sink.list().map((entry) => entry.state)).toEqual(["withdrawn", "withdrawn"])
  })

  it("treats messages sent well before it started as history", async () => {
    const old = message({ id: "6".repeat(64), sentAtNs: "1000" })
    const recent = message({ id: "7".repeat(64), sentAtNs: (NOW_NS - HISTORY_GRACE_NS / 2n).toString() })
    await deliver(old, recent)
    expect(sink.suppressed()).toEqual([{ messageId: old.id, conversationId: DM_ID, reason: "history" }])
    expect(sink.list().map((entry) => entry.id)).toEqual([recent.id])
  })

  it("stops listening when stopped", async () => {
    notifications.stop()
    await deliver(newMessage("8"))
    expect(sink.list()).toEqual([])
    expect(events.size).toBe(0)
  })
})
