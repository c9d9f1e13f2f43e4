// Decoders against hostile bytes: random and mutated payloads for every codec, random and mutated
// EncodedContent envelopes, and random remote attachment blobs. A fixed seed keeps runs
// repeatable; whatever the input, the only failure allowed is the typed one (and never the
// "CodecFailed" that would mean a built-in codec threw something untyped).
import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import {
  BUILT_IN_CODECS,
  CodecRegistry,
  ContentDecodeError,
  contentTypeIdToString,
  decryptAttachment,
  encodeEncodedContent,
  encryptAttachment,
  RemoteAttachmentError,
  textCodec,
  type ContentCodec,
  type EncodedContent,
} from "../../../src/engine/content/index"

const ITERATIONS = 3000
const registry = new CodecRegistry()

/** mulberry32: small, fast and deterministic. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Fuzzer {
  private readonly random: () => number
  constructor(seed: number) {
    this.random = prng(seed)
  }

  int(max: number): number {
    return Math.floor(this.random() * max)
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T
  }

  bytes(maxLength: number): Uint8Array {
    return Uint8Array.from({ length: this.int(maxLength + 1) }, () => this.int(256))
  }

  /** 1 to 4 edits: bit flips, byte changes, insertions, deletions, truncation, duplicated runs. */
  mutate(input: Uint8Array, alphabet?: readonly number[]): Uint8Array {
    let bytes = Array.from(input)
    const edits = 1 + this.int(4)
    for (let i = 0; i < edits; i++) {
      const at = this.int(bytes.length + 1)
      const byte = alphabet ? this.pick(alphabet) : this.int(256)
      switch (this.int(6)) {
        case 0:
          if (at < bytes.length) bytes[at] = (bytes[at] ?? 0) ^ (1 << this.int(8))
          break
        case 1:
          if (at < bytes.length) bytes[at] = byte
          break
        case 2:
          bytes.splice(at, 0, byte)
          break
        case 3:
          bytes.splice(at, 1 + this.int(3))
          break
        case 4:
          bytes = bytes.slice(0, at)
          break
        default:
          bytes.splice(at, 0, ...bytes.slice(at, at + 1 + this.int(8)))
      }
    }
    return Uint8Array.from(bytes)
  }
}

const JSON_ALPHABET = Array.from('{}[]:,"\\-+.0123456789eEtrufalsn ', (c) => c.charCodeAt(0)).concat([0x00, 0x1f, 0xc3, 0xed, 0xff])

const range = (n: number) => Uint8Array.from({ length: n }, (_, i) => i)
const remote = { url: "https://x/1", contentDigest: "ab".repeat(32), secret: range(32), salt: range(32), nonce: range(12), scheme: "https://", contentLength: 9, filename: "f" }

/** A representative value of each built-in, by content type, so mutations start from valid payloads. */
const SAMPLES = new Map<string, unknown>([
  ["xmtp.org/text:1.0", "héllo 👋"],
  ["xmtp.org/markdown:1.0", "# hi"],
  ["xmtp.org/reaction:2.0", { reference: "ab", referenceInboxId: "inbox", action: "added", content: "👍", schema: "unicode" }],
  ["xmtp.org/reaction:1.0", { reference: "ab", referenceInboxId: "", action: "removed", content: ":x:", schema: "shortcode" }],
  ["xmtp.org/reply:1.0", { reference: "ab", referenceInboxId: "inbox", content: textCodec.encode("inner") }],
  ["xmtp.org/readReceipt:1.0", {}],
  ["xmtp.org/attachment:1.0", { filename: "a.png", mimeType: "image/png", content: range(40) }],
  ["xmtp.org/remoteStaticAttachment:1.0", remote],
  ["xmtp.org/multiRemoteStaticAttachment:1.0", { attachments: [remote, { ...remote, filename: "g" }] }],
  ["xmtp.org/transactionReference:1.0", { namespace: "eip155", networkId: "1", reference: "0x1", metadata: { transactionType: "t", currency: "c", amount: 1.5, decimals: 6, fromAddress: "a", toAddress: "b" } }],
  ["xmtp.org/walletSendCalls:1.0", { version: "1", chainId: "0x1", from: "0xf", calls: [{ to: "0xt", metadata: { description: "d", transactionType: "t", x: "y" } }], capabilities: { a: "b" } }],
  [
    "xmtp.org/group_updated:1.0",
    {
      initiatedByInboxId: "a",
      addedInboxes: [{ inboxId: "b" }],
      removedInboxes: [],
      leftInboxes: [],
      metadataFieldChanges: [{ fieldName: "group_name", oldValue: "x", newValue: "y" }],
      addedAdminInboxes: [],
      removedAdminInboxes: [],
      addedSuperAdminInboxes: [],
      removedSuperAdminInboxes: [{ inboxId: "c" }],
    },
  ],
  ["xmtp.org/group_membership_change:1.0", { membersAdded: [{ installationIds: [range(4)], accountAddress: "0xa", initiatedByAccountAddress: "0xb" }], membersRemoved: [], installationsAdded: [], installationsRemoved: [] }],
  ["xmtp.org/leave_request:1.0", { authenticatedNote: range(8) }],
  ["xmtp.org/deleteMessage:1.0", { messageId: "ab" }],
  ["coinbase.com/actions:1.0", { id: "m", description: "d", actions: [{ id: "a", label: "A", imageUrl: "i", style: "danger", expiresAtNs: 1_736_944_245_123_000_000n }], expiresAtNs: 0n }],
  ["coinbase.com/intent:1.0", { id: "m", actionId: "a", metadata: { n: 1, s: "x", l: [true, null], o: { k: 2.5 } } }],
])

