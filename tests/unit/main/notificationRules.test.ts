import { describe, expect, it } from "vitest"
import { capPreview, MAX_PREVIEW_LENGTH } from "../../../src/main/notificationPreview"
import { decideNotification, type NotificationInput } from "../../../src/main/notificationRules"
import { navigationTargetSchema } from "../../../src/shared/dto/navigation"
import { ALICE_INBOX, dm, DM_ID, group, GROUP_ID, groupUpdated, message, OWN_INBOX, settings } from "../shared/support/dtoFixtures"

function input(overrides: Partial<NotificationInput> = {}): NotificationInput {
  return {
    message: message(),
    conversation: dm(),
    senderDisplayName: "Alice",
    ownInboxId: OWN_INBOX,
    settings: settings(),
    focusedConversationId: null,
    ...overrides,
  }
}

function shown(overrides: Partial<NotificationInput> = {}) {
  const decision = decideNotification(input(overrides))
  if (!decision.notify) throw new Error(`expected a notification, got ${decision.reason}`)
  return decision.notification
}

function reason(overrides: Partial<NotificationInput> = {}) {
  const decision = decideNotification(input(overrides))
  if (decision.notify) throw new Error("expected no notification")
  return decision.reason
}

describe("decideNotification: whether to notify", () => {
  it("notifies for a new message from someone else in an allowed conversation the user is not reading", () => {
    expect(decideNotification(input()).notify).toBe(true)
    expect(decideNotification(input({ focusedConversationId: GROUP_ID })).notify).toBe(true)
  })

  it("stays silent when notifications are off", () => {
    expect(reason({ settings: settings({ enabled: false }) })).toBe("disabled")
  })

  it("stays silent for the user's own messages (sent from any installation)", () => {
    expect(reason({ message: message({ senderInboxId: OWN_INBOX }) })).toBe("ownMessage")
  })

  it("stays silent for requests and denied conversations", () => {
    expect(reason({ conversation: dm({ consentState: "unknown" }) })).toBe("notAllowed")
    expect(reason({ conversation: dm({ consentState: "denied" }) })).toBe("notAllowed")
  })

  it("stays silent for muted conversations", () => {
    expect(reason({ settings: settings({ muted: [DM_ID] }) })).toBe("muted")
    expect(decideNotification(input({ settings: settings({ muted: [GROUP_ID] }) })).notify).toBe(true)
  })

  it("stays silent while the user reads that conversation", () => {
    expect(reason({ focusedConversationId: DM_ID })).toBe("reading")
  })

  it("stays silent for reactions, receipts, membership changes and deletion placeholders", () => {
    const reaction = { reference: "e".repeat(64), referenceInboxId: OWN_INBOX, action: "added", content: "👍", schema: "unicode" } as const
    const silent = [
      message({ content: { type: "reaction", reaction } }),
      message({ content: { type: "readReceipt" } }),
      message({ content: { type: "deleted", deleted: { deletedBy: "sender" } } }),
      message({ content: { type: "leaveRequest" } }),
      message({
        kind: "membershipChange",
        content: {
          type: "groupUpdated",
          groupUpdated: groupUpdated({ addedInboxIds: [OWN_INBOX] }),
        },
      }),
    ]
    for (const m of silent) expect(reason({ message: m }), m.content.type).toBe("notNotifiable")
  })
})

describe("decideNotification: what the notification says", () => {
  it("shows the sender and the text for a DM", () => {
    expect(shown()).toMatchObject({ title: "Alice", body: "hello there" })
  })

  it("shows the group name and the sender before the text for a group", () => {
    const n = shown({ conversation: group(), message: message({ conversationId: GROUP_ID }) })
    expect(n).toMatchObject({ title: "Hiking club", body: "Alice: hello there", tag: GROUP_ID })
    expect(shown({ conversation: group({ name: "  " }) }).title).toBe("Group chat")
  })

  it("opens the conversation when clicked", () => {
    const n = shown({ conversation: group() })
    expect(n.onClick).toEqual({ route: "conversation", conversationId: GROUP_ID })
    expect(navigationTargetSchema.parse(n.onClick)).toEqual(n.onClick)
  })

  it("hides the text, or the text and the sender, as the user chose", () => {
    expect(shown({ settings: settings({ previews: "nameOnly" }) })).toMatchObject({ title: "Alice", body: "New message" })
    expect(shown({ conversation: group(), settings: settings({ previews: "nameOnly" }) })).toMatchObject({ title: "Hiking club", body: "New message from Alice" })
    for (const conversation of [dm(), group()]) {
      const n = shown({ conversation, settings: settings({ previews: "hidden" }), message: message({ content: { type: "text", text: "secret plans" } }) })
      expect(n).toMatchObject({ title: "Parley", body: "New message" })
      expect(JSON.stringify(n)).not.toMatch(/secret|Alice|Hiking/)
    }
  })

  it("previews replies by their own text, and attachments and unsupported content by a description", () => {
    const replyTo = { id: "e".repeat(64), senderInboxId: OWN_INBOX, sentAtNs: "1", content: { type: "text", text: "original" } } as const
    expect(shown({ message: message({ content: { type: "reply", referenceId: "e".repeat(64), content: { type: "text", text: "my answer" }, inReplyTo: replyTo } }) }).body).toBe("my answer")
    expect(shown({ message: message({ content: { type: "attachment", attachment: { filename: "map.pdf", mimeType: "application/pdf", data: new Uint8Array([1]) } } }) }).body).toBe(
      "Attachment: map.pdf",
    )
    const remote = { url: "https://files.example/x", scheme: "https://", contentDigest: "00" }
    expect(shown({ message: message({ content: { type: "multiRemoteAttachment", attachments: [remote, remote, remote] } }) }).body).toBe("3 attachments")
    const custom = { authorityId: "example.com", typeId: "poll", versionMajor: 1, versionMinor: 0 }
    expect(shown({ message: message({ content: { type: "unsupported", contentType: custom, fallback: "Poll: lunch?" } }) }).body).toBe("Poll: lunch?")
    expect(shown({ message: message({ content: { type: "unsupported", contentType: custom } }) }).body).toBe("A message Parley cannot show")
  })

  it("caps long previews and puts them on one line", () => {
    const long = `${"word ".repeat(100)}\n\nend`
    const body = shown({ message: message({ content: { type: "text", text: long } }) }).body
    expect([...new Intl.Segmenter().segment(body)]).toHaveLength(MAX_PREVIEW_LENGTH)
    expect(body.endsWith("…")).toBe(true)
    expect(body).not.toContain("\n")
  })

  it("falls back to a shortened inbox id when the sender has no display name", () => {
    expect(shown({ senderDisplayName: "  " }).title).toBe(`${ALICE_INBOX.slice(0, 8)}…`)
  })
})

describe("capPreview", () => {
  it("never cuts inside a grapheme cluster", () => {
    const family = "👨‍👩‍👧‍👦"
    const capped = capPreview(family.repeat(10), 5)
    expect(capped).toBe(`${family.repeat(4)}…`)
    expect(capPreview("short", 5)).toBe("short")
    expect(capPreview("  a \n\t b  ")).toBe("a b")
  })
})
