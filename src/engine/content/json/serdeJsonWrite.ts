// JSON written byte for byte as serde_json 1.0 writes it (libxmtp 1.10 serialises JSON content
// types with serde_json::to_vec): compact, struct fields in declaration order with skipped
// `None`s, strings escaped as serde escapes them, and f64 printed as the `ryu` crate prints it
// (`1.0`, `1e16`, `1e-6`, `-0.0`), which is not how JavaScript prints numbers.

/** A JSON value as the node bindings hand one over (intent metadata). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t" }

// eslint-disable-next-line no-control-regex -- exactly what serde_json escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/g

export function jsonString(value: string): string {
  return `"${value.replace(NEEDS_ESCAPE, (c) => SHORT_ESCAPES[c] ?? `\\u00${c.charCodeAt(0).toString(16).padStart(2, "0")}`)}"`
}

/** serde_json's f64: ryu's shortest round-trip digits in ryu's layout; non-finite values are `null`. */
export function jsonF64(value: number): string {
  if (!Number.isFinite(value)) return "null"
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0"
  const sign = value < 0 ? "-" : ""
  // toExponential() without an argument gives the shortest digits that round-trip, as ryu does.
  const [mantissa = "", exponent = "0"] = Math.abs(value).toExponential().split("e")
  const digits = mantissa.replace(".", "")
  const length = digits.length
  // 10^(kk-1) <= |value| < 10^kk
  const kk = Number(exponent) + 1
  if (length <= kk && kk <= 16) return `${sign}${digits}${"0".repeat(kk - length)}.0`
  if (0 < kk && kk <= 16) return `${sign}${digits.slice(0, kk)}.${digits.slice(kk)}`
  if (-5 < kk && kk <= 0) return `${sign}0.${"0".repeat(-kk)}${digits}`
  const scientific = length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`
  return `${sign}${scientific}e${kk - 1}`
}

export function jsonInteger(value: number | bigint): string {
  return BigInt(value).toString()
}

/** A struct: fields in the order given; an `undefined` field is skipped (`skip_serializing_if = "Option::is_none"`). */
export function jsonObject(fields: ReadonlyArray<readonly [string, string | undefined]>): string {
  return `{${fields.flatMap(([name, json]) => (json === undefined ? [] : [`${jsonString(name)}:${json}`])).join(",")}}`
}

export function jsonArray(items: readonly string[]): string {
  return `[${items.join(",")}]`
}

export function jsonStringMap(map: Readonly<Record<string, string>>): string {
  return jsonObject(Object.entries(map).map(([key, value]) => [key, jsonString(value)]))
}

/**
 * A serde_json::Value built from a JavaScript value the way napi-rs builds it: a safe integer
 * becomes an integer, any other number an f64; object keys keep their JavaScript order (libxmtp
 * enables serde_json's `preserve_order`).
 */
export function jsonValue(value: JsonValue): string {
  if (value === null) return "null"
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false"
    case "number":
      return Number.isSafeInteger(value) ? jsonInteger(value) : jsonF64(value)
    case "string":
      return jsonString(value)
    default:
      return Array.isArray(value) ? jsonArray(value.map(jsonValue)) : jsonObject(Object.entries(value).map(([key, item]) => [key, jsonValue(item)]))
  }
}
