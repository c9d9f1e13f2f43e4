// The user's app settings, kept by main per profile.
import { z } from "zod"
import { conversationIdSchema } from "./identifiers"

/** How much a notification reveals: sender and text, sender only, or neither. */
export const notificationPreviewSchema = z.enum(["full", "nameOnly", "hidden"])
export type NotificationPreview = z.infer<typeof notificationPreviewSchema>

export const appSettingsSchema = z.strictObject({
  notifications: z.strictObject({
    enabled: z.boolean(),
    previews: notificationPreviewSchema,
  }),
  /** Muted conversations neither notify nor count towards the unread badge. */
  mutedConversationIds: z.array(conversationIdSchema).max(10_000),
  /** Whether reading a conversation tells its other members (an XMTP read receipt). */
  sendReadReceipts: z.boolean(),
})
export type AppSettings = z.infer<typeof appSettingsSchema>

export const DEFAULT_APP_SETTINGS: AppSettings = {
  notifications: { enabled: true, previews: "full" },
  mutedConversationIds: [],
  sendReadReceipts: true,
}

export const appSettingsPatchSchema = z.strictObject({
  notifications: z.strictObject({ enabled: z.boolean(), previews: notificationPreviewSchema }).partial().optional(),
  sendReadReceipts: z.boolean().optional(),
})
export type AppSettingsPatch = z.infer<typeof appSettingsPatchSchema>
