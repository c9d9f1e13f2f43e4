// Where the UI is asked to go: the routes of `parley://` deep links, and what a clicked
// notification opens. Main parses and validates; the renderer receives only these values.
import { z } from "zod"
import { dmTargetSchema } from "./conversation"
import { conversationIdSchema } from "./identifiers"

/** An invite token: opaque, URL-safe base64, long enough to be unguessable. */
export const inviteTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,512}$/, "an invite token is 16 to 512 URL-safe base64 characters")

export const navigationTargetSchema = z.discriminatedUnion("route", [
  z.strictObject({ route: z.literal("conversation"), conversationId: conversationIdSchema }),
  z.strictObject({ route: z.literal("dm"), target: dmTargetSchema }),
  z.strictObject({ route: z.literal("invite"), token: inviteTokenSchema }),
  /** The new-message dialog, from the tray menu. */
  z.strictObject({ route: z.literal("newMessage") }),
])
export type NavigationTarget = z.infer<typeof navigationTargetSchema>
export type NavigationRoute = NavigationTarget["route"]
