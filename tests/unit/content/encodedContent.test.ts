// EncodedContent and the content-type protobufs as prost reads and writes them, with the ts-proto
// codecs of @xmtp/proto 3.89.0 as a second reader wherever it has one.
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { describe, expect, it } from "vitest"
import {
  contentTypeId,
  ContentDecodeError,
  decodeEncodedContent,
  encodeEncodedContent,
  groupMembershipChangeCodec,
  groupUpdatedCodec,
  multiRemoteAttachmentCodec,
  reactionCodec,
  type EncodedContent,
  type GroupMembershipChanges,
  type GroupUpdated,
  type MultiRemoteAttachment,
  type Reaction,
} from "../../../src/engine/content/index"
import { content as contentProto, transcript } from "../../../src/engine/proto/index"
import type * as ReactionTypes from "@xmtp-proto-types/mls/message_contents/content_types/reaction.pb"
import type * as MultiTypes from "@xmtp-proto-types/mls/message_contents/content_types/multi_remote_attachment.pb"

const require = createRequire(import.meta.url)
const protoRoot = dirname(require.resolve("@xmtp/proto"))
const reactionProto = require(join(protoRoot, "mls/message_contents/content_types/reaction.pb.js")) as typeof ReactionTypes
const multiProto = require(join(protoRoot, "mls/message_contents/content_types/multi_remote_attachment.pb.js")) as typeof MultiTypes

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex")
const unhex = (text: string) => new Uint8Array(Buffer.from(text.replace(/\s/g, ""), "hex"))

const sample: EncodedContent = {
  type: contentTypeId("xmtp.org", "text", 1, 0),
  parameters: new Map([["encoding", "UTF-8"]]),
  fallback: "",
  compression: 0,
  content: new TextEncoder().encode("hi"),
}

describe("EncodedContent", () => {
  it("is written in tag order, content (4) before compression (5), optional fields whenever present", () => {
    expect(hex(encodeEncodedContent(sample))).toBe(
      "0a12" + "0a08786d74702e6f7267" + "1204" + "74657874" + "1801" + // type
        "1211" + "0a08656e636f64696e67" + "1205" + "5554462d38" + // parameters
        "1a00" + // fallback: Some("")
        "22026869" + // content
        "2800", // compression: Some(DEFLATE = 0)
    )
  })

  it("omits absent fields and an empty content", () => {
    expect(hex(encodeEncodedContent({ parameters: new Map(), content: new Uint8Array() }))).toBe("")
    expect(decodeEncodedContent(new Uint8Array())).toEqual({ parameters: new Map(), content: new Uint8Array() })
  })

  it("reads back what ts-proto writes, and ts-proto reads what Parley writes", () => {
    const viaTsProto = contentProto.EncodedContent.encode({
      type: { authorityId: "a", typeId: "t", versionMajor: 4294967295, versionMinor: 7 },
      parameters: { k: "v", "": "" },
      fallback: "fb",
      compression: contentProto.Compression.COMPRESSION_GZIP,
      content: new Uint8Array([1, 2, 3]),
    }).finish()
    const decoded = decodeEncodedContent(viaTsProto)
    expect(decoded).toEqual({
      type: contentTypeId("a", "t", 4294967295, 7),
      parameters: new Map([
        ["k", "v"],
        ["", ""],
      ]),
      fallback: "fb",
      compression: 1,
      content: new Uint8Array([1, 2, 3]),
    })
    const back = contentProto.EncodedContent.decode(encodeEncodedContent(decoded))
    expect(back.parameters).toEqual({ k: "v", "": "" })
    expect(back.type?.versionMajor).toBe(4294967295)
  })

  it("skips unknown fields (groups included), keeps the last of repeated scalars and merges repeated type messages", () => {
    // type {authority "a"}, unknown varint field 9, unknown group 10, content "x", type {type "t"}, content "y"
    const bytes = unhex("0a03 0a0161  4801  5308 0154  2201 78  0a03 120174  2201 79")
    expect(decodeEncodedContent(bytes)).toEqual({
      type: contentTypeId("a", "t", 0, 0),
      parameters: new Map(),
      content: new Uint8Array([0x79]),
    })
  })

  it.each([
    ["a known field with the wrong wire type", "2005"],
    ["a truncated length", "2205 6869"],
    ["field number 0", "0001"],
    ["wire type 7", "0f"],
    ["a varint longer than 10 bytes", "28 ffffffffffffffffffff01"],
    ["an unterminated group", "53 0801"],
    ["a parameter that is not UTF-8", "1206 0a02c328 1200"],
    ["a fallback that is not UTF-8", "1a02 c328"],
  ])("refuses %s, as prost does", (_, bytes) => {
    expect(() => decodeEncodedContent(unhex(bytes))).toThrow(ContentDecodeError)
  })

  it("truncates uint32 versions to 32 bits, as prost does", () => {
    // version_major = 2^32 + 5
    const bytes = unhex("0a06 18 8580808010")
    expect(decodeEncodedContent(bytes).type?.versionMajor).toBe(5)
  })
})

