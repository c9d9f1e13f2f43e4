// The protocol version a group can require of its members (the mutable metadata field
// minimum_supported_protocol_version) and how versions compare. libxmtp node-bindings-1.10.0
// (groups/validated_commit.rs LibXMTPVersion) parses "MAJOR.MINOR.PATCH[-SUFFIX]" and orders by the
// numbers, then by the suffix with "no suffix" first: so "1.0.0-alpha" ranks above "1.0.0". Parley
// orders them the same way, because what counts is that Parley and the SDK pause on the same groups.

/**
 * The libxmtp version whose group behaviour Parley implements: the SDK it interoperates with
 * (@xmtp/node-sdk 6.0.0) reports libxmtp 1.10.0. A group requiring more pauses Parley.
 */
export const PARLEY_PROTOCOL_VERSION = "1.10.0"

export interface ProtocolVersion {
  major: number
  minor: number
  patch: number
  suffix: string | undefined
}

/** undefined for anything libxmtp's parser refuses (not three dot-separated parts, a part that is not a u32). */
export function parseProtocolVersion(text: string): ProtocolVersion | undefined {
  const parts = text.split(".")
  if (parts.length !== 3) return undefined
  const [patchText, suffix] = parts[2]!.split("-")
  const major = parseU32(parts[0]!)
  const minor = parseU32(parts[1]!)
  const patch = parseU32(patchText!)
  if (major === undefined || minor === undefined || patch === undefined) return undefined
  return { major, minor, patch, suffix }
}

/** Negative, zero or positive as `a` ranks below, with or above `b`. */
export function compareProtocolVersions(a: ProtocolVersion, b: ProtocolVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || compareSuffixes(a.suffix, b.suffix)
}

/**
 * The version a group's minimum requires when it is above `own` (the group pauses for it);
 * undefined when there is none, it is satisfied, or it does not parse.
 */
export function unmetMinimumVersion(minimum: string | undefined, own: string = PARLEY_PROTOCOL_VERSION): string | undefined {
  if (minimum === undefined) return undefined
  const required = parseProtocolVersion(minimum)
  const current = parseProtocolVersion(own)
  if (!required || !current) return undefined
  return compareProtocolVersions(required, current) > 0 ? minimum : undefined
}

/** Rust's derived Ord on Option<String>: None first, then byte order. */
function compareSuffixes(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0
  if (a === undefined) return -1
  if (b === undefined) return 1
  const bytesA = Buffer.from(a, "utf8")
  const bytesB = Buffer.from(b, "utf8")
  return Buffer.compare(bytesA, bytesB)
}

/** Rust's u32::from_str: ASCII digits with an optional leading "+", at most 4294967295. */
function parseU32(text: string): number | undefined {
  if (!/^\+?[0-9]+$/.test(text)) return undefined
  const value = Number(text.startsWith("+") ? text.slice(1) : text)
  return Number.isSafeInteger(value) && value <= 0xffff_ffff ? value : undefined
}
