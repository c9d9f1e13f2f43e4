// Consent: whether the user accepted a conversation (or an inbox). Requests are conversations whose
// consent is still "unknown".
import { z } from "zod"

/** node-bindings `ConsentState`, in its numeric order (Unknown = 0, Allowed = 1, Denied = 2). */
export const CONSENT_STATES = ["unknown", "allowed", "denied"] as const
export const consentStateSchema = z.enum(CONSENT_STATES)
export type ConsentState = z.infer<typeof consentStateSchema>
