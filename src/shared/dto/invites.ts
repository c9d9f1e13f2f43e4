// Invite links to a group: the links a member handed out, what opening one did, and the join
// requests waiting for a decision. Timestamps are nanosecond decimal strings like every DTO's.
import { z } from "zod"
import { conversationIdSchema, inboxIdSchema, messageIdSchema, nanosSchema } from "./identifiers"
import { inviteTokenSchema } from "./navigation"

/** How long a new link works; null: until revoked. At most a year. */
export const inviteOptionsSchema = z.strictObject({
  expiresInHours: z.number().int().min(1).max(24 * 366).nullable(),
  requireApproval: z.boolean(),
})
export type InviteOptions = z.infer<typeof inviteOptionsSchema>

export const inviteIdSchema = z.string().regex(/^[0-9a-f]{32}$/, "an invite id is 32 lowercase hex digits")

export const inviteSchema = z.strictObject({
  inviteId: inviteIdSchema,
  conversationId: conversationIdSchema,
  /** The `parley://invite/<token>` link to share. */
  url: z.string().startsWith("parley://invite/"),
  createdAtNs: nanosSchema,
  expiresAtNs: nanosSchema.nullable(),
  requireApproval: z.boolean(),
})
export type InviteDto = z.infer<typeof inviteSchema>

export const joinNoteSchema = z.string().max(280, "a note to the inviter is at most 280 characters")

export const inviteOpenResultSchema = z.discriminatedUnion("status", [
  /** Already in the group: open it. */
  z.strictObject({ status: z.literal("member"), conversationId: conversationIdSchema }),
  /** The request went to the inviter in this DM; the group appears once they add you. */
  z.strictObject({ status: z.literal("requested"), dmConversationId: conversationIdSchema }),
])
export type InviteOpenResult = z.infer<typeof inviteOpenResultSchema>

export const JOIN_REQUEST_STATES = ["pending", "approved", "added", "declined", "invalid"] as const

export const joinRequestSchema = z.strictObject({
  requestId: messageIdSchema,
  conversationId: conversationIdSchema,
  dmConversationId: conversationIdSchema,
  requesterInboxId: inboxIdSchema,
  note: z.string().nullable(),
  state: z.enum(JOIN_REQUEST_STATES),
  reason: z.string().nullable(),
  receivedAtNs: nanosSchema,
})
export type JoinRequestDto = z.infer<typeof joinRequestSchema>

export const joinDecisionSchema = z.enum(["approve", "decline"])

export { inviteTokenSchema }
