import { describe, expect, it } from "vitest"
import type { ConversationSummary } from "../../../src/shared/dto/conversation"
import type { GroupPermissions } from "../../../src/shared/dto/permissions"
import { groupRights } from "../../../src/renderer/src/lib/groupRights"
import { group } from "../shared/support/dtoFixtures"

type Group = Extract<ConversationSummary, { kind: "group" }>
const member = group() as Group
const admin = group({ isAdmin: true }) as Group
const superAdmin = group({ isSuperAdmin: true }) as Group

const permissions: GroupPermissions = {
  policyType: "default",
  policySet: {
    addMemberPolicy: "allow",
    removeMemberPolicy: "admin",
    addAdminPolicy: "superAdmin",
    removeAdminPolicy: "superAdmin",
    updateGroupNamePolicy: "allow",
    updateGroupDescriptionPolicy: "deny",
    updateGroupImageUrlSquarePolicy: "allow",
    updateMessageDisappearingPolicy: "admin",
    updateAppDataPolicy: "allow",
  },
}

describe("group rights", () => {
  it("follow the policy set and the user's role, with the reason when refused", () => {
    expect(groupRights(member, permissions).addMembers).toEqual({ allowed: true })
    expect(groupRights(member, permissions).removeMembers).toEqual({ allowed: false, reason: "Only admins can remove members in this group." })
    expect(groupRights(admin, permissions).removeMembers).toEqual({ allowed: true })
    expect(groupRights(admin, permissions).addAdmins).toEqual({ allowed: false, reason: "Only super admins can make admins in this group." })
    expect(groupRights(superAdmin, permissions).addAdmins).toEqual({ allowed: true })
    expect(groupRights(superAdmin, permissions).describe).toEqual({ allowed: false, reason: "Nobody can change the description in this group." })
  })

  it("leave judging to the engine when the policy set is unknown, but only super admins edit permissions", () => {
    expect(groupRights(member, null).removeMembers).toEqual({ allowed: true })
    expect(groupRights(member, null).editPermissions).toEqual({ allowed: false, reason: "Only super admins can change permissions." })
    expect(groupRights(superAdmin, null).editPermissions).toEqual({ allowed: true })
  })

  it("refuse everything in a group the user was removed from", () => {
    const removed = group({ isActive: false, isSuperAdmin: true }) as Group
    const rights = groupRights(removed, permissions)
    for (const right of Object.values(rights)) expect(right).toEqual({ allowed: false, reason: "You are no longer a member of this group." })
  })
})
