// Facts about the running app: version, embedded node, profile.
import { z } from "zod"
import { conversationIdSchema } from "./identifiers"

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
