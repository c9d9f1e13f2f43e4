// The JSON layer against serde_json's rules (what it accepts, how it prints) and chrono's RFC 3339.
// The integration tests compare the printed bytes with libxmtp's own output; these pin the edges.
import { describe, expect, it } from "vitest"
import { formatUtcMillis, parseRfc3339Ns } from "../../../src/engine/content/json/rfc3339"
import { JsonError, parseSerdeJson, type JsonNode } from "../../../src/engine/content/json/serdeJsonParse"
import { jsonF64, jsonString, jsonValue } from "../../../src/engine/content/json/serdeJsonWrite"
import { readMap, readString, readStruct, readU32, readUnitEnum } from "../../../src/engine/content/json/serdeStruct"

const parse = (text: string): JsonNode => parseSerdeJson(new TextEncoder().encode(text))

describe("parseSerdeJson", () => {
  it.each([
    ["0", { kind: "u64", value: 0n }],
    ["18446744073709551615", { kind: "u64", value: 18446744073709551615n }],
    ["18446744073709551616", { kind: "f64", value: 2 ** 64 }],
    ["-1", { kind: "i64", value: -1n }],
    ["-9223372036854775808", { kind: "i64", value: -9223372036854775808n }],
    ["-9223372036854775809", { kind: "f64", value: -(2 ** 63) }],
    ["-0", { kind: "f64", value: -0 }],
    ["1.0", { kind: "f64", value: 1 }],
    ["1e3", { kind: "f64", value: 1000 }],
    ["2.5E-3", { kind: "f64", value: 0.0025 }],
    ["1e-400", { kind: "f64", value: 0 }],
  ])("reads %s with serde_json's number kind", (text, number) => {
    expect(parse(text)).toEqual({ kind: "number", number })
  })

  it.each([
    ["01", "leading zero"],
    ["1.", "fraction without digits"],
    [".5", "no integer part"],
    ["-", "sign alone"],
    ["1e", "exponent without digits"],
    ["+1", "plus sign"],
    ["1e400", "out of range"],
    ["NaN", "not JSON"],
    ['"\\ud800"', "lone leading surrogate"],
    ['"\\udc00"', "lone trailing surrogate"],
    ['"\\ud800\\u0041"', "surrogate followed by a non-surrogate"],
    ['"a\u0001b"', "raw control character"],
    ['"\\x41"', "unknown escape"],
    ["[1,]", "trailing comma"],
    ['{"a":1,}', "trailing comma in object"],
    ["{a:1}", "unquoted key"],
    ["[1] x", "trailing characters"],
    ["\ufeff[]", "byte order mark"],
    ["", "empty input"],
    ["[".repeat(128) + "]".repeat(128), "128 nested containers"],
  ])("refuses %j (%s)", (text) => {
    expect(() => parse(text)).toThrow(JsonError)
  })

  it("nests 127 containers deep, as serde_json does", () => {
    expect(() => parse("[".repeat(127) + "]".repeat(127))).not.toThrow()
  })

  it("refuses bytes that are not UTF-8", () => {
    expect(() => parseSerdeJson(new Uint8Array([0x22, 0xc3, 0x28, 0x22]))).toThrow(JsonError)
  })

  it("decodes escapes and surrogate pairs", () => {
    expect(parse('"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\udc4d"')).toEqual({ kind: "string", value: '"\\/\b\f\n\r\té👍' })
  })
})

describe("jsonF64 (ryu, as serde_json prints f64)", () => {
  it.each([
    [1, "1.0"],
    [0, "0.0"],
    [-0, "-0.0"],
    [0.1, "0.1"],
    [100, "100.0"],
    [1e15, "1000000000000000.0"],
    [1e16, "1e16"],
    [1.5e16, "1.5e16"],
    [123456789012345680, "1.2345678901234568e17"],
    [1e21, "1e21"],
    [0.00001, "0.00001"],
    [0.000001, "1e-6"],
    [1.5e-7, "1.5e-7"],
    [5e-324, "5e-324"],
    [-2.5, "-2.5"],
    [Number.NaN, "null"],
    [Number.POSITIVE_INFINITY, "null"],
  ])("%s prints as %s", (value, text) => {
    expect(jsonF64(value)).toBe(text)
  })
})

describe("jsonString and jsonValue", () => {
  it("escapes what serde_json escapes and nothing else", () => {
    expect(jsonString('"\\/\b\f\n\r\t\u0000\u001f\u007f\u2028é')).toBe('"\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\u2028é"')
  })

  it("writes safe integers as integers and other numbers as f64, keys in order", () => {
    expect(jsonValue({ b: 1, a: [1.5, 2 ** 53, -0, null, true, "x"], c: { z: {}, y: [] } })).toBe(
      '{"b":1,"a":[1.5,9007199254740992.0,0,null,true,"x"],"c":{"z":{},"y":[]}}',
    )
  })
})

