// 0xff01: GroupMembership as prost writes it. A new group's creator sits at sequence id 0, which
// prost leaves out of the map entry.
import { describe, expect, it } from "vitest"
import { decodeGroupMembership, encodeGroupMembership, startingGroupMembership } from "../../../../src/engine/groups/extensions/groupMembership"
import { ascii, fromHex, hex, throwsCode } from "./support"

describe("GroupMembership", () => {
  it("writes the creator's placeholder sequence id 0 as a key-only entry", () => {
    expect(hex(encodeGroupMembership(startingGroupMembership("a")))).toBe(`0a03 0a01${ascii("a")}`.replace(/ /g, ""))
  })

  it("writes sequence ids as varints and failed installations as repeated bytes", () => {
    const membership = { members: new Map([["a", 0n], ["b", 300n]]), failedInstallations: [Uint8Array.of(1, 2)] }
    const bytes = encodeGroupMembership(membership)
    expect(hex(bytes)).toBe(`0a03 0a01${ascii("a")} 0a06 0a01${ascii("b")} 10ac02 1202 0102`.replace(/ /g, ""))
    expect(decodeGroupMembership(bytes)).toEqual(membership)
  })

  it("reads entries without key or value as the defaults, and a repeated key as its last value", () => {
    const decoded = decodeGroupMembership(fromHex(`0a00 0a05 0a01${ascii("b")} 1001 0a05 0a01${ascii("b")} 1002`))
    expect([...decoded.members]).toEqual([
      ["", 0n],
      ["b", 2n],
    ])
  })

  it("takes sequence ids up to 2^64-1 and refuses malformed entries", () => {
    const max = { members: new Map([["a", 2n ** 64n - 1n]]), failedInstallations: [] }
    expect(decodeGroupMembership(encodeGroupMembership(max))).toEqual(max)
    throwsCode(() => encodeGroupMembership({ members: new Map([["a", 2n ** 64n]]), failedInstallations: [] }), "InvalidValue")
    throwsCode(() => decodeGroupMembership(fromHex(`0a03 0a01${ascii("a")} 1205`)), "Malformed")
    throwsCode(() => decodeGroupMembership(fromHex("0a02 1201")), "Malformed")
    throwsCode(() => decodeGroupMembership(fromHex("0801")), "Malformed")
  })
})
