// Limits libxmtp enforces on group metadata and membership (crates/xmtp_mls/src/groups/mod.rs and
// xmtp_configuration/src/common/mls.rs at node-bindings-1.10.0). Text limits count UTF-8 bytes, as
// Rust's `str::len` does.
import { z } from "zod"

export const MAX_GROUP_SIZE = 250
export const MAX_GROUP_NAME_BYTES = 100
export const MAX_GROUP_DESCRIPTION_BYTES = 1000
export const MAX_GROUP_IMAGE_URL_BYTES = 2048

const encoder = new TextEncoder()

/** A string of at most `maxBytes` UTF-8 bytes. */
export function utf8Limited(maxBytes: number, what: string) {
  return z.string().refine((value) => encoder.encode(value).length <= maxBytes, `${what} is at most ${maxBytes} bytes of UTF-8`)
}
