// Group members as node-bindings `GroupMember` describes them, with the permission level as a role.
import { z } from "zod"
import { consentStateSchema } from "./consent"
import { accountIdentifierSchema, inboxIdSchema, installationIdSchema } from "./identifiers"

/** node-bindings `PermissionLevel`, in its numeric order (Member = 0, Admin = 1, SuperAdmin = 2). */
export const MEMBER_ROLES = ["member", "admin", "superAdmin"] as const
export const memberRoleSchema = z.enum(MEMBER_ROLES)
export type MemberRole = z.infer<typeof memberRoleSchema>

export const memberSchema = z.strictObject({
  inboxId: inboxIdSchema,
  role: memberRoleSchema,
  /** The user's consent towards this member's inbox. */
  consentState: consentStateSchema,
  accountIdentifiers: z.array(accountIdentifierSchema),
  installationIds: z.array(installationIdSchema),
})
export type Member = z.infer<typeof memberSchema>
