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

/**
 * Asking for the account key back: the user has read that anyone holding it can read and send as
 * them, and confirmed. The literal makes the confirmation part of the request, not a UI nicety.
 */
export const accountKeyExportRequestSchema = z.strictObject({ acknowledgedRisk: z.literal(true) })

/** The account's private key as main exports it: 0x and 64 lowercase hex digits. */
export const exportedAccountKeySchema = z.string().regex(/^0x[0-9a-f]{64}$/)
