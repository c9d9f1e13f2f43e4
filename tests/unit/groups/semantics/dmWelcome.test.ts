// The rules a DM welcome must meet before a DM is created from it (libxmtp validate_dm_group),
// on group contexts built as libxmtp builds them and then altered one rule at a time.
import { describe, expect, it } from "vitest"
import { validateDmWelcome } from "../../../../src/engine/groups/dmRules"
import { adminsOnlyPolicySet, basePolicy, newDmContextExtensions, readXmtpGroupContext, type XmtpGroupContext } from "../../../../src/engine/groups/extensions/index"

const me = "a".repeat(64)
const peer = "b".repeat(64)
const stranger = "c".repeat(64)

/** The DM `creator` made with `other`, as its welcome carries it. */
const dmContext = (creator = peer, other = me): XmtpGroupContext => readXmtpGroupContext(newDmContextExtensions({ creatorInboxId: creator, peerInboxId: other }))

const refusal = (context: XmtpGroupContext, addedBy = peer) => {
  try {
    validateDmWelcome(context, me, addedBy)
    return undefined
  } catch (error) {
    return error as { code: string; message: string }
  }
}

describe("DM welcome validation", () => {
  it("DM-07: a DM from its other member is accepted", () => {
    expect(refusal(dmContext())).toBeUndefined()
  })

  it("DM-07: a welcome that is not a DM, names no members, leaves us out, or comes from a third inbox is refused", () => {
    const notDm = dmContext()
    expect(refusal({ ...notDm, metadata: { ...notDm.metadata, conversationType: "group" } })).toMatchObject({ code: "InvalidDm" })
    const noMembers = dmContext()
    const { dmMembers: _dmMembers, ...withoutMembers } = noMembers.metadata
    expect(refusal({ ...noMembers, metadata: withoutMembers })).toMatchObject({ code: "InvalidDm" })
    expect(refusal(dmContext(peer, stranger))).toMatchObject({ code: "InvalidDm" })
    expect(refusal(dmContext(), stranger)).toMatchObject({ code: "InvalidDm" })
  })

  it("DM-07: from the other member, a DM with admins is refused", () => {
    const withAdmin = dmContext()
    expect(refusal({ ...withAdmin, mutableMetadata: { ...withAdmin.mutableMetadata, adminList: [peer] } })).toMatchObject({ code: "InvalidDm" })
    expect(refusal({ ...withAdmin, mutableMetadata: { ...withAdmin.mutableMetadata, superAdminList: [peer] } })).toMatchObject({ code: "InvalidDm" })
  })

  it("DM-07: from another installation of our own inbox, only our membership is checked", () => {
    const ours = dmContext(me, peer)
    expect(refusal({ ...ours, mutableMetadata: { ...ours.mutableMetadata, superAdminList: [me] } }, me)).toBeUndefined()
    expect(refusal(dmContext(peer, stranger), me)).toMatchObject({ code: "InvalidDm" })
  })

  it("DM-08: policies are refused only when all five membership, admin and permission policies differ from a DM's", () => {
    const context = dmContext()
    const allow = basePolicy("allow" as const)
    const partlyDifferent = { ...context.policies, addMemberPolicy: allow, removeMemberPolicy: allow, addAdminPolicy: basePolicy("allowIfSuperAdmin" as const) }
    expect(refusal({ ...context, policies: partlyDifferent })).toBeUndefined()
    expect(refusal({ ...context, policies: adminsOnlyPolicySet() })).toMatchObject({ code: "InvalidDm" })
  })
})
