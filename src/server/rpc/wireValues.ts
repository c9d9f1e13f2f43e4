// Conversions between the codecs' 64-bit `Long` values and the bigints the store uses.
import { Long } from "../../engine/proto/index"
import type LongType from "long"

export const toUint64 = (value: bigint): LongType => Long.fromString(value.toString(), true)

/**
 * A uint64 from the wire read the way node-go reads it: cast to int64, so values above
 * 2^63 - 1 become negative (and then count as "no cursor").
 */
export const asInt64 = (value: LongType | undefined): bigint => BigInt.asIntN(64, BigInt((value ?? Long.UZERO).toString()))
