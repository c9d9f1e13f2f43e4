// The profile's XMTP account as the renderer sees it: whether one exists yet, and its public
// identifiers. The account key itself never leaves main; the renderer asks main to create one or
// to import one the user typed.
import { z } from "zod"
import { ethereumAddressSchema, inboxIdSchema, installationIdSchema } from "./identifiers"

export const accountSchema = z.discriminatedUnion("state", [
  /** No account yet: onboarding creates or imports one. */
  z.strictObject({ state: z.literal("none") }),
  z.strictObject({
    state: z.literal("ready"),
    address: ethereumAddressSchema,
    inboxId: inboxIdSchema,
    installationId: installationIdSchema,
  }),
])
export type Account = z.infer<typeof accountSchema>
export type ReadyAccount = Extract<Account, { state: "ready" }>

/**
 * An account key as the user pastes it: main parses and checks it (64 hex digits, optional 0x,
 * a valid secp256k1 key); the schema only bounds its size.
 */
export const accountKeyTextSchema = z.string().min(1).max(200)
