// A group conversation (the shape of @xmtp/node-sdk's Group): its display metadata, admins, and
// membership changes by inbox id.
import { METADATA_FIELD } from "./extensions/index"
import { changeMembers } from "./changeMembers"
import { Conversation } from "./conversation"

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

  /** Adds every installation of each inbox. Throws GroupError (UnknownInbox, FailedToVerifyInstallations, PermissionDenied, ...). */
  async addMembers(inboxIds: string[]): Promise<void> {
    await changeMembers(this.ctx, this.idBytes, inboxIds, [])
  }

  /** Removes every installation of each inbox. */
  async removeMembers(inboxIds: string[]): Promise<void> {
    await changeMembers(this.ctx, this.idBytes, [], inboxIds)
  }

  private attribute(field: string): string {
    return this.xmtpContext().mutableMetadata.attributes.get(field) ?? ""
  }
}
