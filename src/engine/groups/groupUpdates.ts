// Changing a group's metadata, admin lists and permissions (libxmtp groups/mod.rs
// update_group_name and siblings, update_admin_list, update_permission_policy): the caller's
// arguments are checked in libxmtp's order, then an intent is queued and the group synced until it
// resolves. Whether this member may make the change is decided when the commit is built, with the
// rules every receiver applies: a commit the group would refuse is never sent, and the call fails
// with GroupError("PermissionDenied").
import { StoredConversationType } from "../storage/groups"
import type { GroupContext } from "./context"
import { GroupError } from "./errors"
import { METADATA_FIELD } from "./extensions/index"
import { assertActive, loadGroup } from "./groupState"
import { queueIntent, syncUntilIntentResolved } from "./groupSync"
import { groupUpdateIntent, type AdminListAction, type GroupUpdate, type PermissionTarget } from "./groupUpdateIntents"
import { exceededMetadataLimit, tooManyCharactersMessage } from "./metadataLimits"
import { metadataFieldName, permissionOptionOf } from "./permissionOptions"
import { PermissionUpdateType, type MessageDisappearingSettings, type MetadataField, type PermissionPolicy } from "./publicTypes"

/** Name, description, image URL or app data: length first, then the DM refusal (META-01). */
export async function updateDisplayMetadata(ctx: GroupContext, groupId: Uint8Array, fieldName: string, value: string): Promise<void> {
  const limit = exceededMetadataLimit(fieldName, value)
  if (limit !== undefined) throw new GroupError("TooManyCharacters", tooManyCharactersMessage(limit))
  assertNotDm(ctx, groupId)
  await applyGroupUpdate(ctx, groupId, { kind: "metadata", fieldName, fieldValue: value })
}

/**
 * Two commits, from_ns then in_ns, each with its own transcript; if the second is refused the
 * first stays applied (DISAP-03). DMs may change them (DM-05).
 */
export async function updateDisappearingSettings(ctx: GroupContext, groupId: Uint8Array, settings: MessageDisappearingSettings): Promise<void> {
  await applyGroupUpdate(ctx, groupId, { kind: "metadata", fieldName: METADATA_FIELD.messageDisappearFromNs, fieldValue: settings.fromNs.toString() })
  await applyGroupUpdate(ctx, groupId, { kind: "metadata", fieldName: METADATA_FIELD.messageDisappearInNs, fieldValue: settings.inNs.toString() })
}

/** No check that `inboxId` is a member (ADMIN-01). */
export async function updateAdminList(ctx: GroupContext, groupId: Uint8Array, action: AdminListAction, inboxId: string): Promise<void> {
  assertNotDm(ctx, groupId)
  await applyGroupUpdate(ctx, groupId, { kind: "adminList", action, inboxId })
}

const TARGETS: Record<PermissionUpdateType, PermissionTarget> = {
  [PermissionUpdateType.AddMember]: "addMember",
  [PermissionUpdateType.RemoveMember]: "removeMember",
  [PermissionUpdateType.AddAdmin]: "addAdmin",
  [PermissionUpdateType.RemoveAdmin]: "removeAdmin",
  [PermissionUpdateType.UpdateMetadata]: "updateMetadata",
}

/** The binding converts the policy first, then libxmtp refuses DMs, then a metadata update without a field (PERM-13). */
export async function updatePermissionPolicy(
  ctx: GroupContext,
  groupId: Uint8Array,
  updateType: PermissionUpdateType,
  policy: PermissionPolicy,
  metadataField: MetadataField | undefined,
): Promise<void> {
  const option = permissionOptionOf(policy)
  const target = TARGETS[updateType]
  if (!target) throw new GroupError("InvalidArgument", `${String(updateType)} is not a permission update type.`)
  assertNotDm(ctx, groupId)
  if (target === "updateMetadata" && metadataField === undefined) {
    throw new GroupError("InvalidPermissionUpdate", "Metadata update must specify a metadata field")
  }
  await applyGroupUpdate(ctx, groupId, {
    kind: "permission",
    target,
    option,
    ...(target === "updateMetadata" && metadataField !== undefined ? { metadataFieldName: metadataFieldName(metadataField) } : {}),
  })
}

export function assertNotDm(ctx: GroupContext, groupId: Uint8Array): void {
  if (loadGroup(ctx.db, groupId).row.conversationType === StoredConversationType.Dm) {
    throw new GroupError("DmGroupMetadataForbidden", "cannot change metadata of DM")
  }
}

export async function applyGroupUpdate(ctx: GroupContext, groupId: Uint8Array, update: GroupUpdate): Promise<void> {
  assertActive(loadGroup(ctx.db, groupId))
  const intentId = queueIntent(ctx, groupId, { ...groupUpdateIntent(update), shouldPush: false })
  await syncUntilIntentResolved(ctx, groupId, intentId)
}