describe("serde derive rules", () => {
  const fields = [{ name: "id" }, { name: "actionId", aliases: ["action_id"] }, { name: "note", optional: true }]

  it("reads a struct from an object, ignoring unknown keys", () => {
    const read = readStruct(parse('{"x":1,"action_id":"a","id":"i"}'), "T", fields)
    expect(readString(read.get("id") ?? parse("0"))).toBe("i")
    expect(readString(read.get("actionId") ?? parse("0"))).toBe("a")
    expect(read.has("note")).toBe(false)
  })

  it("refuses a field given twice, even under an alias, and a missing required field", () => {
    expect(() => readStruct(parse('{"id":"i","id":"j","actionId":"a"}'), "T", fields)).toThrow(/duplicate field `id`/)
    expect(() => readStruct(parse('{"id":"i","actionId":"a","action_id":"b"}'), "T", fields)).toThrow(/duplicate field `actionId`/)
    expect(() => readStruct(parse('{"id":"i"}'), "T", fields)).toThrow(/missing field `actionId`/)
  })

  it("reads a struct from an array of all its fields, Options included", () => {
    expect([...readStruct(parse('["i","a",null]'), "T", fields).keys()]).toEqual(["id", "actionId", "note"])
    expect(() => readStruct(parse('["i","a"]'), "T", fields)).toThrow(/invalid length/)
    expect(() => readStruct(parse('["i","a",null,1]'), "T", fields)).toThrow(JsonError)
    expect(() => readStruct(parse('["i","a"]'), "T", fields, false)).toThrow(/invalid type/)
  })

  it("reads u32 only from integers in range", () => {
    expect(readU32(parse("4294967295"))).toBe(4294967295)
    for (const text of ["4294967296", "-1", "6.0", '"6"']) expect(() => readU32(parse(text))).toThrow(JsonError)
  })

  it("keeps the last of repeated map keys, __proto__ as an ordinary key", () => {
    const map = readMap(parse('{"a":"1","__proto__":"p","a":"2"}'), readString)
    expect(Object.keys(map)).toEqual(["a", "__proto__"])
    expect(map.a).toBe("2")
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype)
  })

  it("reads a unit enum from its name or a one-entry object holding null", () => {
    expect(readUnitEnum(parse('"danger"'), ["primary", "danger"])).toBe("danger")
    expect(readUnitEnum(parse('{"primary":null}'), ["primary", "danger"])).toBe("primary")
    for (const text of ['"Primary"', '{"primary":1}', '{"primary":null,"danger":null}', "0"]) {
      expect(() => readUnitEnum(parse(text), ["primary", "danger"])).toThrow(JsonError)
    }
  })
})

describe("RFC 3339 timestamps (chrono)", () => {
  it.each([
    ["2025-01-15T12:30:45Z", 1_736_944_245_000_000_000n],
    ["2025-01-15t12:30:45.123456789z", 1_736_944_245_123_456_789n],
    ["2025-01-15 12:30:45.1234567891234Z", 1_736_944_245_123_456_789n],
    ["2025-01-15T14:30:45+02:00", 1_736_944_245_000_000_000n],
    ["2025-01-15T10:30:45\u221202:00", 1_736_944_245_000_000_000n],
    ["2016-12-31T23:59:60Z", 1_483_228_800_000_000_000n],
    ["1969-12-31T23:59:59.999Z", -1_000_000n],
    ["2024-02-29T00:00:00Z", 1_709_164_800_000_000_000n],
  ])("reads %s", (text, ns) => {
    expect(parseRfc3339Ns(text)).toBe(ns)
  })

  it.each(["2025-01-15", "2025-01-15T12:30:45", "2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-01-15T24:00:00Z", "2025-01-15T12:30:45+24:00", "2025-01-15T12:30:45.Z", "25-01-15T12:30:45Z", "2025-01-15T12:30:45+0200"])(
    "refuses %s",
    (text) => {
      expect(() => parseRfc3339Ns(text)).toThrow(JsonError)
    },
  )

  it("writes UTC with milliseconds, truncating", () => {
    expect(formatUtcMillis(1_736_944_245_123_999_999n)).toBe("2025-01-15T12:30:45.123Z")
    expect(formatUtcMillis(-1n)).toBe("1969-12-31T23:59:59.999Z")
    expect(formatUtcMillis(-(2n ** 63n))).toBe("1677-09-21T00:12:43.145Z")
    expect(formatUtcMillis(2n ** 63n - 1n)).toBe("2262-04-11T23:47:16.854Z")
  })
})
