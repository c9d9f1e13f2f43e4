// The account's devices (XMTP installations of its inbox) as Settings lists them, and the request to
// remove some. Removing one publishes a revocation: that device can no longer read new messages, and
// groups drop it the next time someone sends.
import { z } from "zod"
import { installationIdSchema, nanosSchema } from "./identifiers"

/** More ids than an inbox can ever hold (libxmtp allows 10 installations at a time): bounds the request only. */
const MAX_REVOKED_AT_ONCE = 64

export const deviceSchema = z.strictObject({
  installationId: installationIdSchema,
  /** When the identity update that added it was signed; null when the network did not say. */
  addedAtNs: nanosSchema.nullable(),
  /** This installation: it cannot remove itself. */
  thisDevice: z.boolean(),
})
export type Device = z.infer<typeof deviceSchema>

/** This device first, then the others oldest first. */
export const devicesSchema = z.array(deviceSchema)

export const revokeDevicesRequestSchema = z.union([
  z.strictObject({ ids: z.array(installationIdSchema).min(1).max(MAX_REVOKED_AT_ONCE) }),
  z.strictObject({ allOthers: z.literal(true) }),
])
export type RevokeDevicesRequest = z.infer<typeof revokeDevicesRequestSchema>
