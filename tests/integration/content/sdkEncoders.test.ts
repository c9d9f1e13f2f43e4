// Parley's codecs against the official SDK's native encoders (node-bindings 1.10, libxmtp's own
// Rust codecs): for every content type the bindings can encode, the same value must give the same
// content type id, parameters, fallback and compression, and byte-identical content; Parley must
// decode the SDK's encoding back to the value. Where libxmtp keeps keys in a HashMap (two or more
// EncodedContent parameters, intent metadata, wallet capabilities), its order changes from run to
// run, so those compare as maps or as parsed JSON; everything else compares byte for byte.
import {
  encodeActions,
  encodeAttachment,
  encodeIntent,
  encodeMarkdown,
  encodeMultiRemoteAttachment,
  encodeReaction,
  encodeReadReceipt,
  encodeRemoteAttachment,
  encodeText,
  encodeTransactionReference,
  encodeWalletSendCalls,
} from "@xmtp/node-sdk"
import type { EncodedContent as SdkEncodedContent } from "@xmtp/node-bindings"
import { describe, expect, it } from "vitest"
import {
  actionsCodec,
  attachmentCodec,
  CodecRegistry,
  ContentEncodeError,
  intentCodec,
  markdownCodec,
  multiRemoteAttachmentCodec,
  reactionCodec,
  readReceiptCodec,
  remoteAttachmentCodec,
  textCodec,
  transactionReferenceCodec,
  walletSendCallsCodec,
  type Actions,
  type Attachment,
  type ContentCodec,
  type EncodedContent,
  type Intent,
  type MultiRemoteAttachment,
  type Reaction,
  type RemoteAttachment,
  type TransactionReference,
  type WalletSendCalls,
} from "../../../src/engine/content/index"
import { fromSdkActions, fromSdkEncoded, fromSdkReaction, toSdkActions, toSdkReaction, withoutAbsent } from "./support/sdkShapes"

const registry = new CodecRegistry()
const utf8 = new TextDecoder()

/** Compares everything but the parameter order; `sameBytes` also demands identical content bytes. */
function expectSameEncoding(parley: EncodedContent, sdk: SdkEncodedContent, sameBytes = true): void {
  const theirs = fromSdkEncoded(sdk)
  expect(parley.type).toEqual(theirs.type)
  expect(Object.fromEntries(parley.parameters)).toEqual(Object.fromEntries(theirs.parameters))
  expect(parley.fallback).toBe(theirs.fallback)
  expect(parley.compression).toBe(theirs.compression)
  if (sameBytes) expect(Buffer.from(parley.content).toString("hex")).toBe(Buffer.from(theirs.content).toString("hex"))
  else expect(JSON.parse(utf8.decode(parley.content))).toEqual(JSON.parse(utf8.decode(theirs.content)))
}

/** Encodes with both, compares, and decodes the SDK's encoding with Parley. */
function roundTrip<T>(codec: ContentCodec<T>, value: T, sdkEncode: () => SdkEncodedContent, sameBytes = true): T {
  const sdk = sdkEncode()
  expectSameEncoding(codec.encode(value), sdk, sameBytes)
  const decoded = registry.decodeEncoded(fromSdkEncoded(sdk))
  expect(decoded.kind === "content" && decoded.codec).toBe(codec)
  return (decoded as { value: T }).value
}

const bytes = (...values: number[]) => new Uint8Array(values)
const range = (n: number, start = 0) => new Uint8Array(Array.from({ length: n }, (_, i) => (start + i) & 0xff))
const TRICKY_TEXT = 'quote " backslash \\ slash / tab \t newline \n nul \u0000 unit \u001f del \u007f ls \u2028 é 👍 \ud83c\udff3'

describe("text and markdown", () => {
  it.each(["Hello, world!", "", TRICKY_TEXT, "x".repeat(70_000)])("text %#", (text) => {
    expect(roundTrip(textCodec, text, () => encodeText(text))).toBe(text)
  })

  it.each(["# Heading\n\n**bold** _it_ `code`", "", TRICKY_TEXT])("markdown %#", (markdown) => {
    expect(roundTrip(markdownCodec, markdown, () => encodeMarkdown(markdown))).toBe(markdown)
  })
})

