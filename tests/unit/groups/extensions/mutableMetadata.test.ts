// 0xff00: GroupMutableMetadataV1 as prost writes it (map entries without empty values, both admin
// lists always present), the defaults of new groups and DMs, and the attribute readers.
import { describe, expect, it } from "vitest"
import { METADATA_FIELD } from "../../../../src/engine/groups/extensions/metadataFields"
import {
  commitLogSignerOf,
  decodeGroupMutableMetadata,
  encodeGroupMutableMetadata,
  messageDisappearingSettingsOf,
  newDmMutableMetadata,
  newGroupMutableMetadata,
  type GroupMutableMetadata,
} from "../../../../src/engine/groups/extensions/mutableMetadata"
import { ascii, fromHex, hex, throwsCode } from "./support"

const SIGNER = Uint8Array.from({ length: 32 }, (_, i) => i)
const meta = (attributes: [string, string][], adminList: string[] = [], superAdminList: string[] = []): GroupMutableMetadata => ({
  attributes: new Map(attributes),
  adminList,
  superAdminList,
})

describe("GroupMutableMetadataV1 bytes", () => {
  it("writes an empty value as a key-only entry and empty admin lists as present, empty messages", () => {
    const bytes = encodeGroupMutableMetadata(
      meta(
        [
          ["group_name", "x"],
          ["description", ""],
        ],
        [],
        ["a"],
      ),
    )
    const nameEntry = `0a0f 0a0a${ascii("group_name")} 1201${ascii("x")}`
    const descriptionEntry = `0a0d 0a0b${ascii("description")}`
    expect(hex(bytes)).toBe(`${nameEntry} ${descriptionEntry} 1200 1a03 0a01${ascii("a")}`.replace(/ /g, ""))
  })

  it("decodes attributes in wire order, so what it decoded re-encodes to the same bytes", () => {
    const bytes = encodeGroupMutableMetadata(meta([["b", "2"], ["a", "1"], ["", ""]], ["x", "y"], ["z"]))
    const decoded = decodeGroupMutableMetadata(bytes)
    expect([...decoded.attributes]).toEqual([
      ["b", "2"],
      ["a", "1"],
      ["", ""],
    ])
    expect(hex(encodeGroupMutableMetadata(decoded))).toBe(hex(bytes))
  })

  it("requires both admin lists, as libxmtp's MissingMetadataField does", () => {
    throwsCode(() => decodeGroupMutableMetadata(fromHex("1a00")), "MissingField")
    throwsCode(() => decodeGroupMutableMetadata(fromHex("1200")), "MissingField")
    expect(decodeGroupMutableMetadata(fromHex("12001a00"))).toEqual(meta([]))
  })

  it("refuses attribute bytes that are not UTF-8 and entries with the wrong wire type", () => {
    throwsCode(() => decodeGroupMutableMetadata(fromHex("0a04 0a02c328 1200 1a00")), "NotUtf8")
    throwsCode(() => decodeGroupMutableMetadata(fromHex("0801 1200 1a00")), "Malformed")
  })
})

describe("defaults", () => {
  it("gives a new group the four display attributes, the signer, no admins and the creator as super admin", () => {
    const metadata = newGroupMutableMetadata("creator", SIGNER, { name: "Team" })
    expect([...metadata.attributes]).toEqual([
      [METADATA_FIELD.groupName, "Team"],
      [METADATA_FIELD.description, ""],
      [METADATA_FIELD.groupImageUrlSquare, ""],
      [METADATA_FIELD.appData, ""],
      [METADATA_FIELD.commitLogSigner, Buffer.from(SIGNER).toString("hex")],
    ])
    expect(metadata.adminList).toEqual([])
    expect(metadata.superAdminList).toEqual(["creator"])
  })

  it("adds both disappearing attributes as decimal i64 strings when settings are given", () => {
    const metadata = newGroupMutableMetadata("c", SIGNER, { messageDisappearingSettings: { fromNs: 10n, inNs: -5n } })
    expect(metadata.attributes.get(METADATA_FIELD.messageDisappearFromNs)).toBe("10")
    expect(metadata.attributes.get(METADATA_FIELD.messageDisappearInNs)).toBe("-5")
    expect(messageDisappearingSettingsOf(metadata)).toEqual({ fromNs: 10n, inNs: -5n })
  })

  it("gives a DM no app_data attribute and no admins at all", () => {
    const metadata = newDmMutableMetadata(SIGNER)
    expect([...metadata.attributes.keys()]).toEqual([METADATA_FIELD.groupName, METADATA_FIELD.description, METADATA_FIELD.groupImageUrlSquare, METADATA_FIELD.commitLogSigner])
    expect(metadata.superAdminList).toEqual([])
  })

  it("refuses a commit-log signer that is not 32 bytes", () => {
    throwsCode(() => newGroupMutableMetadata("c", SIGNER.subarray(1)), "InvalidValue")
  })
})

describe("attribute readers", () => {
  it("read disappearing settings only when both parse as Rust parses an i64", () => {
    const read = (from: string, inNs: string) =>
      messageDisappearingSettingsOf(meta([[METADATA_FIELD.messageDisappearFromNs, from], [METADATA_FIELD.messageDisappearInNs, inNs]]))
    expect(read("+7", "9223372036854775807")).toEqual({ fromNs: 7n, inNs: 9223372036854775807n })
    expect(read("1", "9223372036854775808")).toBeUndefined()
    expect(read("1", " 2")).toBeUndefined()
    expect(read("1.5", "2")).toBeUndefined()
    expect(messageDisappearingSettingsOf(meta([[METADATA_FIELD.messageDisappearFromNs, "1"]]))).toBeUndefined()
  })

  it("read the commit-log signer from hex of either case, and nothing from invalid hex", () => {
    expect(commitLogSignerOf(meta([[METADATA_FIELD.commitLogSigner, "0aFF"]]))).toEqual(Uint8Array.of(0x0a, 0xff))
    expect(commitLogSignerOf(meta([[METADATA_FIELD.commitLogSigner, "0g"]]))).toBeUndefined()
    expect(commitLogSignerOf(meta([[METADATA_FIELD.commitLogSigner, "abc"]]))).toBeUndefined()
    expect(commitLogSignerOf(meta([]))).toBeUndefined()
  })
})
