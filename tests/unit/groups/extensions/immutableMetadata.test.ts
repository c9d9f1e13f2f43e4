// 0xf000: GroupMetadataV1 bytes as prost writes them, the TLS opaque<V> around them, and the
// conversions libxmtp refuses (conversation type outside 1-4, a DM member missing).
import { describe, expect, it } from "vitest"
import {
  decodeGroupMetadata,
  decodeImmutableMetadataExtension,
  encodeGroupMetadata,
  encodeImmutableMetadataExtension,
  newDmMetadata,
  newGroupMetadata,
} from "../../../../src/engine/groups/extensions/immutableMetadata"
import { ascii, fromHex, hex, throwsCode } from "./support"

const INBOX = "a".repeat(64)

describe("GroupMetadataV1", () => {
  it("encodes a group as conversation_type then creator_inbox_id, omitting the empty legacy address", () => {
    const bytes = encodeGroupMetadata(newGroupMetadata("ab"))
    expect(hex(bytes)).toBe(`0801 1a02${ascii("ab")}`.replace(" ", ""))
    expect(decodeGroupMetadata(bytes)).toEqual({ conversationType: "group", creatorInboxId: "ab", creatorAccountAddress: "" })
  })

  it("encodes a DM with the creator as member one and the peer as member two", () => {
    const metadata = newDmMetadata("a", "b")
    const bytes = encodeGroupMetadata(metadata)
    expect(hex(bytes)).toBe(`0802 1a01${ascii("a")} 220a 0a030a01${ascii("a")} 12030a01${ascii("b")}`.replace(/ /g, ""))
    expect(decodeGroupMetadata(bytes)).toEqual(metadata)
  })

  it("round-trips a sync group and a oneshot conversation with its readd request", () => {
    const sync = newGroupMetadata(INBOX, "sync")
    expect(decodeGroupMetadata(encodeGroupMetadata(sync))).toEqual(sync)
    const oneshot = newGroupMetadata("a", "oneshot", { readdRequest: { groupId: Uint8Array.of(1, 2), latestCommitSequenceId: 5n } })
    const bytes = encodeGroupMetadata(oneshot)
    expect(hex(bytes)).toBe(`0804 1a01${ascii("a")} 2a08 0a06 0a020102 1005`.replace(/ /g, ""))
    expect(decodeGroupMetadata(bytes)).toEqual(oneshot)
  })

  it("keeps a legacy creator address so the bytes re-encode unchanged", () => {
    const bytes = fromHex(`0801 1202${ascii("0x")} 1a01${ascii("a")}`)
    expect(hex(encodeGroupMetadata(decodeGroupMetadata(bytes)))).toBe(hex(bytes))
  })

  it("skips unknown fields and lets the last scalar win, as prost does", () => {
    expect(decodeGroupMetadata(fromHex(`0802 0801 1a01${ascii("x")} 1a01${ascii("y")} 3a00 4001`))).toEqual({
      conversationType: "group",
      creatorInboxId: "y",
      creatorAccountAddress: "",
    })
  })

  it("merges repeated dm_members occurrences, so the members may come in separate fields", () => {
    const bytes = fromHex(`0802 1a01${ascii("a")} 2205 0a030a01${ascii("a")} 2205 12030a01${ascii("b")}`)
    expect(decodeGroupMetadata(bytes).dmMembers).toEqual({ memberOneInboxId: "a", memberTwoInboxId: "b" })
  })

  it("refuses conversation types outside 1-4 and DM members with one side missing", () => {
    throwsCode(() => decodeGroupMetadata(fromHex("")), "InvalidConversationType")
    throwsCode(() => decodeGroupMetadata(fromHex("0805")), "InvalidConversationType")
    throwsCode(() => decodeGroupMetadata(fromHex(`0802 2205 0a030a01${ascii("a")}`)), "MissingField")
  })

  it("refuses wrong wire types and bad UTF-8", () => {
    throwsCode(() => decodeGroupMetadata(fromHex("0a0101")), "Malformed")
    throwsCode(() => decodeGroupMetadata(fromHex("0801 1a02c328")), "NotUtf8")
  })
})

describe("the 0xf000 extension data", () => {
  it("puts the protobuf behind a TLS opaque<V> length, two bytes from 64 bytes on", () => {
    const metadata = newGroupMetadata(INBOX)
    const data = encodeImmutableMetadataExtension(metadata)
    expect(hex(data.subarray(0, 6))).toBe("4044" + "0801" + "1a40")
    expect(decodeImmutableMetadataExtension(data)).toEqual(metadata)
  })

  it("ignores bytes after the opaque<V>, as OpenMLS does, and refuses a bad length prefix", () => {
    const data = encodeImmutableMetadataExtension(newGroupMetadata("a"))
    expect(decodeImmutableMetadataExtension(Uint8Array.of(...data, 0xff)).creatorInboxId).toBe("a")
    throwsCode(() => decodeImmutableMetadataExtension(data.subarray(0, data.length - 1)), "MalformedTls")
    throwsCode(() => decodeImmutableMetadataExtension(fromHex("4005 0801")), "MalformedTls")
    throwsCode(() => decodeImmutableMetadataExtension(new Uint8Array(0)), "MalformedTls")
  })
})
