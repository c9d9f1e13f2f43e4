// The protobuf reader and writer against prost's rules: keys, varint limits, skipped unknown fields
// and groups, nesting depth, merged occurrences, and what the writer omits.
import { describe, expect, it } from "vitest"
import { MessageChunks, ProtoReader, ProtoWriter } from "../../../../src/engine/groups/extensions/protoWire"
import { fromHex, hex, throwsCode } from "./support"

const skipAll = (bytes: Uint8Array) => {
  const reader = new ProtoReader(bytes)
  const fields: number[] = []
  while (!reader.done()) {
    const key = reader.key()
    fields.push(key.field)
    reader.skip(key)
  }
  return fields
}

describe("ProtoReader", () => {
  it("skips every wire type, groups included", () => {
    // varint, fixed64, length-delimited, group { varint }, fixed32
    expect(skipAll(fromHex("0801 110102030405060708 1a0161 23080124 2d01020304"))).toEqual([1, 2, 3, 4, 5])
  })

  it("refuses field number 0, wire types 6 and 7, and stray or mismatched end-group tags", () => {
    // field 0, wire type 6, wire type 7, a stray end-group, an end-group for another field, no end
    for (const bad of ["0001", "0e01", "0f01", "0c", "2308012c", "230801"]) throwsCode(() => skipAll(fromHex(bad)), "Malformed")
  })

  it("takes 10-byte varints up to 2^64-1 and refuses longer ones or a 10th byte above 1", () => {
    expect(new ProtoReader(fromHex("ffffffffffffffffff01")).varint()).toBe(2n ** 64n - 1n)
    throwsCode(() => new ProtoReader(fromHex("ffffffffffffffffff02")).varint(), "Malformed")
    throwsCode(() => new ProtoReader(fromHex("ffffffffffffffffffff01")).varint(), "Malformed")
    throwsCode(() => new ProtoReader(fromHex("80")).varint(), "Malformed")
  })

  it("keeps the low 32 bits of an enum varint, signed, as prost's int32 does", () => {
    expect(new ProtoReader(fromHex("ffffffffffffffffff01")).int32()).toBe(-1)
    expect(new ProtoReader(fromHex("8080808010")).int32()).toBe(0)
  })

  it("refuses length-delimited fields that overrun, and strings that are not UTF-8", () => {
    throwsCode(() => skipAll(fromHex("0a05616263")), "Malformed")
    throwsCode(() => new ProtoReader(fromHex("02c328")).string("a test string"), "NotUtf8")
    expect(new ProtoReader(fromHex("03e282ac")).string("a test string")).toBe("€")
  })

  it("limits nesting to 100 levels", () => {
    let reader = new ProtoReader(new Uint8Array(0))
    for (let depth = 1; depth <= 100; depth++) reader = reader.nested(new Uint8Array(0))
    throwsCode(() => reader.nested(new Uint8Array(0)), "Malformed")
    const deepGroup = fromHex("0b".repeat(101) + "0c".repeat(101))
    throwsCode(() => skipAll(deepGroup), "Malformed")
  })
})

describe("MessageChunks", () => {
  it("merges occurrences by concatenation, but refuses one that ends inside a field", () => {
    const chunks = new MessageChunks()
    chunks.add(fromHex("0801"))
    chunks.add(fromHex("1001"))
    expect(hex(chunks.merged())).toBe("08011001")
    const split = new MessageChunks()
    split.add(fromHex("08"))
    split.add(fromHex("01"))
    throwsCode(() => split.merged(), "Malformed")
  })
})

describe("ProtoWriter", () => {
  it("omits zero scalars and empty strings and bytes, but writes present messages and oneof enums", () => {
    const writer = new ProtoWriter().uint64(1, 0n).enumValue(2, 0).string(3, "").bytes(4, new Uint8Array(0)).message(5, new Uint8Array(0)).enumAlways(6, 0)
    expect(hex(writer.finish())).toBe("2a003000")
  })

  it("writes map entries without default keys or values, and repeated fields element by element", () => {
    const map = new ProtoWriter().map(
      1,
      [
        ["", 0n],
        ["a", 300n],
      ],
      (entry, key: string, value: bigint) => entry.string(1, key).uint64(2, value),
    )
    // The ("", 0) entry is empty; ("a", 300) is key 0a0161 then value 10ac02.
    expect(hex(map.finish())).toBe("0a00" + "0a06" + "0a0161" + "10ac02")
    expect(hex(new ProtoWriter().repeatedString(1, ["", "b"]).repeatedBytes(2, [new Uint8Array(0)]).finish())).toBe("0a000a01621200")
  })

  it("writes negative enums as ten-byte varints and refuses uint64 values out of range", () => {
    expect(hex(new ProtoWriter().enumValue(1, -1).finish())).toBe("08ffffffffffffffffff01")
    throwsCode(() => new ProtoWriter().uint64(1, 2n ** 64n), "InvalidValue")
    throwsCode(() => new ProtoWriter().uint64(1, -1n), "InvalidValue")
  })
})