describe("content-type protobufs against ts-proto", () => {
  it("ReactionV2", () => {
    const reaction: Reaction = { reference: "abc", referenceInboxId: "inbox", action: "removed", content: "👍", schema: "custom" }
    const bytes = reactionCodec.encode(reaction).content
    expect(reactionProto.ReactionV2.decode(bytes)).toEqual({
      reference: "abc",
      referenceInboxId: "inbox",
      action: reactionProto.ReactionAction.REACTION_ACTION_REMOVED,
      content: "👍",
      schema: reactionProto.ReactionSchema.REACTION_SCHEMA_CUSTOM,
    })
    expect(hex(reactionProto.ReactionV2.encode(reactionProto.ReactionV2.decode(bytes)).finish())).toBe(hex(bytes))
    // An enum value Parley does not know reads as unknown, as the node bindings show it.
    const future = reactionProto.ReactionV2.encode({ ...reactionProto.ReactionV2.decode(bytes), action: 7 as never }).finish()
    expect(reactionCodec.decode({ ...reactionCodec.encode(reaction), content: future }).action).toBe("unknown")
  })

  it("MultiRemoteAttachment", () => {
    const multi: MultiRemoteAttachment = {
      attachments: [
        { url: "https://x/1", contentDigest: "d", secret: new Uint8Array([1]), salt: new Uint8Array([2]), nonce: new Uint8Array([3]), scheme: "https://", contentLength: 0, filename: "" },
        { url: "https://x/2", contentDigest: "e", secret: new Uint8Array(), salt: new Uint8Array(), nonce: new Uint8Array(), scheme: "" },
      ],
    }
    const bytes = multiRemoteAttachmentCodec.encode(multi).content
    const viaTsProto = multiProto.MultiRemoteAttachment.decode(bytes)
    expect(viaTsProto.attachments[0]?.contentLength).toBe(0)
    expect(viaTsProto.attachments[0]?.filename).toBe("")
    expect(viaTsProto.attachments[1]?.contentLength).toBeUndefined()
    expect(hex(multiProto.MultiRemoteAttachment.encode(viaTsProto).finish())).toBe(hex(bytes))
    expect(multiRemoteAttachmentCodec.decode({ ...multiRemoteAttachmentCodec.encode(multi), content: bytes })).toEqual(multi)
  })

  it("GroupUpdated", () => {
    const update: GroupUpdated = {
      initiatedByInboxId: "alice",
      addedInboxes: [{ inboxId: "bob" }, { inboxId: "" }],
      removedInboxes: [{ inboxId: "carol" }],
      leftInboxes: [{ inboxId: "dave" }],
      metadataFieldChanges: [{ fieldName: "group_name", oldValue: "", newValue: "New" }, { fieldName: "description" }],
      addedAdminInboxes: [{ inboxId: "e" }],
      removedAdminInboxes: [{ inboxId: "f" }],
      addedSuperAdminInboxes: [{ inboxId: "g" }],
      removedSuperAdminInboxes: [{ inboxId: "h" }],
    }
    const bytes = groupUpdatedCodec.encode(update).content
    const viaTsProto = transcript.GroupUpdated.decode(bytes)
    expect(viaTsProto.metadataFieldChanges[0]?.oldValue).toBe("")
    expect(viaTsProto.metadataFieldChanges[1]?.oldValue).toBeUndefined()
    expect(hex(transcript.GroupUpdated.encode(viaTsProto).finish())).toBe(hex(bytes))
    expect(groupUpdatedCodec.decode({ ...groupUpdatedCodec.encode(update), content: bytes })).toEqual(update)
  })

  it("GroupMembershipChanges", () => {
    const changes: GroupMembershipChanges = {
      membersAdded: [{ installationIds: [new Uint8Array([1, 2]), new Uint8Array()], accountAddress: "0xa", initiatedByAccountAddress: "0xb" }],
      membersRemoved: [],
      installationsAdded: [{ installationIds: [], accountAddress: "", initiatedByAccountAddress: "" }],
      installationsRemoved: [{ installationIds: [new Uint8Array([9])], accountAddress: "0xc", initiatedByAccountAddress: "" }],
    }
    const bytes = groupMembershipChangeCodec.encode(changes).content
    expect(hex(transcript.GroupMembershipChanges.encode(transcript.GroupMembershipChanges.decode(bytes)).finish())).toBe(hex(bytes))
    expect(groupMembershipChangeCodec.decode({ ...groupMembershipChangeCodec.encode(changes), content: bytes })).toEqual(changes)
  })
})