const PARAMETER_NAMES = ["encoding", "reference", "referenceInboxId", "contentType", "mimeType", "filename", "contentDigest", "salt", "nonce", "secret", "scheme", "contentLength"]

/** Runs `decode` and returns the typed failure, or undefined; anything else fails the test. */
function typedFailure(decode: () => unknown): ContentDecodeError | undefined {
  try {
    decode()
    return undefined
  } catch (error) {
    if (!(error instanceof ContentDecodeError)) throw error
    expect(error.code).not.toBe("CodecFailed")
    return error
  }
}

function sampleEncoding(codec: ContentCodec<unknown>): EncodedContent {
  const key = contentTypeIdToString(codec.contentType)
  if (!SAMPLES.has(key)) throw new Error(`no sample for ${key}`)
  return codec.encode(SAMPLES.get(key))
}

describe.each(BUILT_IN_CODECS.map((codec, index) => [contentTypeIdToString(codec.contentType), codec, index] as const))(
  "%s",
  (_, codec, index) => {
    it(`decodes ${ITERATIONS} random payloads and parameters with typed failures only`, () => {
      const fuzz = new Fuzzer(0x5eed + index)
      for (let i = 0; i < ITERATIONS; i++) {
        const parameters = new Map(Array.from({ length: fuzz.int(4) }, () => [fuzz.pick(PARAMETER_NAMES), new TextDecoder().decode(fuzz.bytes(12))] as [string, string]))
        typedFailure(() => registry.decodeEncoded({ type: codec.contentType, parameters, content: fuzz.bytes(64) }))
      }
    })

    it(`decodes ${ITERATIONS} mutations of a valid payload with typed failures only`, () => {
      const fuzz = new Fuzzer(0xfade + index)
      const valid = sampleEncoding(codec)
      expect(typedFailure(() => registry.decodeEncoded(valid))).toBeUndefined()
      const json = valid.content[0] === 0x7b || valid.content[0] === 0x5b
      for (let i = 0; i < ITERATIONS; i++) {
        const content = fuzz.mutate(valid.content, json && fuzz.int(2) === 0 ? JSON_ALPHABET : undefined)
        typedFailure(() => registry.decodeEncoded({ ...valid, content }))
      }
    })
  },
)

describe("EncodedContent envelopes", () => {
  it(`decodes ${ITERATIONS * 3} random and mutated envelopes with typed failures only`, () => {
    const fuzz = new Fuzzer(0xe17e)
    const valid = BUILT_IN_CODECS.map((codec) => encodeEncodedContent({ ...sampleEncoding(codec), compression: fuzz.int(3) === 0 ? 0 : undefined }))
    let decoded = 0
    for (let i = 0; i < ITERATIONS * 3; i++) {
      const bytes = i % 3 === 0 ? fuzz.bytes(96) : fuzz.mutate(fuzz.pick(valid))
      if (!typedFailure(() => registry.decode(bytes))) decoded++
    }
    // The mutations must reach the codecs, not only the envelope reader.
    expect(decoded).toBeGreaterThan(ITERATIONS / 10)
  })
})

describe("remote attachment blobs", () => {
  it("refuses random and altered ciphertext with RemoteAttachmentError only", () => {
    const fuzz = new Fuzzer(0xb10b)
    const sealed = encryptAttachment({ filename: "f", mimeType: "text/plain", content: range(100) })
    const reference = { ...remote, contentDigest: sealed.contentDigest, secret: sealed.secret, salt: sealed.salt, nonce: sealed.nonce }
    expect(decryptAttachment(sealed.payload, reference).content).toEqual(range(100))
    for (let i = 0; i < 500; i++) {
      const blob = i % 2 === 0 ? fuzz.bytes(200) : fuzz.mutate(sealed.payload)
      if (Buffer.from(blob).equals(sealed.payload)) continue
      // With the digest of the altered blob, the failure has to come from AES-GCM instead.
      const digest = i % 4 < 2 ? reference.contentDigest : createHash("sha256").update(blob).digest("hex")
      expect(() => decryptAttachment(blob, { ...reference, contentDigest: digest })).toThrow(RemoteAttachmentError)
    }
  })
})
