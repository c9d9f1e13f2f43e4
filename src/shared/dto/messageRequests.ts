// What the renderer may ask of messages: paging queries and outgoing content, bounded so a
// misbehaving renderer cannot make main hold arbitrarily large values.
import { z } from "zod"
import { utf8Limited } from "./groupLimits"
import { nanosSchema } from "./identifiers"

/** Longest text message Parley sends (UTF-8 bytes). XMTP sets no limit; this keeps a message well inside one gRPC frame. */
export const MAX_TEXT_MESSAGE_BYTES = 64 * 1024
/** Largest attachment sent inline; XMTP's guidance is that bigger files go as remote attachments. */
export const MAX_INLINE_ATTACHMENT_BYTES = 1_000_000

export const messageTextSchema = utf8Limited(MAX_TEXT_MESSAGE_BYTES, "A message").refine(
  (text) => text.trim().length > 0,
  "a message has some non-blank text",
)

export const messageListQuerySchema = z.strictObject({
  /** Only messages sent strictly before this time (paging backwards from the newest). */
  sentBeforeNs: nanosSchema.optional(),
  sentAfterNs: nanosSchema.optional(),
  limit: z.number().int().positive().max(500),
})
export type MessageListQuery = z.infer<typeof messageListQuerySchema>

export const reactionInputSchema = z.strictObject({
  /** A single emoji or short code; long strings are not reactions. */
  content: z.string().min(1).max(64),
  action: z.enum(["added", "removed"]),
})
export type ReactionInput = z.infer<typeof reactionInputSchema>

export const outgoingAttachmentSchema = z.strictObject({
  filename: z.string().min(1).max(255),
  mimeType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, "a MIME type is type/subtype"),
  data: z
    .instanceof(Uint8Array)
    .refine((data) => data.byteLength > 0, "an attachment is not empty")
    .refine((data) => data.byteLength <= MAX_INLINE_ATTACHMENT_BYTES, `an inline attachment is at most ${MAX_INLINE_ATTACHMENT_BYTES} bytes`),
})
export type OutgoingAttachment = z.infer<typeof outgoingAttachmentSchema>
