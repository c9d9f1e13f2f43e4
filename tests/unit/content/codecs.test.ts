// Each codec's reading rules where libxmtp 1.10 (crates/xmtp_content_types) has a specific one, the
// fallback texts and push flags of every type, and the registry: lookup, custom content, typed
// failures, compression. Byte compatibility with libxmtp itself is in tests/integration/content.
import { deflateRawSync, deflateSync, gzipSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import {
  actionsCodec,
  attachmentCodec,
  BUILT_IN_CODECS,
  CodecRegistry,
  COMPRESSION_DEFLATE,
  COMPRESSION_GZIP,
  contentOf,
  contentTypeId,
  contentTypeIdToString,
  ContentDecodeError,
  ContentEncodeError,
  DECOMPRESSED_CONTENT_LIMIT_BYTES,
  deleteMessageCodec,
  encodeEncodedContent,
  groupMembershipChangeCodec,
  groupUpdatedCodec,
  intentCodec,
  leaveRequestCodec,
  legacyReactionCodec,
  markdownCodec,
  multiRemoteAttachmentCodec,
  parseContentTypeId,
  reactionCodec,
  readReceiptCodec,
  remoteAttachmentCodec,
  replyCodec,
  textCodec,
  transactionReferenceCodec,
  walletSendCallsCodec,
  type ContentCodec,
  type EncodedContent,
} from "../../../src/engine/content/index"

const utf8 = (text: string) => new TextEncoder().encode(text)
const withContent = <T,>(codec: ContentCodec<T>, content: Uint8Array | string, parameters: Array<[string, string]> = []): EncodedContent => ({
  type: codec.contentType,
  parameters: new Map(parameters),
  content: typeof content === "string" ? utf8(content) : content,
})
const decodeJson = <T,>(codec: ContentCodec<T>, json: string): T => codec.decode(withContent(codec, json))
const decodeError = (run: () => unknown): ContentDecodeError => {
  try {
    run()
  } catch (error) {
    if (error instanceof ContentDecodeError) return error
    throw error
  }
  throw new Error("expected a ContentDecodeError")
}

describe("content type ids", () => {
  it("are libxmtp 1.10's, in the canonical string form", () => {
    expect(BUILT_IN_CODECS.map((c) => contentTypeIdToString(c.contentType))).toEqual([
      "xmtp.org/text:1.0",
      "xmtp.org/markdown:1.0",
      "xmtp.org/reaction:2.0",
      "xmtp.org/reaction:1.0",
      "xmtp.org/reply:1.0",
      "xmtp.org/readReceipt:1.0",
      "xmtp.org/attachment:1.0",
      "xmtp.org/remoteStaticAttachment:1.0",
      "xmtp.org/multiRemoteStaticAttachment:1.0",
      "xmtp.org/transactionReference:1.0",
      "xmtp.org/walletSendCalls:1.0",
      "xmtp.org/group_updated:1.0",
      "xmtp.org/group_membership_change:1.0",
      "xmtp.org/leave_request:1.0",
      "xmtp.org/deleteMessage:1.0",
      "coinbase.com/actions:1.0",
      "coinbase.com/intent:1.0",
    ])
  })

  it("parse back from their string form, and refuse anything else", () => {
    expect(parseContentTypeId("example.com/poll:3.12")).toEqual(contentTypeId("example.com", "poll", 3, 12))
    for (const text of ["poll:1.0", "a/b:1", "a/b:1.x", "a/b:4294967296.0", "/b:1.0"]) expect(parseContentTypeId(text)).toBeUndefined()
  })
})

describe("fallback texts and push flags (libxmtp 1.10)", () => {
  const remote = { url: "u", contentDigest: "", secret: new Uint8Array(), salt: new Uint8Array(), nonce: new Uint8Array(), scheme: "" }
  const update = {
    initiatedByInboxId: "",
    addedInboxes: [],
    removedInboxes: [],
    leftInboxes: [],
    metadataFieldChanges: [],
    addedAdminInboxes: [],
    removedAdminInboxes: [],
    addedSuperAdminInboxes: [],
    removedSuperAdminInboxes: [],
  }
  const cases: Array<[string, ContentCodec<unknown>, unknown, string | undefined, boolean]> = [
    ["text", textCodec, "hi", undefined, true],
    ["markdown", markdownCodec, "*hi*", undefined, true],
    ["reaction added", reactionCodec, { reference: "", referenceInboxId: "", action: "added", content: "👍", schema: "unicode" }, 'Reacted with "👍" to an earlier message', false],
    ["reaction unknown", reactionCodec, { reference: "", referenceInboxId: "", action: "unknown", content: "x", schema: "unknown" }, 'Reacted with "x" to an earlier message', false],
    ["reaction removed", reactionCodec, { reference: "", referenceInboxId: "", action: "removed", content: "👍", schema: "unicode" }, 'Removed "👍" from an earlier message', false],
    ["legacy reaction", legacyReactionCodec, { reference: "", referenceInboxId: "", action: "removed", content: "x", schema: "custom" }, 'Removed "x" from an earlier message', false],
    ["reply to text", replyCodec, { reference: "ab", content: textCodec.encode("sure") }, 'Replied with "sure" to an earlier message', true],
    ["reply with text from another authority", replyCodec, { reference: "ab", content: { ...textCodec.encode("ok"), type: contentTypeId("example.com", "text", 9, 0) } }, 'Replied with "ok" to an earlier message', true],
    ["reply with undecodable text", replyCodec, { reference: "ab", content: { ...textCodec.encode("x"), parameters: new Map([["encoding", "latin1"]]) } }, "Replied to an earlier message", true],
    ["reply with markdown", replyCodec, { reference: "ab", content: markdownCodec.encode("x") }, "Replied to an earlier message", true],
    ["read receipt", readReceiptCodec, {}, undefined, false],
    ["attachment", attachmentCodec, { filename: "a.png", mimeType: "image/png", content: new Uint8Array() }, "Can't display a.png. This app doesn't support attachments.", true],
    ["unnamed attachment", attachmentCodec, { mimeType: "image/png", content: new Uint8Array() }, "Can't display this content. This app doesn't support attachments.", true],
    ["remote attachment", remoteAttachmentCodec, { ...remote, filename: "b.pdf" }, "Can't display b.pdf. This app doesn't support remote attachments.", true],
    ["unnamed remote attachment", remoteAttachmentCodec, remote, "Can't display this content. This app doesn't support remote attachments.", true],
    ["multi remote attachment", multiRemoteAttachmentCodec, { attachments: [] }, "Can't display this content. This app doesn't support multiple remote attachments.", true],
    ["transaction reference", transactionReferenceCodec, { networkId: "1", reference: "0xabc" }, "[Crypto transaction] Use a blockchain explorer to learn more using the transaction hash: 0xabc", true],
    ["transaction without hash", transactionReferenceCodec, { networkId: "1", reference: "" }, "Crypto transaction", true],
    ["wallet send calls", walletSendCallsCodec, { version: "1", chainId: "0x1", from: "0xf", calls: [] }, '[Transaction request generated]: {"version":"1","chainId":"0x1","from":"0xf","calls":[]}', true],
    ["group updated", groupUpdatedCodec, update, undefined, false],
    ["group membership change", groupMembershipChangeCodec, { membersAdded: [], membersRemoved: [], installationsAdded: [], installationsRemoved: [] }, undefined, false],
    ["leave request", leaveRequestCodec, {}, undefined, false],
    ["delete message", deleteMessageCodec, { messageId: "ab" }, undefined, false],
    ["actions", actionsCodec, { id: "m", description: "Pick", actions: [{ id: "a", label: "A" }, { id: "b", label: "B" }] }, "Pick\n\n[1] A\n[2] B\n\nReply with the number to select", true],
    ["intent", intentCodec, { id: "m", actionId: "b" }, "User selected action: b", true],
  ]
  it.each(cases)("%s", (_, codec, value, fallback, push) => {
    expect(codec.fallback(value)).toBe(fallback)
    expect(codec.encode(value).fallback).toBe(fallback)
    expect(codec.shouldPush(value)).toBe(push)
  })
})

describe("text and markdown", () => {
  it("read a missing encoding as UTF-8 and refuse any other", () => {
    expect(textCodec.decode(withContent(textCodec, "hi"))).toBe("hi")
    expect(decodeError(() => textCodec.decode(withContent(textCodec, "hi", [["encoding", "utf-8"]]))).code).toBe("UnsupportedEncoding")
    expect(decodeError(() => markdownCodec.decode(withContent(markdownCodec, new Uint8Array([0xff])))).code).toBe("NotUtf8")
  })

  it("keep a byte order mark", () => {
    expect(textCodec.decode(withContent(textCodec, new Uint8Array([0xef, 0xbb, 0xbf, 0x61])))).toBe("\ufeffa")
  })
})

describe("replies", () => {
  it("carry reference, the inner type and the reference inbox as parameters, in that order", () => {
    const encoded = replyCodec.encode({ reference: "ab", referenceInboxId: "inbox", content: textCodec.encode("x") })
    expect([...encoded.parameters]).toEqual([
      ["reference", "ab"],
      ["contentType", "xmtp.org/text:1.0"],
      ["referenceInboxId", "inbox"],
    ])
    const untyped = replyCodec.encode({ reference: "ab", content: { parameters: new Map(), content: new Uint8Array([1]) } })
    expect([...untyped.parameters]).toEqual([["reference", "ab"]])
  })

  it("read missing parameters as an empty reference and no inbox, and refuse an inner that is not EncodedContent", () => {
    const inner = textCodec.encode("x")
    expect(replyCodec.decode(withContent(replyCodec, encodeEncodedContent(inner)))).toEqual({ reference: "", content: inner })
    expect(decodeError(() => replyCodec.decode(withContent(replyCodec, new Uint8Array([0x0a, 0x05])))).code).toBe("MalformedEncodedContent")
  })
})

describe("legacy JSON reactions", () => {
  it("read into the v2 model, unknown names as unknown", () => {
    expect(decodeJson(legacyReactionCodec, '{"action":"added","reference":"ab","schema":"unicode","content":"👍"}')).toEqual({
      reference: "ab",
      referenceInboxId: "",
      action: "added",
      content: "👍",
      schema: "unicode",
    })
    expect(decodeJson(legacyReactionCodec, '{"action":"ADDED","reference":"ab","referenceInboxId":null,"schema":"emoji","content":"x","extra":1}')).toMatchObject({
      action: "unknown",
      schema: "unknown",
      referenceInboxId: "",
    })
    expect(decodeJson(legacyReactionCodec, '["removed","ab","inbox","shortcode",":x:"]')).toMatchObject({ action: "removed", referenceInboxId: "inbox" })
  })

  it("refuse a missing field or a wrong type", () => {
    expect(decodeError(() => decodeJson(legacyReactionCodec, '{"action":"added","reference":"ab","schema":"unicode"}')).code).toBe("InvalidJson")
    expect(decodeError(() => decodeJson(legacyReactionCodec, '{"action":1,"reference":"ab","schema":"unicode","content":"x"}')).code).toBe("InvalidJson")
  })

  it("are written as the JSON older clients read", () => {
    const reaction = { reference: "ab", referenceInboxId: "", action: "added", content: "x", schema: "unicode" } as const
    expect(new TextDecoder().decode(legacyReactionCodec.encode(reaction).content)).toBe('{"action":"added","reference":"ab","schema":"unicode","content":"x"}')
  })
})

describe("attachments and remote attachments", () => {
  it("read a missing mimeType as empty", () => {
    expect(attachmentCodec.decode(withContent(attachmentCodec, new Uint8Array([1])))).toEqual({ mimeType: "", content: new Uint8Array([1]) })
  })

  const remoteParameters = (overrides: Record<string, string | undefined>): Array<[string, string]> =>
    Object.entries({ contentDigest: "d", salt: "0A0b", nonce: "", secret: "ff", scheme: "https://", ...overrides }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    )

  it("read hex in either case, missing hex as empty bytes, and contentLength as Rust parses a u32", () => {
    const read = (overrides: Record<string, string | undefined>) =>
      remoteAttachmentCodec.decode(withContent(remoteAttachmentCodec, "https://x", remoteParameters(overrides)))
    expect(read({ salt: undefined })).toMatchObject({ salt: new Uint8Array(), nonce: new Uint8Array(), secret: new Uint8Array([0xff]) })
    expect(read({}).salt).toEqual(new Uint8Array([0x0a, 0x0b]))
    expect(read({ contentLength: "+42" }).contentLength).toBe(42)
    expect(read({ contentLength: "4294967295" }).contentLength).toBe(4294967295)
    for (const contentLength of ["-1", "4294967296", " 1", "1.0", "", "+"]) {
      expect(decodeError(() => read({ contentLength })).code).toBe("InvalidParameter")
    }
    for (const salt of ["abc", "zz", "0x00"]) expect(decodeError(() => read({ salt })).code).toBe("InvalidParameter")
  })

  it("refuse a URL that is not UTF-8", () => {
    const encoded = withContent(remoteAttachmentCodec, new Uint8Array([0xc3, 0x28]), remoteParameters({}))
    expect(decodeError(() => remoteAttachmentCodec.decode(encoded)).code).toBe("NotUtf8")
  })
})

describe("transaction references", () => {
  it.each([
    ['"8453"', "8453"],
    ["8453", "8453"],
    ["1e3", "1000.0"],
    ["1.5", "1.5"],
    ["-0", "-0.0"],
    ["-7", "-7"],
    ["18446744073709551616", "1.8446744073709552e19"],
  ])("read networkId %s as %j", (json, networkId) => {
    expect(decodeJson(transactionReferenceCodec, `{"networkId":${json},"reference":"r"}`).networkId).toBe(networkId)
  })

  it("refuse what serde refuses", () => {
    for (const json of [
      '{"reference":"r"}',
      '{"networkId":true,"reference":"r"}',
      '{"networkId":"1","reference":"r","metadata":{"transactionType":"t","currency":"c","amount":1,"decimals":6.0,"fromAddress":"a","toAddress":"b"}}',
      '{"networkId":"1","reference":"r","metadata":{"transactionType":"t","currency":"c","amount":"1","decimals":6,"fromAddress":"a","toAddress":"b"}}',
      '{"networkId":"1","reference":"r","namespace":5}',
    ]) {
      expect(decodeError(() => decodeJson(transactionReferenceCodec, json)).code).toBe("InvalidJson")
    }
  })

  it("read null options as absent and integer amounts as numbers", () => {
    expect(decodeJson(transactionReferenceCodec, '{"namespace":null,"networkId":"1","reference":"r","metadata":null}')).toEqual({ networkId: "1", reference: "r" })
    const withAmount = '{"networkId":"1","reference":"r","metadata":{"transactionType":"t","currency":"c","amount":5,"decimals":6,"fromAddress":"a","toAddress":"b"}}'
    expect(decodeJson(transactionReferenceCodec, withAmount).metadata?.amount).toBe(5)
  })

  it("refuse to write an amount no client could read back", () => {
    const reference = { networkId: "1", reference: "r", metadata: { transactionType: "t", currency: "c", amount: Number.NaN, decimals: 0, fromAddress: "", toAddress: "" } }
    expect(() => transactionReferenceCodec.encode(reference)).toThrow(ContentEncodeError)
  })
})

describe("wallet send calls", () => {
  const request = (metadata: string) => `{"version":"1","chainId":"0x1","from":"0xf","calls":[{"metadata":${metadata}}]}`
  it("read call metadata as description, transactionType and string extras", () => {
    expect(decodeJson(walletSendCallsCodec, request('{"x":"1","transactionType":"t","description":"d"}')).calls[0]?.metadata).toEqual({
      description: "d",
      transactionType: "t",
      x: "1",
    })
  })

  it("refuse metadata without its named fields, with non-string extras, or as an array", () => {
    for (const metadata of ['{"description":"d"}', '{"description":"d","transactionType":"t","x":1}', '["d","t"]', '{"description":"d","description":"e","transactionType":"t"}']) {
      expect(decodeError(() => decodeJson(walletSendCallsCodec, request(metadata))).code).toBe("InvalidJson")
    }
  })
})

describe("intents", () => {
  it("read action_id as an alias of actionId, but not both", () => {
    expect(decodeJson(intentCodec, '{"id":"m","action_id":"a","metadata":null}')).toEqual({ id: "m", actionId: "a" })
    expect(decodeError(() => decodeJson(intentCodec, '{"id":"m","actionId":"a","action_id":"b"}')).code).toBe("InvalidJson")
    expect(decodeError(() => decodeJson(intentCodec, '{"id":"m","actionId":"a","metadata":[1]}')).code).toBe("InvalidJson")
  })
})

describe("actions", () => {
  it("read aliases, enum objects and any RFC 3339 offset, without checking the count", () => {
    const json =
      '{"id":"m","description":"d","expires_at":"2025-01-15T14:30:45.5+02:00","actions":[{"id":"a","label":"A","image_url":"i","style":{"danger":null},"expiresAt":null}]}'
    expect(decodeJson(actionsCodec, json)).toEqual({
      id: "m",
      description: "d",
      actions: [{ id: "a", label: "A", imageUrl: "i", style: "danger" }],
      expiresAtNs: 1_736_944_245_500_000_000n,
    })
    expect(decodeJson(actionsCodec, '{"id":"m","description":"d","actions":[]}').actions).toEqual([])
  })

  it("refuse an unknown style or a timestamp that is not RFC 3339", () => {
    for (const action of ['{"id":"a","label":"A","style":"loud"}', '{"id":"a","label":"A","expiresAt":"tomorrow"}', '{"id":"a","label":"A","expiresAt":1}']) {
      expect(decodeError(() => decodeJson(actionsCodec, `{"id":"m","description":"d","actions":[${action}]}`)).code).toBe("InvalidJson")
    }
  })
})

describe("the registry", () => {
  const registry = new CodecRegistry()
  const poll = contentTypeId("example.com", "poll", 1, 0)

  it("decodes content of an unknown type to custom, keeping its bytes intact", () => {
    // Includes an unknown field (99) that a re-encoding would drop.
    const bytes = Uint8Array.from([...encodeEncodedContent({ type: poll, parameters: new Map([["q", "?"]]), fallback: "A poll", content: new Uint8Array([7]) }), 0x98, 0x06, 0x01])
    const decoded = registry.decode(bytes)
    expect(decoded).toMatchObject({ kind: "custom", contentType: poll, fallback: "A poll" })
    expect(decoded.kind === "custom" && Buffer.compare(decoded.bytes, bytes)).toBe(0)
    const untyped = registry.decode(encodeEncodedContent({ parameters: new Map(), content: new Uint8Array([1]) }))
    expect(untyped.kind).toBe("custom")
    expect(untyped.contentType).toBeUndefined()
  })

  it("matches built-ins by type and major version whatever the authority, and ignores minor versions", () => {
    const asText = (id: ReturnType<typeof contentTypeId>) => registry.decodeEncoded({ ...textCodec.encode("hi"), type: id })
    expect(contentOf(asText(contentTypeId("example.com", "text", 1, 0)), textCodec)).toBe("hi")
    expect(contentOf(asText(contentTypeId("xmtp.org", "text", 1, 9)), textCodec)).toBe("hi")
    expect(asText(contentTypeId("xmtp.org", "text", 2, 0)).kind).toBe("custom")
    expect(registry.decodeEncoded(legacyReactionCodec.encode({ reference: "r", referenceInboxId: "", action: "added", content: "x", schema: "unicode" }))).toMatchObject({
      codec: legacyReactionCodec,
    })
  })

  it("takes app codecs, exact-match first, and keeps their failures typed", () => {
    const pollCodec: ContentCodec<string> = {
      contentType: poll,
      encode: (question) => ({ type: poll, parameters: new Map(), content: utf8(question) }),
      decode: (encoded) => {
        if (encoded.content.length === 0) throw new TypeError("empty poll")
        return new TextDecoder().decode(encoded.content)
      },
      fallback: () => undefined,
      shouldPush: () => true,
    }
    const app = new CodecRegistry().register(pollCodec)
    expect(contentOf(app.decode(app.encodeToBytes(pollCodec, "lunch?")), pollCodec)).toBe("lunch?")
    const failure = decodeError(() => app.decode(encodeEncodedContent({ type: poll, parameters: new Map(), content: new Uint8Array() })))
    expect(failure.code).toBe("CodecFailed")
    expect(failure.cause).toBeInstanceOf(TypeError)
    const throwing: ContentCodec<string> = { ...pollCodec, encode: () => { throw new RangeError("no") } }
    expect(() => app.encode(throwing, "x")).toThrow(expect.objectContaining({ name: "ContentEncodeError", code: "CodecFailed" }))
    // An app codec registered for another authority's "text" takes it over from the built-in.
    const shout: ContentCodec<string> = { ...pollCodec, contentType: contentTypeId("example.com", "text", 1, 0), decode: () => "SHOUT" }
    app.register(shout)
    expect(contentOf(app.decodeEncoded({ ...textCodec.encode("hi"), type: shout.contentType }), shout)).toBe("SHOUT")
    expect(contentOf(app.decodeEncoded(textCodec.encode("hi")), textCodec)).toBe("hi")
  })

  it("reports codec failures and malformed bytes as ContentDecodeError", () => {
    expect(decodeError(() => registry.decode(new Uint8Array([0x0a, 0xff]))).code).toBe("MalformedEncodedContent")
    expect(decodeError(() => registry.decodeEncoded({ ...textCodec.encode(""), content: new Uint8Array([0xff]) })).code).toBe("NotUtf8")
  })

  it("inflates deflate (zlib or raw) and gzip content before decoding, as the mobile SDKs do", () => {
    const text = "compressed ".repeat(100)
    const compressed = (compression: number, content: Uint8Array) => registry.decodeEncoded({ ...textCodec.encode(text), compression, content })
    expect(contentOf(compressed(COMPRESSION_DEFLATE, deflateSync(utf8(text))), textCodec)).toBe(text)
    expect(contentOf(compressed(COMPRESSION_DEFLATE, deflateRawSync(utf8(text))), textCodec)).toBe(text)
    expect(contentOf(compressed(COMPRESSION_GZIP, gzipSync(utf8(text))), textCodec)).toBe(text)
    // An unknown algorithm is left alone.
    expect(contentOf(compressed(7, utf8(text)), textCodec)).toBe(text)
    expect(decodeError(() => compressed(COMPRESSION_GZIP, utf8("not gzip"))).code).toBe("Decompression")
  })

  it("refuses content that inflates past the limit", () => {
    const bomb = deflateSync(new Uint8Array(DECOMPRESSED_CONTENT_LIMIT_BYTES + 1))
    expect(bomb.length).toBeLessThan(100_000)
    const failure = decodeError(() => registry.decodeEncoded({ ...attachmentCodec.encode({ mimeType: "x", content: new Uint8Array() }), compression: COMPRESSION_DEFLATE, content: bomb }))
    expect(failure.code).toBe("Decompression")
    expect(failure.message).toMatch(/inflates past/)
  })

  it("decodes any read receipt, leave request and deletion it encodes", () => {
    expect(contentOf(registry.decodeEncoded(withContent(readReceiptCodec, "anything")), readReceiptCodec)).toEqual({})
    expect(contentOf(registry.decode(registry.encodeToBytes(leaveRequestCodec, { authenticatedNote: new Uint8Array() })), leaveRequestCodec)).toEqual({
      authenticatedNote: new Uint8Array(),
    })
    expect(contentOf(registry.decode(registry.encodeToBytes(deleteMessageCodec, { messageId: "ab" })), deleteMessageCodec)).toEqual({ messageId: "ab" })
  })
})
