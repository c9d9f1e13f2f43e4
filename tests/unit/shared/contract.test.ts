import { describe, expect, it } from "vitest"
import { EVENT_NAMES, REQUEST_NAMES } from "../../../src/shared/channels"
import { contract, eventNames, events, parseEvent, parseRequest, parseResult, requestNames } from "../../../src/shared/contract"
import { conversationSummarySchema, createGroupRequestSchema, dmTargetSchema, groupMetadataPatchSchema } from "../../../src/shared/dto/conversation"
import { accountIdentifierSchema, dateFromNanos, ethereumAddressSchema, nanosSchema } from "../../../src/shared/dto/identifiers"
import { messageSchema } from "../../../src/shared/dto/message"
import { outgoingAttachmentSchema } from "../../../src/shared/dto/messageRequests"
import { appSettingsSchema, DEFAULT_APP_SETTINGS } from "../../../src/shared/dto/settings"
import { decodeIpcError, encodeIpcError, IpcValidationError, RemoteIpcError } from "../../../src/shared/ipcErrors"
import { ALICE_INBOX, BOB_INBOX, dm, DM_ID, group, message, OWN_INBOX } from "./support/dtoFixtures"

function validationCode(action: () => unknown): string {
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(IpcValidationError)
    return (error as IpcValidationError).code
  }
  throw new Error("expected an IpcValidationError")
}

describe("contract", () => {
  it("has exactly the channel names the preload may import", () => {
    expect(Object.keys(contract)).toEqual([...REQUEST_NAMES])
    expect(Object.keys(events)).toEqual([...EVENT_NAMES])
    expect(requestNames).toEqual(REQUEST_NAMES)
    expect(eventNames).toEqual(EVENT_NAMES)
  })

  it("keeps app:getInfo as it was", () => {
    expect(parseRequest("app:getInfo", [])).toEqual([])
    expect(parseResult("app:getInfo", { version: "0.1.0", nodeAddress: "127.0.0.1:1", profile: "default" })).toBeDefined()
  })

  it("validates request arguments, results and events with typed error codes", () => {
    expect(parseRequest("conversations:createDm", [{ kind: "address", address: "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf" }])).toEqual([
      { kind: "address", address: "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf" },
    ])
    expect(validationCode(() => parseRequest("conversations:createDm", [{ kind: "ens", name: "alice.eth" }]))).toBe("InvalidArguments")
    expect(validationCode(() => parseRequest("nope", []))).toBe("UnknownRequest")
    expect(validationCode(() => parseResult("conversations:markRead", undefined))).toBe("InvalidResult")
    expect(validationCode(() => parseEvent("nope", {}))).toBe("UnknownEvent")
    expect(validationCode(() => parseEvent("settings:changed", {}))).toBe("InvalidEvent")
    expect(parseEvent("settings:changed", DEFAULT_APP_SETTINGS)).toEqual(DEFAULT_APP_SETTINGS)
  })
})

