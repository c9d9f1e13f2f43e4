// Intents that change the group's metadata, admin lists or permissions (libxmtp intents.rs
// UpdateMetadataIntentData, UpdateAdminListIntentData, UpdatePermissionIntentData). The intent
// records the change, not the resulting extension: the new extension is computed from the group's
// state when the commit is built (get_publish_intent_data), so a change queued behind another
// member's commit applies on top of it.
import type { GroupContextExtension } from "ts-mls"
import { IntentKind } from "../storage/intents"
import { withMutableMetadata, withPolicies } from "./contextExtensionUpdates"
import { policyOfOption, readXmtpGroupContext, type GroupMutableMetadata, type PermissionOption, type PolicySet } from "./extensions/index"

/** libxmtp AdminListActionType. */
export type AdminListAction = "add" | "remove" | "addSuper" | "removeSuper"

/** libxmtp PermissionUpdateType. */
export type PermissionTarget = "addMember" | "removeMember" | "addAdmin" | "removeAdmin" | "updateMetadata"

export type GroupUpdate =
  /** With `expectedFieldValue`, the change is abandoned (Superseded) unless the field still holds it when the commit is built (META-03). */
  | { kind: "metadata"; fieldName: string; fieldValue: string; expectedFieldValue?: string }
  | { kind: "adminList"; action: AdminListAction; inboxId: string }
  | { kind: "permission"; target: PermissionTarget; option: PermissionOption; metadataFieldName?: string }

const INTENT_KINDS = {
  metadata: IntentKind.MetadataUpdate,
  adminList: IntentKind.UpdateAdminList,
  permission: IntentKind.UpdatePermission,
} as const

export function groupUpdateIntent(update: GroupUpdate): { kind: IntentKind; data: Uint8Array } {
  return { kind: INTENT_KINDS[update.kind], data: new TextEncoder().encode(JSON.stringify(update)) }
}

export function decodeGroupUpdate(data: Uint8Array): GroupUpdate {
  return JSON.parse(new TextDecoder().decode(data)) as GroupUpdate
}

/** The group context extensions once `update` is applied to `extensions`. */
export function extensionsAfterUpdate(extensions: readonly GroupContextExtension[], update: GroupUpdate): GroupContextExtension[] {
  const context = readXmtpGroupContext(extensions)
  switch (update.kind) {
    case "metadata": {
      const attributes = new Map(context.mutableMetadata.attributes)
      attributes.set(update.fieldName, update.fieldValue)
      return withMutableMetadata(extensions, { ...context.mutableMetadata, attributes })
    }
    case "adminList":
      return withMutableMetadata(extensions, adminListsAfter(context.mutableMetadata, update.action, update.inboxId))
    case "permission":
      return withPolicies(extensions, policiesAfter(context.policies, update.target, update.option, update.metadataFieldName))
  }
}

/** build_extensions_for_admin_lists_update: adds only if absent, removes if present (ADMIN-01). */
function adminListsAfter(metadata: GroupMutableMetadata, action: AdminListAction, inboxId: string): GroupMutableMetadata {
  const add = (list: readonly string[]) => (list.includes(inboxId) ? [...list] : [...list, inboxId])
  const remove = (list: readonly string[]) => list.filter((id) => id !== inboxId)
  switch (action) {
    case "add":
      return { ...metadata, adminList: add(metadata.adminList) }
    case "remove":
      return { ...metadata, adminList: remove(metadata.adminList) }
    case "addSuper":
      return { ...metadata, superAdminList: add(metadata.superAdminList) }
    case "removeSuper":
      return { ...metadata, superAdminList: remove(metadata.superAdminList) }
  }
}

/** build_extensions_for_permissions_update: one policy replaced, the rest kept. */
function policiesAfter(policies: PolicySet, target: PermissionTarget, option: PermissionOption, metadataFieldName: string | undefined): PolicySet {
  switch (target) {
    case "addMember":
      return { ...policies, addMemberPolicy: policyOfOption(option, "membership") }
    case "removeMember":
      return { ...policies, removeMemberPolicy: policyOfOption(option, "membership") }
    case "addAdmin":
      return { ...policies, addAdminPolicy: policyOfOption(option, "permissions") }
    case "removeAdmin":
      return { ...policies, removeAdminPolicy: policyOfOption(option, "permissions") }
    case "updateMetadata": {
      if (metadataFieldName === undefined) throw new Error("a metadata permission update without a field was queued")
      const updateMetadataPolicy = new Map(policies.updateMetadataPolicy)
      updateMetadataPolicy.set(metadataFieldName, policyOfOption(option, "metadata"))
      return { ...policies, updateMetadataPolicy }
    }
  }
}
