// The API's 64-bit ids, cursors and timestamps are bigint at this layer's surface; the protobuf
// codecs want `Long`. These two functions are the only place the two meet.
import { Long } from "../proto/index"
import type LongType from "long"

const U64_MAX = (1n << 64n) - 1n

/** An unsigned 64-bit value for the codecs; throws RangeError outside 0..2^64-1. */
export function toLong(value: bigint): LongType {
  if (value < 0n || value > U64_MAX) {
    throw new RangeError(`${value} does not fit an unsigned 64-bit field`)
  }
  return Long.fromString(value.toString(), true)
}

/** The codecs' Long (signed or not, as decoded) read as the unsigned value the field carries. */
export function fromLong(value: LongType | number | undefined): bigint {
  if (value === undefined) return 0n
  if (typeof value === "number") return BigInt(value)
  return BigInt(value.toUnsigned().toString())
}
