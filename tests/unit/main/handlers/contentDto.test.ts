// Engine content values (from the real codecs) in the contract's shapes.
import { describe, expect, it } from "vitest"
import { CONTENT_TYPE_IDS } from "../../../../src/engine/content/index"
import { leafContentDto, messageContentDto } from "../../../../src/main/handlers/contentDto"
import { messageContentSchema } from "../../../../src/shared/dto/messageContent"

const ALICE = "a".repeat(64)
const BOB = "b".repeat(64)
const TARGET = "1".repeat(64)

describe("content DTOs", () => {
  it("map text, reactions and inline attachments", () => {
    expect(leafContentDto(CONTENT_TYPE_IDS.text, "hi")).toEqual({ type: "text", text: "hi" })
    const reaction = { reference: TARGET, referenceInboxId: ALICE, action: "added", content: "+1", schema: "unicode" }
    expect(leafContentDto(CONTENT_TYPE_IDS.reaction, reaction)).toEqual({ type: "reaction", reaction })
    expect(leafContentDto(CONTENT_TYPE_IDS.legacyReaction, reaction)).toEqual({ type: "reaction", reaction })
    const attachment = leafContentDto(CONTENT_TYPE_IDS.attachment, { filename: "a.png", mimeType: "image/png", content: Buffer.from([1, 2]) })
    expect(attachment).toEqual({ type: "attachment", attachment: { filename: "a.png", mimeType: "image/png", data: new Uint8Array([1, 2]) } })
    expect(messageContentSchema.safeParse(attachment).success).toBe(true)
  })

  it("describe remote attachments without their key material", () => {
    const remote = { url: "https://files.example/x", contentDigest: "ab", secret: new Uint8Array(32), salt: new Uint8Array(32), nonce: new Uint8Array(12), scheme: "https://", contentLength: 10, filename: "x.pdf" }
    const dto = leafContentDto(CONTENT_TYPE_IDS.remoteAttachment, remote)
    expect(dto).toEqual({ type: "remoteAttachment", attachment: { url: remote.url, scheme: "https://", contentDigest: "ab", contentLength: 10, filename: "x.pdf" } })
    expect(JSON.stringify(dto)).not.toContain("secret")
  })

  it("flatten group-updated inbox lists to ids", () => {
    const dto = leafContentDto(CONTENT_TYPE_IDS.groupUpdated, {
      initiatedByInboxId: ALICE,
      addedInboxes: [{ inboxId: BOB }],
      removedInboxes: [],
      leftInboxes: [],
      metadataFieldChanges: [{ fieldName: "group_name", newValue: "Trip" }],
      addedAdminInboxes: [],
      removedAdminInboxes: [],
      addedSuperAdminInboxes: [],
      removedSuperAdminInboxes: [],
    })
    expect(dto).toMatchObject({ type: "groupUpdated", groupUpdated: { addedInboxIds: [BOB], metadataFieldChanges: [{ fieldName: "group_name", newValue: "Trip" }] } })
    expect(messageContentSchema.safeParse(dto).success).toBe(true)
  })

  it("show content without a codec, or of a type Parley does not render, by its fallback", () => {
    const custom = { authorityId: "example.com", typeId: "poll", versionMajor: 1, versionMinor: 0 }
    expect(leafContentDto(custom, undefined, "A poll")).toEqual({ type: "unsupported", contentType: custom, fallback: "A poll" })
    expect(leafContentDto(CONTENT_TYPE_IDS.walletSendCalls, { calls: [] }, "Wallet calls")).toMatchObject({ type: "unsupported", fallback: "Wallet calls" })
    expect(leafContentDto(undefined, undefined)).toMatchObject({ type: "unsupported", contentType: { typeId: "unknown" } })
  })

  it("map an enriched reply with its target quoted one level deep", () => {
    const target = { id: TARGET, conversationId: "ab".repeat(16), senderInboxId: ALICE, contentType: CONTENT_TYPE_IDS.text, content: "lunch?", kind: 0, deliveryStatus: 1, sentAtNs: 5n, sentAt: new Date(0), reactions: [], numReplies: 1 } as const
    const reply = { referenceId: TARGET, contentType: CONTENT_TYPE_IDS.text, content: "me too", inReplyTo: target }
    const dto = messageContentDto({ contentType: CONTENT_TYPE_IDS.reply, content: reply })
    expect(dto).toEqual({
      type: "reply",
      referenceId: TARGET,
      content: { type: "text", text: "me too" },
      inReplyTo: { id: TARGET, senderInboxId: ALICE, sentAtNs: "5", content: { type: "text", text: "lunch?" } },
    })
    expect(messageContentSchema.safeParse(dto).success).toBe(true)
    expect(messageContentDto({ contentType: CONTENT_TYPE_IDS.reply, content: { ...reply, inReplyTo: null } })).toMatchObject({ type: "reply", inReplyTo: null })
    expect(messageContentDto({ contentType: CONTENT_TYPE_IDS.reply, content: { ...reply, referenceId: "" }, fallback: "Replied" })).toMatchObject({ type: "unsupported", fallback: "Replied" })
    const nested = { ...target, contentType: CONTENT_TYPE_IDS.reply, content: { referenceId: TARGET, contentType: CONTENT_TYPE_IDS.text, content: "inner", inReplyTo: null }, fallback: "Replied with inner" }
    expect(messageContentDto({ contentType: CONTENT_TYPE_IDS.reply, content: { ...reply, inReplyTo: nested } })).toMatchObject({ inReplyTo: { content: { type: "text", text: "inner" } } })
  })
})