describe("reactions (v2 protobuf)", () => {
  const reactions: Reaction[] = [
    { reference: "0a1b2c", referenceInboxId: "inbox-1", action: "added", content: "👍", schema: "unicode" },
    { reference: "0a1b2c", referenceInboxId: "", action: "removed", content: ":smile:", schema: "shortcode" },
    { reference: "", referenceInboxId: "", action: "unknown", content: "", schema: "unknown" },
    { reference: "ff".repeat(32), referenceInboxId: "i".repeat(64), action: "added", content: TRICKY_TEXT, schema: "custom" },
  ]
  it.each(reactions)("reaction %#", (reaction) => {
    const decoded = roundTrip(reactionCodec, reaction, () => encodeReaction(toSdkReaction(reaction)))
    expect(decoded).toEqual(reaction)
    expect(fromSdkReaction(toSdkReaction(decoded))).toEqual(reaction)
  })
})

describe("read receipts", () => {
  it("encodes to empty content with no fallback", () => {
    expect(roundTrip(readReceiptCodec, {}, () => encodeReadReceipt({}))).toEqual({})
  })
})

describe("attachments", () => {
  const attachments: Attachment[] = [
    { filename: "photo.png", mimeType: "image/png", content: range(300) },
    { mimeType: "application/octet-stream", content: new Uint8Array() },
    { filename: "", mimeType: "", content: bytes(0) },
    { filename: TRICKY_TEXT, mimeType: "text/plain; charset=utf-8", content: range(5000, 7) },
  ]
  it.each(attachments)("attachment %#", (attachment) => {
    expect(roundTrip(attachmentCodec, attachment, () => encodeAttachment(attachment))).toEqual(attachment)
  })
})

describe("remote attachments", () => {
  const base: RemoteAttachment = {
    url: "https://example.com/blobs/abc",
    contentDigest: "ab".repeat(32),
    secret: range(32),
    salt: range(32, 100),
    nonce: range(12, 200),
    scheme: "https://",
  }
  const remotes: RemoteAttachment[] = [
    base,
    { ...base, contentLength: 1024, filename: "report.pdf" },
    { ...base, contentLength: 0, filename: "" },
    { ...base, contentLength: 0xffff_ffff, secret: new Uint8Array(), salt: new Uint8Array(), nonce: new Uint8Array(), url: "", scheme: "" },
  ]
  it.each(remotes)("remote attachment %#", (remote) => {
    expect(roundTrip(remoteAttachmentCodec, remote, () => encodeRemoteAttachment(remote))).toEqual(remote)
  })

  const multis: MultiRemoteAttachment[] = [
    { attachments: [] },
    { attachments: [base] },
    { attachments: remotes },
  ]
  it.each(multis)("multi remote attachment %#", (multi) => {
    expect(roundTrip(multiRemoteAttachmentCodec, multi, () => encodeMultiRemoteAttachment(multi))).toEqual(multi)
  })
})

describe("transaction references", () => {
  const metadata = { transactionType: "transfer", currency: "USDC", amount: 1, decimals: 6, fromAddress: "0xfrom", toAddress: "0xto" }
  const amounts = [1, 0.1, 100, 1e15, 1e16, 1e17, 123456789012345680, 1e21, 1.5e-7, 0.00001, 0.000001, -0, -2.5, 5e-324, 1.7976931348623157e308, 0.3 - 0.1]
  const references: TransactionReference[] = [
    { networkId: "1", reference: "0xabc" },
    { namespace: "eip155", networkId: "8453", reference: "", metadata },
    { namespace: TRICKY_TEXT, networkId: TRICKY_TEXT, reference: TRICKY_TEXT, metadata: { ...metadata, currency: TRICKY_TEXT, decimals: 0xffff_ffff } },
    ...amounts.map((amount) => ({ networkId: "1", reference: "0x1", metadata: { ...metadata, amount } })),
  ]
  it.each(references)("transaction reference %#", (reference) => {
    const decoded = roundTrip(transactionReferenceCodec, reference, () => encodeTransactionReference(reference))
    expect(decoded).toEqual(reference)
  })
})

