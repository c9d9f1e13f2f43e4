import { describe, expect, it } from "vitest"
import { inactiveReason } from "../../../src/renderer/src/features/composer/inactiveReason"
import { pendingLeaveRequests } from "../../../src/renderer/src/features/groupSettings/pendingLeaves"
import type { GroupUpdated } from "../../../src/shared/dto/messageContent"
import type { Member } from "../../../src/shared/dto/member"
import { ALICE_INBOX, BOB_INBOX, GROUP_ID, groupUpdated, message, OWN_INBOX } from "../shared/support/dtoFixtures"

const CAROL_INBOX = "c".repeat(64)
const GROUP_UPDATED = { authorityId: "xmtp.org", typeId: "group_updated", versionMajor: 1, versionMinor: 0 }
const LEAVE_REQUEST = { authorityId: "xmtp.org", typeId: "leave_request", versionMajor: 1, versionMinor: 0 }
let sequence = 0

function update(initiatedByInboxId: string, change: Partial<GroupUpdated>) {
  sequence += 1
  return message({
    id: sequence.toString(16).padStart(64, "0"),
    conversationId: GROUP_ID,
    senderInboxId: initiatedByInboxId,
    kind: "membershipChange",
    sentAtNs: `${1700000000000000000n + BigInt(sequence)}`,
    contentType: GROUP_UPDATED,
    content: {
      type: "groupUpdated",
      groupUpdated: groupUpdated({ initiatedByInboxId, ...change }),
    },
  })
}

function leaveRequest(senderInboxId: string) {
  sequence += 1
  return message({
    id: sequence.toString(16).padStart(64, "0"),
    conversationId: GROUP_ID,
    senderInboxId,
    sentAtNs: `${1700000000000000000n + BigInt(sequence)}`,
    contentType: LEAVE_REQUEST,
    content: { type: "leaveRequest" },
  })
}

function member(inboxId: string): Member {
  return { inboxId, role: "member", consentState: "allowed", accountIdentifiers: [], installationIds: [] }
}

const name = (inboxId: string) => (inboxId === OWN_INBOX ? "You" : inboxId === ALICE_INBOX ? "Alice" : "Someone")

describe("pending leave requests", () => {
  it("are the members who asked to leave and have not been removed or re-added since", () => {
    const messages = [
      update(ALICE_INBOX, { addedInboxIds: [BOB_INBOX, CAROL_INBOX, OWN_INBOX] }),
      leaveRequest(BOB_INBOX),
      leaveRequest(CAROL_INBOX),
      leaveRequest(BOB_INBOX),
      update(ALICE_INBOX, { leftInboxIds: [CAROL_INBOX] }),
      update(ALICE_INBOX, { addedInboxIds: [CAROL_INBOX] }),
    ]
    const requests = pendingLeaveRequests(messages, [member(ALICE_INBOX), member(BOB_INBOX), member(CAROL_INBOX)])
    expect(requests.map((request) => request.inboxId)).toEqual([BOB_INBOX])
    expect(requests[0]?.sentAtNs).toBe(messages[1]?.sentAtNs)
    // Someone no longer listed as a member is not waiting for anything.
    expect(pendingLeaveRequests(messages, [member(ALICE_INBOX)])).toEqual([])
  })
})

describe("why a group's composer is disabled", () => {
  it("names who removed the user, or says they left", () => {
    const added = update(ALICE_INBOX, { addedInboxIds: [OWN_INBOX] })
    expect(inactiveReason([added, update(ALICE_INBOX, { removedInboxIds: [OWN_INBOX] })], OWN_INBOX, name)).toBe(
      "Alice removed you from this group, so you can't send messages here.",
    )
    expect(inactiveReason([added, update(ALICE_INBOX, { leftInboxIds: [OWN_INBOX] })], OWN_INBOX, name)).toBe("You left this group, so you can't send messages here.")
  })

  it("falls back to a plain sentence when the transcript does not say", () => {
    expect(inactiveReason([update(ALICE_INBOX, { removedInboxIds: [BOB_INBOX] })], OWN_INBOX, name)).toBe(
      "You are no longer a member of this group, so you can't send messages here.",
    )
    expect(inactiveReason([], null, name)).toBe("You are no longer a member of this group, so you can't send messages here.")
  })
})
