// Conversions between SQLite values and the engine's types. The database runs with safe integers
// on (every INTEGER reads as a bigint, since nanosecond timestamps exceed 2^53), and BLOBs come
// back as Buffers, which are copied into plain Uint8Arrays before they leave the storage layer.

export type Row = Record<string, unknown>

export function bytes(value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`expected a BLOB, got ${typeof value}`)
  return new Uint8Array(value)
}

export function optionalBytes(value: unknown): Uint8Array | undefined {
  return value === null || value === undefined ? undefined : bytes(value)
}

export function big(value: unknown): bigint {
  if (typeof value === "bigint") return value
  if (typeof value === "number") return BigInt(value)
  throw new TypeError(`expected an INTEGER, got ${typeof value}`)
}

export function optionalBig(value: unknown): bigint | undefined {
  return value === null || value === undefined ? undefined : big(value)
}

export function small(value: unknown): number {
  return Number(big(value))
}

export function text(value: unknown): string {
  if (typeof value !== "string") throw new TypeError(`expected TEXT, got ${typeof value}`)
  return value
}

export function optionalText(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : text(value)
}

export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n
}