describe("wallet send calls", () => {
  const call = { to: "0xto", data: "0xdata", value: "0x0", gas: "0x5208", metadata: { description: "Send 1 USDC", transactionType: "transfer" } }
  const requests: WalletSendCalls[] = [
    { version: "1.0", chainId: "0x2105", from: "0xfrom", calls: [] },
    { version: "1.0", chainId: "0x2105", from: "0xfrom", calls: [call, {}], capabilities: { paymasterService: "https://pay" } },
    { version: TRICKY_TEXT, chainId: "", from: "", calls: [{ metadata: { description: TRICKY_TEXT, transactionType: "", note: "extra" } }] },
  ]
  it.each(requests)("wallet send calls %#", (request) => {
    expect(roundTrip(walletSendCallsCodec, request, () => encodeWalletSendCalls(request))).toEqual(request)
  })

  it("matches as JSON when libxmtp's HashMaps hold several keys (their order is random there)", () => {
    const request: WalletSendCalls = {
      version: "1.0",
      chainId: "0x1",
      from: "0xfrom",
      calls: [{ metadata: { description: "d", transactionType: "t", a: "1", b: "2", c: "3" } }],
      capabilities: { x: "1", y: "2", z: "3" },
    }
    const parley = walletSendCallsCodec.encode(request)
    const sdk = encodeWalletSendCalls(request)
    expect(JSON.parse(utf8.decode(parley.content))).toEqual(JSON.parse(utf8.decode(sdk.content)))
    expect(JSON.parse(parley.fallback?.replace("[Transaction request generated]: ", "") ?? "")).toEqual(
      JSON.parse(sdk.fallback?.replace("[Transaction request generated]: ", "") ?? ""),
    )
    expect(registry.decodeEncoded(fromSdkEncoded(sdk))).toMatchObject({ value: request })
  })

  it("refuses call metadata without description or transactionType, as the SDK does", () => {
    const request: WalletSendCalls = { version: "1", chainId: "0x1", from: "0x", calls: [{ metadata: { description: "only" } }] }
    expect(() => encodeWalletSendCalls(request)).toThrow()
    expect(() => walletSendCallsCodec.encode(request)).toThrow(ContentEncodeError)
  })
})

describe("intents", () => {
  const intents: Intent[] = [
    { id: "menu-1", actionId: "yes" },
    { id: "menu-1", actionId: "yes", metadata: {} },
    { id: TRICKY_TEXT, actionId: TRICKY_TEXT, metadata: { nested: { z: 1, a: 2.5, n: null, list: [1, "s", true, -7, 1e21, 2 ** 53, -0], t: TRICKY_TEXT } } },
  ]
  it.each(intents)("intent %#", (intent) => {
    // napi turns -0 into the integer 0 (so does a JSON round trip), and Parley writes it as 0 too.
    expect(roundTrip(intentCodec, intent, () => encodeIntent(intent))).toEqual(JSON.parse(JSON.stringify(intent)))
  })

  it("matches as JSON with several metadata keys (libxmtp's HashMap order is random)", () => {
    const intent: Intent = { id: "x", actionId: "y", metadata: { a: 1, b: "two", c: [3], d: { e: false } } }
    roundTrip(intentCodec, intent, () => encodeIntent(intent), false)
  })

  it("refuses metadata over 10 KiB, at the same size as the SDK", () => {
    // {"k":"<n x's>"} is n + 8 bytes: 10240 bytes is allowed, 10241 is not.
    const sized = (n: number): Intent => ({ id: "i", actionId: "a", metadata: { k: "x".repeat(n) } })
    expect(() => encodeIntent(sized(10_232))).not.toThrow()
    roundTrip(intentCodec, sized(10_232), () => encodeIntent(sized(10_232)))
    expect(() => encodeIntent(sized(10_233))).toThrow(/too large/)
    expect(() => intentCodec.encode(sized(10_233))).toThrow(expect.objectContaining({ code: "TooLarge" }))
  })
})

