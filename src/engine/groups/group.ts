// A group conversation (the shape of @xmtp/node-sdk's Group): its display metadata, admins,
// permissions, and membership changes by inbox id.
import { METADATA_FIELD } from "./extensions/index"
import { updateAppData } from "./appDataUpdate"
import { changeMembers } from "./changeMembers"
import { Conversation } from "./conversation"
import { minimumVersionOf } from "./groupPause"
import { updateAdminList, updateDisplayMetadata, updatePermissionPolicy } from "./groupUpdates"
import { requestRemoval } from "./leaveGroup"
import { addMembersByIdentifiers, removeMembersByIdentifiers } from "./membersByIdentifier"
import { updateGroupMinVersion } from "./minVersionUpdate"
import { groupPermissionsOf } from "./permissionOptions"
import { GroupMembershipState, type GroupPermissions, type Identifier, type MetadataField, type PermissionPolicy, type PermissionUpdateType } from "./publicTypes"

export class Group extends Conversation {
  get name(): string {
    return this.attribute(METADATA_FIELD.groupName)
  }

  get description(): string {
    return this.attribute(METADATA_FIELD.description)
  }

  get imageUrl(): string {
    return this.attribute(METADATA_FIELD.groupImageUrlSquare)
  }

  get appData(): string {
    return this.attribute(METADATA_FIELD.appData)
  }

  /** At most 100 UTF-8 bytes. Throws GroupError (TooManyCharacters, PermissionDenied, DmGroupMetadataForbidden, ...). */
  async updateName(name: string): Promise<void> {
    await updateDisplayMetadata(this.ctx, this.idBytes, METADATA_FIELD.groupName, name)
  }

  /** At most 1000 UTF-8 bytes. */
  async updateDescription(description: string): Promise<void> {
    await updateDisplayMetadata(this.ctx, this.idBytes, METADATA_FIELD.description, description)
  }

  /** At most 2048 UTF-8 bytes. */
  async updateImageUrl(imageUrl: string): Promise<void> {
    await updateDisplayMetadata(this.ctx, this.idBytes, METADATA_FIELD.groupImageUrlSquare, imageUrl)
  }

  /**
   * At most 8192 UTF-8 bytes. With `expectedAppData` the change is a compare-and-swap: it fails
   * with GroupError("AppDataSuperseded") when the group's app data is not that value (an unset
   * slot never matches), now or when the change is published (META-03).
   */
  async updateAppData(appData: string, expectedAppData?: string): Promise<void> {
    await updateAppData(this.ctx, this.idBytes, appData, expectedAppData)
  }

  /**
   * Requires members to implement at least this libxmtp protocol version (MAJOR.MINOR.PATCH); older
   * clients pause the group (META-08). Super admins only. Throws GroupError (InvalidMinVersion,
   * MinVersionExceedsOwnVersion, MinVersionDowngrade, PermissionDenied, GroupPausedUntilUpdate, ...).
   */
  async updateGroupMinVersion(version: string): Promise<void> {
    await updateGroupMinVersion(this.ctx, this.idBytes, version)
  }

  /** The minimum protocol version the group requires, if it sets one. */
  get minimumSupportedProtocolVersion(): string | undefined {
    return minimumVersionOf(this.xmtpContext())
  }

  /** The preset the group's policies match (or CustomPolicy) and the policy of each action, as of the last sync. */
  permissions(): GroupPermissions {
    return groupPermissionsOf(this.xmtpContext().policies)
  }

  /**
   * Sets one policy; only super admins may. Allow for the admin policies is stored as SuperAdmin,
   * as libxmtp does. Throws GroupError (InvalidPermissionPolicyOption, InvalidPermissionUpdate, PermissionDenied, ...).
   */
  async updatePermission(permissionType: PermissionUpdateType, policy: PermissionPolicy, metadataField?: MetadataField): Promise<void> {
    await updatePermissionPolicy(this.ctx, this.idBytes, permissionType, policy, metadataField)
  }

  listAdmins(): string[] {
    return [...this.xmtpContext().mutableMetadata.adminList]
  }

  listSuperAdmins(): string[] {
    return [...this.xmtpContext().mutableMetadata.superAdminList]
  }

  isAdmin(inboxId: string): boolean {
    return this.listAdmins().includes(inboxId)
  }

  isSuperAdmin(inboxId: string): boolean {
    return this.listSuperAdmins().includes(inboxId)
  }

  async addAdmin(inboxId: string): Promise<void> {
    await updateAdminList(this.ctx, this.idBytes, "add", inboxId)
  }

  async removeAdmin(inboxId: string): Promise<void> {
    await updateAdminList(this.ctx, this.idBytes, "remove", inboxId)
  }

  async addSuperAdmin(inboxId: string): Promise<void> {
    await updateAdminList(this.ctx, this.idBytes, "addSuper", inboxId)
  }

  /** The last super admin cannot be removed. */
  async removeSuperAdmin(inboxId: string): Promise<void> {
    await updateAdminList(this.ctx, this.idBytes, "removeSuper", inboxId)
  }

  /**
   * Asks the group's super admins to remove this member (a LeaveRequest message); until one of
   * their clients does, the group stays active and isPendingRemoval() is true. Throws GroupError
   * (NotAGroupMember, SingleMemberLeaveRejected, DmLeaveForbidden, SuperAdminLeaveForbidden, ...).
   */
  async requestRemoval(): Promise<void> {
    await requestRemoval(this.ctx, this.idBytes)
  }

  isPendingRemoval(): boolean {
    return this.membershipState() === GroupMembershipState.PendingRemove
  }

  /** Adds every installation of each inbox. Throws GroupError (UnknownInbox, FailedToVerifyInstallations, PermissionDenied, ...). */
  async addMembers(inboxIds: string[]): Promise<void> {
    await changeMembers(this.ctx, this.idBytes, inboxIds, [])
  }

  /** Removes every installation of each inbox; a super admin must be demoted first. */
  async removeMembers(inboxIds: string[]): Promise<void> {
    await changeMembers(this.ctx, this.idBytes, [], inboxIds)
  }

  /** Looks the accounts' inboxes up on the node; at most 250 members this way. Throws GroupError (UserLimitExceeded, AddressNotFound, ...). */
  async addMembersByIdentifiers(identifiers: Identifier[]): Promise<void> {
    await addMembersByIdentifiers(this.ctx, this.idBytes, identifiers)
  }

  /** Accounts without an inbox are ignored. */
  async removeMembersByIdentifiers(identifiers: Identifier[]): Promise<void> {
    await removeMembersByIdentifiers(this.ctx, this.idBytes, identifiers)
  }

  private attribute(field: string): string {
    return this.xmtpContext().mutableMetadata.attributes.get(field) ?? ""
  }
}
