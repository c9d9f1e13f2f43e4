// Values of the SDK's enums that the tests use. node-bindings declares them as ambient const enums,
// which `verbatimModuleSyntax` forbids reading; these are the bindings' own numbers (index.d.ts).
import type { ConversationType, PermissionPolicy, PermissionUpdateType } from "@xmtp/node-sdk"

export const permissionUpdate = {
  AddMember: 0 as PermissionUpdateType,
  RemoveMember: 1 as PermissionUpdateType,
} as const

export const permissionPolicy = {
  Allow: 0 as PermissionPolicy,
  Deny: 1 as PermissionPolicy,
  Admin: 2 as PermissionPolicy,
  SuperAdmin: 3 as PermissionPolicy,
} as const

export const conversationType = {
  Dm: 0 as ConversationType,
  Group: 1 as ConversationType,
} as const
