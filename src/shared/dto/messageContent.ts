// The decoded content of a message, one variant per node-bindings `DecodedMessageContentType`.
// Secrets never cross to the renderer: a remote attachment is described (name, size, digest) and
// main downloads and decrypts it on request.
import { z } from "zod"
import { inboxIdSchema, messageIdSchema, nanosSchema } from "./identifiers"

/** node-bindings `ContentTypeId`. */
export const contentTypeIdSchema = z.strictObject({
  authorityId: z.string(),
  typeId: z.string(),
  versionMajor: z.number().int().nonnegative(),
  versionMinor: z.number().int().nonnegative(),
})
export type ContentTypeId = z.infer<typeof contentTypeIdSchema>

/** node-bindings `ReactionAction` and `ReactionSchema`, in their numeric order. */
export const REACTION_ACTIONS = ["unknown", "added", "removed"] as const
export const REACTION_SCHEMAS = ["unknown", "unicode", "shortcode", "custom"] as const

export const reactionSchema = z.strictObject({
  /** The id of the message reacted to. */
  reference: messageIdSchema,
  referenceInboxId: z.union([inboxIdSchema, z.literal("")]),
  action: z.enum(REACTION_ACTIONS),
  content: z.string(),
  schema: z.enum(REACTION_SCHEMAS),
})
export type Reaction = z.infer<typeof reactionSchema>

export const inlineAttachmentSchema = z.strictObject({
  filename: z.string().optional(),
  mimeType: z.string(),
  data: z.instanceof(Uint8Array),
})
export type InlineAttachment = z.infer<typeof inlineAttachmentSchema>

/** A remote attachment without its key material (secret, salt, nonce stay in main). */
export const remoteAttachmentInfoSchema = z.strictObject({
  url: z.string(),
  scheme: z.string(),
  contentDigest: z.string(),
  contentLength: z.number().int().nonnegative().optional(),
  filename: z.string().optional(),
})
export type RemoteAttachmentInfo = z.infer<typeof remoteAttachmentInfoSchema>

export const transactionReferenceSchema = z.strictObject({
  namespace: z.string().optional(),
  networkId: z.string(),
  reference: z.string(),
  metadata: z
    .strictObject({
      transactionType: z.string(),
      currency: z.string(),
      amount: z.number(),
      decimals: z.number().int(),
      fromAddress: z.string(),
      toAddress: z.string(),
    })
    .optional(),
})

const metadataFieldChangeSchema = z.strictObject({
  fieldName: z.string(),
  oldValue: z.string().optional(),
  newValue: z.string().optional(),
})

/** node-bindings `GroupUpdated`, with inbox lists flattened to ids. */
export const groupUpdatedSchema = z.strictObject({
  initiatedByInboxId: inboxIdSchema,
  addedInboxIds: z.array(inboxIdSchema),
  removedInboxIds: z.array(inboxIdSchema),
  leftInboxIds: z.array(inboxIdSchema),
  metadataFieldChanges: z.array(metadataFieldChangeSchema),
  addedAdminInboxIds: z.array(inboxIdSchema),
  removedAdminInboxIds: z.array(inboxIdSchema),
  addedSuperAdminInboxIds: z.array(inboxIdSchema),
  removedSuperAdminInboxIds: z.array(inboxIdSchema),
})
export type GroupUpdated = z.infer<typeof groupUpdatedSchema>

/** node-bindings `DeletedMessage`: what is left of a message its sender or an admin deleted. */
export const deletedMessageSchema = z.strictObject({
  deletedBy: z.enum(["sender", "admin"]),
  adminInboxId: inboxIdSchema.optional(),
})

/** Content that can be quoted or replied with: everything except replies themselves. */
const leafContentVariants = [
  z.strictObject({ type: z.literal("text"), text: z.string() }),
  z.strictObject({ type: z.literal("markdown"), markdown: z.string() }),
  z.strictObject({ type: z.literal("reaction"), reaction: reactionSchema }),
  z.strictObject({ type: z.literal("attachment"), attachment: inlineAttachmentSchema }),
  z.strictObject({ type: z.literal("remoteAttachment"), attachment: remoteAttachmentInfoSchema }),
  z.strictObject({ type: z.literal("multiRemoteAttachment"), attachments: z.array(remoteAttachmentInfoSchema) }),
  z.strictObject({ type: z.literal("transactionReference"), transactionReference: transactionReferenceSchema }),
  z.strictObject({ type: z.literal("groupUpdated"), groupUpdated: groupUpdatedSchema }),
  z.strictObject({ type: z.literal("readReceipt") }),
  z.strictObject({ type: z.literal("leaveRequest") }),
  z.strictObject({ type: z.literal("deleted"), deleted: deletedMessageSchema }),
  /**
   * Custom content, wallet send-calls, actions and intents: Parley shows their fallback text.
   * `contentType` says which, so a later renderer can pick them up without a contract change.
   */
  z.strictObject({ type: z.literal("unsupported"), contentType: contentTypeIdSchema, fallback: z.string().optional() }),
] as const

export const leafContentSchema = z.discriminatedUnion("type", [...leafContentVariants])
export type LeafContent = z.infer<typeof leafContentSchema>

/** The message a reply refers to, as far as this installation knows it. */
export const replyTargetSchema = z.strictObject({
  id: messageIdSchema,
  senderInboxId: inboxIdSchema,
  sentAtNs: nanosSchema,
  content: leafContentSchema,
})

/** node-bindings `EnrichedReply`: `inReplyTo` is null when the referenced message is not stored here. */
export const replyContentSchema = z.strictObject({
  type: z.literal("reply"),
  referenceId: messageIdSchema,
  content: leafContentSchema,
  inReplyTo: replyTargetSchema.nullable(),
})

export const messageContentSchema = z.discriminatedUnion("type", [...leafContentVariants, replyContentSchema])
export type MessageContent = z.infer<typeof messageContentSchema>
export type MessageContentType = MessageContent["type"]
