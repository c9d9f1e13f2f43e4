// libxmtp's evaluate_commit rules on the preset policy sets.
import { describe, expect, it } from "vitest"
import { adminsOnlyPolicySet, defaultPolicySet, dmPolicySet } from "../../../../src/engine/groups/extensions/index"
import { commitRespectsPolicies } from "../../../../src/engine/groups/permissions"
import type { InboxChange } from "../../../../src/engine/groups/validatedCommitTypes"
import { commit, participant } from "../../groups/support/validatedCommits"

const inbox = (inboxId: string, roles: Partial<InboxChange> = {}): InboxChange => ({ inboxId, isCreator: false, isAdmin: false, isSuperAdmin: false, ...roles })

const member = participant("member")
const admin = participant("admin", { isAdmin: true })
const superAdmin = participant("super", { isSuperAdmin: true, isCreator: true })

describe("commit permissions", () => {
  it("Default: any member adds, only admins remove, and a super admin is never removed", () => {
    const policies = defaultPolicySet()
    expect(commitRespectsPolicies(policies, commit(member, { addedInboxes: [inbox("x")] }))).toBe(true)
    expect(commitRespectsPolicies(policies, commit(member, { removedInboxes: [inbox("x")] }))).toBe(false)
    expect(commitRespectsPolicies(policies, commit(admin, { removedInboxes: [inbox("x")] }))).toBe(true)
    expect(commitRespectsPolicies(policies, commit(admin, { removedInboxes: [inbox("super", { isSuperAdmin: true })] }))).toBe(false)
  })

  it("judges a membership change by its proposer when one is named", () => {
    const policies = defaultPolicySet()
    expect(commitRespectsPolicies(policies, commit(admin, { removedInboxes: [inbox("x", { proposer: member })] }))).toBe(false)
    expect(commitRespectsPolicies(policies, commit(member, { removedInboxes: [inbox("x", { proposer: admin })] }))).toBe(true)
  })

  it("AdminsOnly: members can neither add nor rename", () => {
    const policies = adminsOnlyPolicySet()
    expect(commitRespectsPolicies(policies, commit(member, { addedInboxes: [inbox("x")] }))).toBe(false)
    const rename = { fieldChanges: [{ fieldName: "group_name", oldValue: "", newValue: "new" }], adminsAdded: [], adminsRemoved: [], superAdminsAdded: [], superAdminsRemoved: [], numSuperAdmins: 1 }
    expect(commitRespectsPolicies(policies, commit(member, { metadata: rename }))).toBe(false)
    expect(commitRespectsPolicies(policies, commit(admin, { metadata: rename }))).toBe(true)
  })

  it("metadata fields without a policy: super admins for '_' fields, admins otherwise", () => {
    const policies = defaultPolicySet()
    const change = (fieldName: string) => ({ fieldChanges: [{ fieldName, newValue: "v" }], adminsAdded: [], adminsRemoved: [], superAdminsAdded: [], superAdminsRemoved: [], numSuperAdmins: 1 })
    expect(commitRespectsPolicies(policies, commit(admin, { metadata: change("_commit_log_signer") }))).toBe(false)
    expect(commitRespectsPolicies(policies, commit(superAdmin, { metadata: change("_commit_log_signer") }))).toBe(true)
    expect(commitRespectsPolicies(policies, commit(member, { metadata: change("custom_field") }))).toBe(false)
    expect(commitRespectsPolicies(policies, commit(admin, { metadata: change("custom_field") }))).toBe(true)
  })

  it("only super admins change permissions and super admins; the last super admin stays", () => {
    const policies = defaultPolicySet()
    expect(commitRespectsPolicies(policies, commit(admin, { permissionsChanged: true }))).toBe(false)
    expect(commitRespectsPolicies(policies, commit(superAdmin, { permissionsChanged: true }))).toBe(true)
    const removeSelf = { fieldChanges: [], adminsAdded: [], adminsRemoved: [], superAdminsAdded: [], superAdminsRemoved: ["super"], numSuperAdmins: 0 }
    expect(commitRespectsPolicies(policies, commit(superAdmin, { metadata: removeSelf }))).toBe(false)
  })

  it("DM: nobody changes membership, except adding the other DM member", () => {
    const policies = dmPolicySet()
    const dmMembers = { memberOneInboxId: "one", memberTwoInboxId: "two" }
    expect(commitRespectsPolicies(policies, commit(participant("one"), { dmMembers, addedInboxes: [inbox("two")] }))).toBe(true)
    expect(commitRespectsPolicies(policies, commit(participant("one"), { dmMembers, addedInboxes: [inbox("three")] }))).toBe(false)
    expect(commitRespectsPolicies(policies, commit(participant("one"), { dmMembers, removedInboxes: [inbox("two")] }))).toBe(false)
  })
})
