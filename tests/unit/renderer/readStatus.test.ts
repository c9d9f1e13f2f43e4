// "Seen" and "Seen by N" from the other members' read receipts.
import { describe, expect, it } from "vitest"
import { seenStatus } from "../../../src/renderer/src/features/messages/readStatus"
import { ALICE_INBOX, BOB_INBOX, GROUP_ID, message, OWN_INBOX } from "../shared/support/dtoFixtures"

const CAROL_INBOX = "c".repeat(64)
const at = (seconds: number) => (1_700_000_000n * 1_000_000_000n + BigInt(seconds) * 1_000_000_000n).toString()
const id = (n: number) => n.toString(16).padStart(64, "0")

const mine1 = message({ id: id(1), senderInboxId: OWN_INBOX, sentAtNs: at(10) })
const theirs = message({ id: id(2), senderInboxId: ALICE_INBOX, sentAtNs: at(20) })
const mine2 = message({ id: id(3), senderInboxId: OWN_INBOX, sentAtNs: at(30) })
const receiptRow = message({ id: id(4), senderInboxId: OWN_INBOX, sentAtNs: at(40), content: { type: "readReceipt" }, contentType: { authorityId: "xmtp.org", typeId: "readReceipt", versionMajor: 1, versionMinor: 0 } })
const dm = { kind: "dm", peerInboxId: ALICE_INBOX } as const
const group = { kind: "group" } as const

describe("seenStatus", () => {
  it("says nothing without the peer's receipt, or before onboarding", () => {
    expect(seenStatus([mine1, theirs, mine2], {}, OWN_INBOX, dm)).toBeNull()
    expect(seenStatus([mine1], { [ALICE_INBOX]: at(50) }, null, dm)).toBeNull()
  })

  it("puts Seen under the newest own message the peer has read in a DM", () => {
    expect(seenStatus([mine1, theirs, mine2], { [ALICE_INBOX]: at(25) }, OWN_INBOX, dm)).toEqual({ messageId: mine1.id, label: "Seen" })
    expect(seenStatus([mine1, theirs, mine2, receiptRow], { [ALICE_INBOX]: at(35) }, OWN_INBOX, dm)).toEqual({ messageId: mine2.id, label: "Seen" })
    expect(seenStatus([mine1, mine2], { [ALICE_INBOX]: at(5) }, OWN_INBOX, dm)).toBeNull()
    // A receipt from someone who is not the peer says nothing in a DM.
    expect(seenStatus([mine1], { [BOB_INBOX]: at(50) }, OWN_INBOX, dm)).toBeNull()
  })

  it("counts the members who read the newest own message in a group", () => {
    const inGroup = [mine1, theirs, mine2].map((m) => ({ ...m, conversationId: GROUP_ID }))
    expect(seenStatus(inGroup, { [ALICE_INBOX]: at(35), [BOB_INBOX]: at(31), [CAROL_INBOX]: at(15) }, OWN_INBOX, group)).toEqual({ messageId: mine2.id, label: "Seen by 2" })
    expect(seenStatus(inGroup, { [CAROL_INBOX]: at(15), [OWN_INBOX]: at(99) }, OWN_INBOX, group)).toBeNull()
    expect(seenStatus([theirs], { [ALICE_INBOX]: at(35) }, OWN_INBOX, group)).toBeNull()
    // Once the member list is known, receipts of people no longer in the group do not count.
    const current = { kind: "group", memberInboxIds: new Set([OWN_INBOX, ALICE_INBOX, CAROL_INBOX]) } as const
    expect(seenStatus(inGroup, { [ALICE_INBOX]: at(35), [BOB_INBOX]: at(31), [CAROL_INBOX]: at(15) }, OWN_INBOX, current)).toEqual({ messageId: mine2.id, label: "Seen by 1" })
  })
})