describe("DTO schemas", () => {
  it("accept the summaries and messages main sends", () => {
    expect(conversationSummarySchema.parse(dm({ lastMessage: message(), unreadCount: 3 }))).toBeDefined()
    expect(conversationSummarySchema.parse(group({ isAdmin: true }))).toBeDefined()
    const withEverything = message({
      numReplies: 2,
      reactions: [
        {
          id: "9".repeat(64),
          senderInboxId: BOB_INBOX,
          sentAtNs: "1700000000000000001",
          reaction: { reference: "f".repeat(64), referenceInboxId: ALICE_INBOX, action: "added", content: "🎉", schema: "unicode" },
        },
      ],
      content: {
        type: "reply",
        referenceId: "e".repeat(64),
        content: { type: "remoteAttachment", attachment: { url: "https://f.example/1", scheme: "https://", contentDigest: "ab", contentLength: 10, filename: "a.png" } },
        inReplyTo: null,
      },
    })
    expect(messageSchema.parse(withEverything)).toEqual(withEverything)
    expect(messageSchema.parse(message({ content: { type: "deleted", deleted: { deletedBy: "admin", adminInboxId: OWN_INBOX } } }))).toBeDefined()
  })

  it("refuse malformed values", () => {
    const base = message()
    for (const bad of [
      { ...base, id: "F".repeat(64) },
      { ...base, sentAtNs: "-1" },
      { ...base, sentAtNs: "18446744073709551616" },
      { ...base, sentAtNs: 1700000000000000000 },
      { ...base, content: { type: "text" } },
      { ...base, content: { type: "script", text: "x" } },
      { ...base, content: { type: "reply", referenceId: "e".repeat(64), content: { type: "reply" }, inReplyTo: null } },
      { ...base, reactions: [{}] },
      { ...base, extra: 1 },
    ]) {
      expect(messageSchema.safeParse(bad).success, JSON.stringify(bad).slice(0, 120)).toBe(false)
    }
    expect(conversationSummarySchema.safeParse({ ...group(), kind: "dm" }).success).toBe(false)
    expect(appSettingsSchema.safeParse({ ...DEFAULT_APP_SETTINGS, mutedConversationIds: ["xyz"] }).success).toBe(false)
  })

  it("bound what the renderer can send", () => {
    expect(createGroupRequestSchema.safeParse({ memberInboxIds: [ALICE_INBOX], name: "é".repeat(50) }).success).toBe(true)
    // libxmtp counts UTF-8 bytes: 51 two-byte characters exceed the 100-byte name limit.
    expect(createGroupRequestSchema.safeParse({ memberInboxIds: [ALICE_INBOX], name: "é".repeat(51) }).success).toBe(false)
    expect(createGroupRequestSchema.safeParse({ memberInboxIds: Array(250).fill(ALICE_INBOX) }).success).toBe(false)
    expect(createGroupRequestSchema.safeParse({ memberInboxIds: [], permissions: "customPolicy" }).success).toBe(false)
    expect(groupMetadataPatchSchema.safeParse({}).success).toBe(false)
    expect(dmTargetSchema.safeParse({ kind: "inboxId", inboxId: DM_ID }).success).toBe(false)
    expect(outgoingAttachmentSchema.safeParse({ filename: "a", mimeType: "text/plain", data: new Uint8Array(1_000_001) }).success).toBe(false)
    expect(outgoingAttachmentSchema.safeParse({ filename: "a", mimeType: "text/plain", data: Buffer.from("hi") }).success).toBe(true)
    expect(outgoingAttachmentSchema.safeParse({ filename: "a", mimeType: "text/plain", data: [104, 105] }).success).toBe(false)
  })

  it("convert identifiers and timestamps as the SDK spells them", () => {
    expect(ethereumAddressSchema.parse("0xABCDEF0123456789abcdef0123456789ABCDEF01")).toBe("0xabcdef0123456789abcdef0123456789abcdef01")
    expect(accountIdentifierSchema.parse({ kind: "ethereum", identifier: "0xABCDEF0123456789abcdef0123456789ABCDEF01" }).identifier).toBe(
      "0xabcdef0123456789abcdef0123456789abcdef01",
    )
    expect(nanosSchema.parse("18446744073709551615")).toBe("18446744073709551615")
    expect(dateFromNanos("1700000000123456789").toISOString()).toBe("2023-11-14T22:13:20.123Z")
  })
})

describe("IPC error encoding", () => {
  it("round-trips a typed error through the message Electron passes", () => {
    const info = { family: "KeychainError", code: "Unavailable", message: "Unlock it: \"now\" [please]" }
    const electronMessage = `Error invoking remote method 'settings:get': Error: ${encodeIpcError(info)}`
    expect(decodeIpcError(electronMessage)).toEqual(info)
    const error = RemoteIpcError.from(new Error(electronMessage))
    expect(error).toBeInstanceOf(RemoteIpcError)
    expect(error).toMatchObject(info)
  })
})
