// Group permission policies, one field per node-bindings `PermissionPolicySet` field, and the
// requests that change one policy.
import { z } from "zod"

/** node-bindings `PermissionPolicy`, in its numeric order (Allow = 0 … Other = 5). */
export const PERMISSION_POLICIES = ["allow", "deny", "admin", "superAdmin", "doesNotExist", "other"] as const
export const permissionPolicySchema = z.enum(PERMISSION_POLICIES)
export type PermissionPolicy = z.infer<typeof permissionPolicySchema>

/** node-bindings `GroupPermissionsOptions`, in its numeric order (Default = 0, AdminOnly = 1, CustomPolicy = 2). */
export const GROUP_PERMISSION_PRESETS = ["default", "adminOnly", "customPolicy"] as const
export const groupPermissionPresetSchema = z.enum(GROUP_PERMISSION_PRESETS)
export type GroupPermissionPreset = z.infer<typeof groupPermissionPresetSchema>

export const permissionPolicySetSchema = z.strictObject({
  addMemberPolicy: permissionPolicySchema,
  removeMemberPolicy: permissionPolicySchema,
  addAdminPolicy: permissionPolicySchema,
  removeAdminPolicy: permissionPolicySchema,
  updateGroupNamePolicy: permissionPolicySchema,
  updateGroupDescriptionPolicy: permissionPolicySchema,
  updateGroupImageUrlSquarePolicy: permissionPolicySchema,
  updateMessageDisappearingPolicy: permissionPolicySchema,
  updateAppDataPolicy: permissionPolicySchema,
})
export type PermissionPolicySet = z.infer<typeof permissionPolicySetSchema>

/** What `Group.permissions()` returns. */
export const groupPermissionsSchema = z.strictObject({
  policyType: groupPermissionPresetSchema,
  policySet: permissionPolicySetSchema,
})
export type GroupPermissions = z.infer<typeof groupPermissionsSchema>

/** node-bindings `MetadataField`, in its numeric order (AppData = 0 … MessageExpirationInNs = 5). */
export const METADATA_FIELDS = [
  "appData",
  "description",
  "groupName",
  "groupImageUrlSquare",
  "messageExpirationFromNs",
  "messageExpirationInNs",
] as const
export const metadataFieldSchema = z.enum(METADATA_FIELDS)
export type MetadataField = z.infer<typeof metadataFieldSchema>

/**
 * One `Group.updatePermission(type, policy, metadataField?)` call. Metadata updates name their field;
 * membership and admin updates have none, as in libxmtp.
 */
export const permissionUpdateSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("addMember"), policy: permissionPolicySchema }),
  z.strictObject({ type: z.literal("removeMember"), policy: permissionPolicySchema }),
  z.strictObject({ type: z.literal("addAdmin"), policy: permissionPolicySchema }),
  z.strictObject({ type: z.literal("removeAdmin"), policy: permissionPolicySchema }),
  z.strictObject({ type: z.literal("updateMetadata"), policy: permissionPolicySchema, metadataField: metadataFieldSchema }),
])
export type PermissionUpdate = z.infer<typeof permissionUpdateSchema>
