// A message as the renderer shows it: node-bindings `DecodedMessage` with its reactions attached.
import { z } from "zod"
import { conversationIdSchema, inboxIdSchema, installationIdSchema, messageIdSchema, nanosSchema } from "./identifiers"
import { contentTypeIdSchema, messageContentSchema, reactionSchema } from "./messageContent"

/** node-bindings `GroupMessageKind`, in its numeric order (Application = 0, MembershipChange = 1). */
export const MESSAGE_KINDS = ["application", "membershipChange"] as const
/** node-bindings `DeliveryStatus`, in its numeric order (Unpublished = 0, Published = 1, Failed = 2). */
export const DELIVERY_STATUSES = ["unpublished", "published", "failed"] as const

/** One reaction message attached to the message it reacts to (the SDK's `reactions` list). */
export const messageReactionSchema = z.strictObject({
  id: messageIdSchema,
  senderInboxId: inboxIdSchema,
  sentAtNs: nanosSchema,
  reaction: reactionSchema,
})
export type MessageReaction = z.infer<typeof messageReactionSchema>

export const messageSchema = z.strictObject({
  id: messageIdSchema,
  conversationId: conversationIdSchema,
  senderInboxId: inboxIdSchema,
  /** Absent when the engine does not report it (@xmtp/node-sdk 6's DecodedMessage has no such field either). */
  senderInstallationId: installationIdSchema.optional(),
  kind: z.enum(MESSAGE_KINDS),
  deliveryStatus: z.enum(DELIVERY_STATUSES),
  sentAtNs: nanosSchema,
  expiresAtNs: nanosSchema.nullable(),
  contentType: contentTypeIdSchema,
  content: messageContentSchema,
  fallback: z.string().optional(),
  numReplies: z.number().int().nonnegative(),
  reactions: z.array(messageReactionSchema),
})
export type Message = z.infer<typeof messageSchema>
