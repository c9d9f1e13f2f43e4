// The permission rules of a validated commit where no client API can build the case: and/any
// policies, changes judged by their proposer, the DM re-add exception, and how stored policies
// read back through permissions().
import { describe, expect, it } from "vitest"
import { defaultPolicySet, dmPolicySet, type MetadataPolicy, type PolicySet } from "../../../../src/engine/groups/extensions/index"
import { groupPermissionsOf } from "../../../../src/engine/groups/permissionOptions"
import { commitRespectsPolicies } from "../../../../src/engine/groups/permissions"
import { GroupPermissionsOptions, PermissionPolicy } from "../../../../src/engine/groups/publicTypes"
import type { CommitParticipant, InboxChange } from "../../../../src/engine/groups/validatedCommitTypes"
import { commit, participant } from "../support/validatedCommits"

const inbox = (inboxId: string, proposer?: CommitParticipant): InboxChange => ({
  inboxId,
  isCreator: false,
  isAdmin: false,
  isSuperAdmin: false,
  ...(proposer ? { proposer } : {}),
})
const rename = { fieldChanges: [{ fieldName: "group_name", oldValue: "", newValue: "x" }], adminsAdded: [], adminsRemoved: [], superAdminsAdded: [], superAdminsRemoved: [], numSuperAdmins: 1 }

const member = participant("member")
const admin = participant("admin", { isAdmin: true })
const superAdmin = participant("super", { isSuperAdmin: true })

const withNamePolicy = (policy: MetadataPolicy): PolicySet => {
  const set = defaultPolicySet()
  return { ...set, updateMetadataPolicy: new Map(set.updateMetadataPolicy).set("group_name", policy) }
}

describe("policy evaluation", () => {
  it("PERM-05: Deny refuses super admins; And needs every child, Any one of them", () => {
    const deny = withNamePolicy({ type: "base", base: "deny" })
    expect(commitRespectsPolicies(deny, commit(superAdmin, { metadata: rename }))).toBe(false)
    const both = withNamePolicy({ type: "and", policies: [{ type: "base", base: "allowIfAdminOrSuperAdmin" }, { type: "base", base: "allowIfSuperAdmin" }] })
    expect(commitRespectsPolicies(both, commit(admin, { metadata: rename }))).toBe(false)
    expect(commitRespectsPolicies(both, commit(superAdmin, { metadata: rename }))).toBe(true)
    const either = withNamePolicy({ type: "any", policies: [{ type: "base", base: "deny" }, { type: "base", base: "allowIfAdminOrSuperAdmin" }] })
    expect(commitRespectsPolicies(either, commit(member, { metadata: rename }))).toBe(false)
    expect(commitRespectsPolicies(either, commit(admin, { metadata: rename }))).toBe(true)
  })

  it("PERM-11: each added or removed inbox is judged by its own proposer, else the committer", () => {
    const policies = defaultPolicySet()
    const removals = [inbox("x", admin), inbox("y", member)]
    expect(commitRespectsPolicies(policies, commit(superAdmin, { removedInboxes: removals }))).toBe(false)
    expect(commitRespectsPolicies(policies, commit(member, { removedInboxes: [inbox("x", admin), inbox("y", superAdmin)] }))).toBe(true)
    // Installation changes of inboxes already in the group are not membership changes.
    expect(commitRespectsPolicies({ ...policies, addMemberPolicy: { type: "base", base: "deny" } }, commit(member, { installationsChanged: true }))).toBe(true)
  })

  it("PERM-12: either DM member may re-add the other, but not itself or a third inbox", () => {
    const dmMembers = { memberOneInboxId: "one", memberTwoInboxId: "two" }
    const policies = dmPolicySet()
    expect(commitRespectsPolicies(policies, commit(participant("two"), { dmMembers, addedInboxes: [inbox("one")] }))).toBe(true)
    expect(commitRespectsPolicies(policies, commit(participant("one"), { dmMembers, addedInboxes: [inbox("one")] }))).toBe(false)
    expect(commitRespectsPolicies(policies, commit(participant("one"), { dmMembers, addedInboxes: [inbox("two"), inbox("three")] }))).toBe(false)
  })

  it("PERM-15: a missing metadata policy reads DoesNotExist, an and/any policy Other, and the disappearing policy is in_ns's", () => {
    const set = defaultPolicySet()
    const metadata = new Map(set.updateMetadataPolicy)
    metadata.delete("app_data")
    metadata.set("message_disappear_from_ns", { type: "base", base: "deny" })
    metadata.set("group_name", { type: "any", policies: [{ type: "base", base: "allow" }] })
    const read = groupPermissionsOf({ ...set, updateMetadataPolicy: metadata, removeMemberPolicy: { type: "and", policies: [{ type: "base", base: "allow" }] } })
    expect(read.policySet).toMatchObject({
      updateAppDataPolicy: PermissionPolicy.DoesNotExist,
      updateGroupNamePolicy: PermissionPolicy.Other,
      removeMemberPolicy: PermissionPolicy.Other,
      updateMessageDisappearingPolicy: PermissionPolicy.Admin,
    })
    expect(read.policyType).toBe(GroupPermissionsOptions.CustomPolicy)
  })

  it("PERM-04: preset recognition ignores missing and extra metadata keys that follow the preset's rule", () => {
    const set = defaultPolicySet()
    const metadata = new Map(set.updateMetadataPolicy)
    metadata.delete("description")
    metadata.set("some_future_field", { type: "base", base: "allow" })
    expect(groupPermissionsOf({ ...set, updateMetadataPolicy: metadata }).policyType).toBe(GroupPermissionsOptions.Default)
    metadata.set("message_disappear_in_ns", { type: "base", base: "allow" })
    expect(groupPermissionsOf({ ...set, updateMetadataPolicy: metadata }).policyType).toBe(GroupPermissionsOptions.CustomPolicy)
  })
})
