// Facts about the running app: version, embedded node, profile.
import { z } from "zod"
import { conversationIdSchema } from "./identifiers"
import { networkSettingSchema } from "./settings"

// Directory names Windows refuses, whatever the extension.
const WINDOWS_RESERVED_NAMES = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/

/** A profile name: lowercase letters, digits, `-` and `_`, starting with a letter or digit. */
export const profileNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "a profile name is 1 to 32 lowercase letters, digits, - or _, starting with a letter or digit")
  .refine((name) => !WINDOWS_RESERVED_NAMES.test(name), "that name is reserved by Windows for devices")

export const appInfoSchema = z.object({
  version: z.string(),
  nodeAddress: z.string(),
  profile: z.string(),
  /** The delivery node this run uses (the saved setting may differ until a restart). */
  network: networkSettingSchema.optional(),
  /** The desktop app can restart itself (app:restart); the web host cannot, its operator restarts it. */
  canRestart: z.boolean().optional(),
  /** Web host only: each profile's page (another profile is another page, not a restart). */
  profilePages: z.record(profileNameSchema, z.url({ protocol: /^https?$/ })).optional(),
})
export type AppInfo = z.infer<typeof appInfoSchema>

/** What a window reports of itself, so main knows which conversation the user is reading. */
export const viewStateSchema = z.strictObject({
  /** The conversation on screen, or null when none is. */
  conversationId: conversationIdSchema.nullable(),
  /** The window has the focus and is visible. */
  focused: z.boolean(),
})
export type ViewState = z.infer<typeof viewStateSchema>

/** How another profile opens: the desktop app restarts into it; the web host hands out its page. */
export const profileOpeningSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("relaunching") }),
  z.strictObject({ kind: z.literal("page"), url: z.url({ protocol: /^https?$/ }) }),
])
export type ProfileOpening = z.infer<typeof profileOpeningSchema>
