// Identifiers as XMTP spells them: lowercase hex, so a value that crosses IPC compares equal to the
// one the engine (and the official SDK) produces. Ethereum addresses are accepted in any case and
// lowercased, because people paste checksummed addresses.
import { z } from "zod"

const UINT64_LIMIT = 1n << 64n

/** An inbox id: sha256 of the owner's identifier and nonce, 64 lowercase hex digits. */
export const inboxIdSchema = z.string().regex(/^[0-9a-f]{64}$/, "an inbox id is 64 lowercase hex digits")

/** An installation id: the installation's Ed25519 public key, 64 lowercase hex digits. */
export const installationIdSchema = z.string().regex(/^[0-9a-f]{64}$/, "an installation id is 64 lowercase hex digits")

/** A message id: sha256 over group id, idempotency key and payload, 64 lowercase hex digits. */
export const messageIdSchema = z.string().regex(/^[0-9a-f]{64}$/, "a message id is 64 lowercase hex digits")

/**
 * A conversation id: the MLS group id in lowercase hex. MLS group ids are opaque byte strings (libxmtp
 * makes 16 random bytes, other clients may differ), so any 1–64 bytes are accepted.
 */
export const conversationIdSchema = z
  .string()
  .regex(/^(?:[0-9a-f]{2}){1,64}$/, "a conversation id is 2 to 128 lowercase hex digits, an even number of them")

/** A 0x-prefixed Ethereum address, lowercased. */
export const ethereumAddressSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "an Ethereum address is 0x followed by 40 hex digits")
  .transform((address) => address.toLowerCase())

/**
 * A timestamp in nanoseconds since the Unix epoch, as a decimal string: the SDK's `bigint` values
 * survive JSON and structured clone alike without losing precision.
 */
export const nanosSchema = z
  .string()
  .regex(/^(?:0|[1-9][0-9]{0,19})$/, "a nanosecond timestamp is a decimal integer")
  .refine((value) => BigInt(value) < UINT64_LIMIT, "a nanosecond timestamp fits in 64 bits")

/** node-bindings `Identifier`: an account that can own or join an inbox. */
export const accountIdentifierSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("ethereum"), identifier: ethereumAddressSchema }),
  z.strictObject({ kind: z.literal("passkey"), identifier: z.string().regex(/^[0-9a-f]{2,260}$/, "a passkey identifier is its public key in lowercase hex") }),
])

export type InboxId = z.infer<typeof inboxIdSchema>
export type ConversationId = z.infer<typeof conversationIdSchema>
export type MessageId = z.infer<typeof messageIdSchema>
export type Nanos = z.infer<typeof nanosSchema>
export type AccountIdentifier = z.infer<typeof accountIdentifierSchema>

/** A nanosecond timestamp string as a Date (millisecond precision, for display). */
export function dateFromNanos(nanos: Nanos): Date {
  return new Date(Number(BigInt(nanos) / 1_000_000n))
}
