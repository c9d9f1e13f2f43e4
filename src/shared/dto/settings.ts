// The user's app settings, kept by main per profile.
import { z } from "zod"
import { conversationIdSchema } from "./identifiers"

/** How much a notification reveals: sender and text, sender only, or neither. */
export const notificationPreviewSchema = z.enum(["full", "nameOnly", "hidden"])
export type NotificationPreview = z.infer<typeof notificationPreviewSchema>

/** Longest remote node URL accepted; real ones are far shorter. */
export const MAX_NODE_URL_LENGTH = 2048

/** Whether `text` is an absolute http:// or https:// URL naming a host, the only kinds of node address Parley dials. */
export function isNodeUrl(text: string): boolean {
  if (!URL.canParse(text)) return false
  const url = new URL(text)
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "" && url.username === "" && url.password === ""
}

export const NODE_URL_HINT = "a delivery node is an http:// or https:// address, for example https://node.example.com:5556"

/**
 * Which delivery node the profile talks to: the one Parley embeds (started in-process on loopback,
 * its data beside the profile) or a remote one. Read at start-up, so a change applies after a restart.
 */
export const networkSettingSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("embedded") }),
  z.strictObject({ kind: z.literal("remote"), url: z.string().max(MAX_NODE_URL_LENGTH).refine(isNodeUrl, NODE_URL_HINT) }),
])
export type NetworkSetting = z.infer<typeof networkSettingSchema>

/** Whether two settings name the same node (a saved choice that differs from the running one waits for a restart). */
export function sameNetwork(a: NetworkSetting, b: NetworkSetting): boolean {
  return a.kind === "embedded" ? b.kind === "embedded" : b.kind === "remote" && a.url === b.url
}

/** A network choice as the user asks for it: main checks the URL and answers a typed error it can show. */
export const networkChoiceSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("embedded") }),
  z.strictObject({ kind: z.literal("remote"), url: z.string().max(MAX_NODE_URL_LENGTH) }),
])
export type NetworkChoice = z.infer<typeof networkChoiceSchema>

export const appSettingsSchema = z.strictObject({
  notifications: z.strictObject({
    enabled: z.boolean(),
    previews: notificationPreviewSchema,
  }),
  /** Muted conversations neither notify nor count towards the unread badge. */
  mutedConversationIds: z.array(conversationIdSchema).max(10_000),
  /** Whether reading a conversation tells its other members (an XMTP read receipt). */
  sendReadReceipts: z.boolean(),
  network: networkSettingSchema,
})
export type AppSettings = z.infer<typeof appSettingsSchema>

export const DEFAULT_APP_SETTINGS: AppSettings = {
  notifications: { enabled: true, previews: "full" },
  mutedConversationIds: [],
  sendReadReceipts: true,
  network: { kind: "embedded" },
}

export const appSettingsPatchSchema = z.strictObject({
  notifications: z.strictObject({ enabled: z.boolean(), previews: notificationPreviewSchema }).partial().optional(),
  sendReadReceipts: z.boolean().optional(),
})
export type AppSettingsPatch = z.infer<typeof appSettingsPatchSchema>
