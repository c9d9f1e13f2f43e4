// Conversation summaries for the list and the header, and the requests that create or filter them.
import { z } from "zod"
import { consentStateSchema } from "./consent"
import { MAX_GROUP_DESCRIPTION_BYTES, MAX_GROUP_IMAGE_URL_BYTES, MAX_GROUP_NAME_BYTES, MAX_GROUP_SIZE, utf8Limited } from "./groupLimits"
import { conversationIdSchema, ethereumAddressSchema, inboxIdSchema, nanosSchema } from "./identifiers"
import { messageSchema } from "./message"
import { groupPermissionPresetSchema, permissionPolicySetSchema } from "./permissions"

/** The conversation types a user sees (node-bindings `ConversationType` Dm = 0, Group = 1; sync groups are internal). */
export const conversationKindSchema = z.enum(["dm", "group"])
export type ConversationKind = z.infer<typeof conversationKindSchema>

/** node-bindings `GroupMembershipState`, in its numeric order (Allowed = 0 … PendingRemove = 4). */
export const MEMBERSHIP_STATES = ["allowed", "rejected", "pending", "restored", "pendingRemove"] as const

/** node-bindings `MessageDisappearingSettings`: messages sent from `fromNs` on expire after `inNs`. */
export const disappearingSettingsSchema = z.strictObject({ fromNs: nanosSchema, inNs: nanosSchema })
export type DisappearingSettings = z.infer<typeof disappearingSettingsSchema>

const summaryFields = {
  id: conversationIdSchema,
  createdAtNs: nanosSchema,
  consentState: consentStateSchema,
  /** False once this installation has been removed from the group. */
  isActive: z.boolean(),
  membershipState: z.enum(MEMBERSHIP_STATES),
  addedByInboxId: inboxIdSchema,
  memberCount: z.number().int().nonnegative(),
  /** Set while messages disappear; null while disappearing messages are off. */
  disappearing: disappearingSettingsSchema.nullable(),
  lastMessage: messageSchema.nullable(),
  unreadCount: z.number().int().nonnegative(),
}

export const conversationSummarySchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("dm"), ...summaryFields, peerInboxId: inboxIdSchema }),
  z.strictObject({
    kind: z.literal("group"),
    ...summaryFields,
    name: z.string(),
    description: z.string(),
    imageUrl: z.string(),
    /** The user's own permission level decides which settings the UI offers. */
    isAdmin: z.boolean(),
    isSuperAdmin: z.boolean(),
  }),
])
export type ConversationSummary = z.infer<typeof conversationSummarySchema>

export const conversationListQuerySchema = z.strictObject({
  consentStates: z.array(consentStateSchema).min(1).optional(),
  kind: conversationKindSchema.optional(),
  limit: z.number().int().positive().max(1000).optional(),
})
export type ConversationListQuery = z.infer<typeof conversationListQuerySchema>

/** Who a new DM is with: an Ethereum account (its inbox is looked up) or an inbox id. */
export const dmTargetSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("address"), address: ethereumAddressSchema }),
  z.strictObject({ kind: z.literal("inboxId"), inboxId: inboxIdSchema }),
])
export type DmTarget = z.infer<typeof dmTargetSchema>

export const groupNameSchema = utf8Limited(MAX_GROUP_NAME_BYTES, "A group name")
export const groupDescriptionSchema = utf8Limited(MAX_GROUP_DESCRIPTION_BYTES, "A group description")
export const groupImageUrlSchema = utf8Limited(MAX_GROUP_IMAGE_URL_BYTES, "A group image URL")

/** `Conversations.createGroup(inboxIds, options)`; the creator is a member without being listed. */
export const createGroupRequestSchema = z
  .strictObject({
    memberInboxIds: z.array(inboxIdSchema).max(MAX_GROUP_SIZE - 1),
    name: groupNameSchema.optional(),
    description: groupDescriptionSchema.optional(),
    imageUrl: groupImageUrlSchema.optional(),
    permissions: groupPermissionPresetSchema.optional(),
    customPolicySet: permissionPolicySetSchema.optional(),
  })
  .refine(
    (request) => (request.permissions === "customPolicy") === (request.customPolicySet !== undefined),
    "a custom policy set is given exactly when permissions is customPolicy",
  )
export type CreateGroupRequest = z.infer<typeof createGroupRequestSchema>

export const groupMetadataPatchSchema = z
  .strictObject({
    name: groupNameSchema.optional(),
    description: groupDescriptionSchema.optional(),
    imageUrl: groupImageUrlSchema.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, "a metadata update changes at least one field")
export type GroupMetadataPatch = z.infer<typeof groupMetadataPatchSchema>
