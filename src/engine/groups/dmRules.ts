// DM identity and the rules a DM welcome must satisfy (libxmtp DmMembers Display and
// groups/mod.rs validate_dm_group).
import { GroupError } from "./errors"
import { dmPolicySet, policiesEqual, type XmtpGroupContext } from "./extensions/index"

/** "dm:" and the two inbox ids, lowercased and sorted, joined by ":" (DM-01). */
export function dmIdFor(inboxA: string, inboxB: string): string {
  return `dm:${[inboxA.toLowerCase(), inboxB.toLowerCase()].sort().join(":")}`
}

/** The other member of a DM, from its dm id. */
export function dmPeerInboxId(dmId: string, ownInboxId: string): string {
  const [first, second] = dmId.replace(/^dm:/, "").split(":")
  return first === ownInboxId.toLowerCase() ? (second ?? "") : (first ?? "")
}

export function validateDmWelcome(context: XmtpGroupContext, ownInboxId: string, addedByInboxId: string): void {
  const invalid = (reason: string) => new GroupError("InvalidDm", `This DM welcome is not valid: ${reason}.`)
  if (context.metadata.conversationType !== "dm") throw invalid("its conversation type is not DM")
  const members = context.metadata.dmMembers
  if (!members) throw invalid("it does not name its two members")
  const { memberOneInboxId: one, memberTwoInboxId: two } = members
  if (addedByInboxId === ownInboxId) {
    if (one !== ownInboxId && two !== ownInboxId) throw invalid("our inbox is not one of its members")
    return
  }
  if (!((one === addedByInboxId && two === ownInboxId) || (one === ownInboxId && two === addedByInboxId))) {
    throw invalid("its members are not us and the inbox that sent it")
  }
  if (context.mutableMetadata.adminList.length > 0 || context.mutableMetadata.superAdminList.length > 0) {
    throw invalid("a DM has no admins")
  }
  // libxmtp refuses only when every one of these differs from the DM policies (DM-08).
  const expected = dmPolicySet()
  const p = context.policies
  if (
    !policiesEqual(p.addMemberPolicy, expected.addMemberPolicy) &&
    !policiesEqual(p.removeMemberPolicy, expected.removeMemberPolicy) &&
    !policiesEqual(p.addAdminPolicy, expected.addAdminPolicy) &&
    !policiesEqual(p.removeAdminPolicy, expected.removeAdminPolicy) &&
    !policiesEqual(p.updatePermissionsPolicy, expected.updatePermissionsPolicy)
  ) {
    throw invalid("its permissions are not a DM's")
  }
}
