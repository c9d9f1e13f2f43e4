// The group settings behind the contract: name and description, the permission policies, members'
// roles, and disappearing messages (which DMs have too). Each change is one engine call per
// commit, as the SDK makes them.
import { type MetadataField, PermissionUpdateType } from "../../engine/index"
import type { ConversationSummary, DisappearingSettings, GroupMetadataPatch } from "../../shared/dto/conversation"
import type { DisappearingChoice } from "../../shared/dto/disappearing"
import type { Member, MemberRole } from "../../shared/dto/member"
import { type GroupPermissions, METADATA_FIELDS, type PermissionUpdate } from "../../shared/dto/permissions"
import { ConversationError } from "./conversationErrors"
import { applyDisappearingChoice, disappearingDto } from "./disappearingSettings"
import { enginePolicy, memberDto, permissionsDto } from "./engineDto"
import type { EngineService } from "./engineService"

const UPDATE_TYPES: Record<PermissionUpdate["type"], PermissionUpdateType> = {
  addMember: PermissionUpdateType.AddMember,
  removeMember: PermissionUpdateType.RemoveMember,
  addAdmin: PermissionUpdateType.AddAdmin,
  removeAdmin: PermissionUpdateType.RemoveAdmin,
  updateMetadata: PermissionUpdateType.UpdateMetadata,
}

export class GroupAdminService {
  constructor(private readonly engine: EngineService) {}

  async updateMetadata(id: string, patch: GroupMetadataPatch): Promise<ConversationSummary> {
    const group = await this.engine.group(id)
    if (patch.name !== undefined) await group.updateName(patch.name)
    if (patch.description !== undefined) await group.updateDescription(patch.description)
    if (patch.imageUrl !== undefined) await group.updateImageUrl(patch.imageUrl)
    return this.engine.summary(group)
  }

  /** A group's or a DM's disappearing-message setting; null while it is off. */
  async disappearing(id: string): Promise<DisappearingSettings | null> {
    return disappearingDto(await this.engine.conversation(id))
  }

  async setDisappearing(id: string, choice: DisappearingChoice): Promise<ConversationSummary> {
    const conversation = await this.engine.conversation(id)
    await applyDisappearingChoice(conversation, choice)
    return this.engine.summary(conversation)
  }

  async permissions(id: string): Promise<GroupPermissions> {
    return permissionsDto((await this.engine.group(id)).permissions())
  }

  async updatePermission(id: string, update: PermissionUpdate): Promise<GroupPermissions> {
    const group = await this.engine.group(id)
    const field = update.type === "updateMetadata" ? (METADATA_FIELDS.indexOf(update.metadataField) as MetadataField) : undefined
    await group.updatePermission(UPDATE_TYPES[update.type], enginePolicy(update.policy), field)
    return permissionsDto(group.permissions())
  }

  /**
   * Asks to leave (a LeaveRequest, as the SDK's leaveGroup sends): the group stays active, its
   * membership reads pendingRemove, until a super admin's client removes this member.
   */
  async leave(id: string): Promise<ConversationSummary> {
    const group = await this.engine.group(id)
    await group.requestRemoval()
    return this.engine.summary(group)
  }

  /**
   * Gives a member exactly `role`: super admins and admins are separate lists in XMTP, so a
   * demotion from super admin to admin adds the admin entry it needs, and "member" clears both.
   */
  async setRole(id: string, inboxId: string, role: MemberRole): Promise<Member> {
    const group = await this.engine.group(id)
    const member = async () => {
      const found = (await group.members()).find((candidate) => candidate.inboxId === inboxId)
      if (!found) throw new ConversationError("NotFound", "That inbox is not a member of this group.")
      return found
    }
    await member()
    const isSuper = group.isSuperAdmin(inboxId)
    const isAdmin = group.isAdmin(inboxId)
    if (role === "superAdmin") {
      if (!isSuper) await group.addSuperAdmin(inboxId)
    } else {
      if (isSuper) await group.removeSuperAdmin(inboxId)
      if (role === "admin" && !isAdmin) await group.addAdmin(inboxId)
      if (role === "member" && isAdmin) await group.removeAdmin(inboxId)
    }
    return memberDto(await member())
  }
}