describe("actions", () => {
  const action = { id: "a1", label: "Yes" }
  const actionsList: Actions[] = [
    { id: "menu", description: "Pick one", actions: [action] },
    {
      id: "menu",
      description: TRICKY_TEXT,
      actions: [
        { id: "a1", label: "One", imageUrl: "https://img/1.png", style: "primary", expiresAtNs: 1_736_944_245_123_456_789n },
        { id: "a2", label: TRICKY_TEXT, style: "secondary" },
        { id: "a3", label: "Three", style: "danger", expiresAtNs: -1n },
        { id: "a4", label: "Four", expiresAtNs: 0n },
      ],
      expiresAtNs: 4_102_444_800_000_000_000n,
    },
    { id: "", description: "", actions: Array.from({ length: 10 }, (_, i) => ({ id: `a${i}`, label: `${i}` })), expiresAtNs: -(2n ** 63n) },
  ]
  it.each(actionsList)("actions %#", (actions) => {
    const decoded = roundTrip(actionsCodec, actions, () => encodeActions(toSdkActions(actions)))
    // Expiry is written with millisecond precision, so it reads back truncated to the millisecond.
    const toMillis = (ns: bigint | undefined) => (ns === undefined ? undefined : (ns / 1_000_000n - (ns % 1_000_000n < 0n ? 1n : 0n)) * 1_000_000n)
    expect(decoded).toEqual({
      ...actions,
      ...(actions.expiresAtNs === undefined ? {} : { expiresAtNs: toMillis(actions.expiresAtNs) }),
      actions: actions.actions.map((a) => ({ ...a, ...(a.expiresAtNs === undefined ? {} : { expiresAtNs: toMillis(a.expiresAtNs) }) })),
    })
    expect(fromSdkActions(toSdkActions(decoded))).toEqual(decoded)
  })

  it.each([
    ["no actions", { id: "m", description: "d", actions: [] }],
    ["eleven actions", { id: "m", description: "d", actions: Array.from({ length: 11 }, (_, i) => ({ id: `a${i}`, label: "x" })) }],
    ["duplicate ids", { id: "m", description: "d", actions: [action, action] }],
  ] as Array<[string, Actions]>)("refuses %s, as the SDK does", (_, actions) => {
    expect(() => encodeActions(toSdkActions(actions))).toThrow()
    expect(() => actionsCodec.encode(actions)).toThrow(ContentEncodeError)
  })
})

describe("content type ids", () => {
  it("are the SDK's", async () => {
    const sdk = await import("@xmtp/node-sdk")
    const pairs: Array<[Pick<ContentCodec<unknown>, "contentType">, () => unknown]> = [
      [textCodec, sdk.contentTypeText],
      [markdownCodec, sdk.contentTypeMarkdown],
      [reactionCodec, sdk.contentTypeReaction],
      [readReceiptCodec, sdk.contentTypeReadReceipt],
      [attachmentCodec, sdk.contentTypeAttachment],
      [remoteAttachmentCodec, sdk.contentTypeRemoteAttachment],
      [multiRemoteAttachmentCodec, sdk.contentTypeMultiRemoteAttachment],
      [transactionReferenceCodec, sdk.contentTypeTransactionReference],
      [walletSendCallsCodec, sdk.contentTypeWalletSendCalls],
      [actionsCodec, sdk.contentTypeActions],
      [intentCodec, sdk.contentTypeIntent],
    ]
    for (const [codec, sdkId] of pairs) expect(codec.contentType).toEqual(withoutAbsent(sdkId()))
    const { replyCodec, groupUpdatedCodec, leaveRequestCodec } = await import("../../../src/engine/content/index")
    expect(replyCodec.contentType).toEqual(sdk.contentTypeReply())
    expect(groupUpdatedCodec.contentType).toEqual(sdk.contentTypeGroupUpdated())
    expect(leaveRequestCodec.contentType).toEqual(sdk.contentTypeLeaveRequest())
  })
})
