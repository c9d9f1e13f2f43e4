import { describe, expect, it } from "vitest"
import type { Message } from "../../../src/shared/dto/message"
import type { GroupUpdated } from "../../../src/shared/dto/messageContent"
import { DISAPPEARING_DURATIONS, disappearingChoiceOf, disappearingChoiceSchema, disappearingDurationNs } from "../../../src/shared/dto/disappearing"
import { DISAPPEARING_OPTIONS, disappearingSentence, lifetimeText } from "../../../src/renderer/src/lib/disappearing"
import { groupRights } from "../../../src/renderer/src/lib/groupRights"
import { PRESETS } from "../../../src/renderer/src/features/groupSettings/permissionPresets"
import { groupUpdateLines, isDisappearingStartBefore } from "../../../src/renderer/src/lib/groupUpdateText"
import { messageRows } from "../../../src/renderer/src/features/messages/messageRows"
import { isExpired } from "../../../src/renderer/src/features/messages/useExpiryClock"
import { ALICE_INBOX, BOB_INBOX, group, groupUpdated, message } from "../shared/support/dtoFixtures"

const SECOND = 1_000_000_000n
const names: Record<string, string> = { [ALICE_INBOX]: "Alice", [BOB_INBOX]: "Bob" }
const name = (inboxId: string) => names[inboxId] ?? "someone"

function update(changes: GroupUpdated["metadataFieldChanges"], fields: Partial<GroupUpdated> = {}): GroupUpdated {
  return groupUpdated({ metadataFieldChanges: changes, ...fields })
}

function transcript(id: number, groupUpdated: GroupUpdated): Message {
  return message({
    id: id.toString(16).padStart(64, "0"),
    kind: "membershipChange",
    sentAtNs: (1_700_000_000_000_000_000n + BigInt(id)).toString(),
    contentType: { authorityId: "xmtp.org", typeId: "group_updated", versionMajor: 1, versionMinor: 0 },
    content: { type: "groupUpdated", groupUpdated },
  })
}

describe("disappearing messages in the UI", () => {
  it("offers off and four lifetimes, validated, and maps lifetimes back to them", () => {
    expect(DISAPPEARING_OPTIONS.map((option) => option.label)).toEqual(["Off", "1 hour", "1 day", "1 week", "30 days"])
    expect(disappearingDurationNs("off")).toBeNull()
    expect(disappearingDurationNs("oneWeek")).toBe(7n * 86_400n * SECOND)
    expect(disappearingChoiceOf(null)).toBe("off")
    expect(disappearingChoiceOf(DISAPPEARING_DURATIONS.thirtyDays)).toBe("thirtyDays")
    expect(disappearingChoiceOf(90n * SECOND)).toBeUndefined()
    expect(disappearingChoiceSchema.safeParse("oneDay").success).toBe(true)
    expect(disappearingChoiceSchema.safeParse("forever").success).toBe(false)
  })

  it("says any lifetime another client set in the largest exact unit", () => {
    expect(lifetimeText(14n * 86_400n * SECOND)).toBe("2 weeks")
    expect(lifetimeText(90n * 60n * SECOND)).toBe("90 minutes")
    expect(lifetimeText(1n)).toBe("1 second")
    expect(lifetimeText(2_500_000_000n)).toBe("3 seconds")
    expect(disappearingSentence({ fromNs: "1", inNs: DISAPPEARING_DURATIONS.oneDay.toString() })).toBe("Messages disappear after 1 day")
  })

  it("describes each half of a change, and turning them off", () => {
    expect(groupUpdateLines(update([{ fieldName: "message_disappear_in_ns", newValue: DISAPPEARING_DURATIONS.oneDay.toString() }]), name)).toEqual([
      "Alice set messages to disappear after 1 day",
    ])
    expect(groupUpdateLines(update([{ fieldName: "message_disappear_in_ns", oldValue: "3600000000000", newValue: "0" }]), name)).toEqual(["Alice turned off disappearing messages"])
    expect(groupUpdateLines(update([{ fieldName: "message_disappear_from_ns", newValue: "0" }]), name)).toEqual(["Alice turned off disappearing messages"])
    expect(groupUpdateLines(update([{ fieldName: "message_disappear_from_ns", newValue: "1700000000000000000" }]), name)).toEqual(["Alice changed disappearing messages"])
    expect(groupUpdateLines(update([{ fieldName: "message_disappear_in_ns", newValue: "soon" }]), name)).toEqual(["Alice changed disappearing messages"])
  })

  it("shows one line for the two transcripts of one change, but keeps a start time nobody followed up", () => {
    const start = update([{ fieldName: "message_disappear_from_ns", newValue: "1700000000000000000" }])
    const lifetime = update([{ fieldName: "message_disappear_in_ns", newValue: DISAPPEARING_DURATIONS.oneHour.toString() }])
    expect(isDisappearingStartBefore(start, lifetime)).toBe(true)
    expect(isDisappearingStartBefore(start, { ...lifetime, initiatedByInboxId: BOB_INBOX })).toBe(false)
    expect(isDisappearingStartBefore(start, undefined)).toBe(false)
    expect(isDisappearingStartBefore({ ...start, addedInboxIds: [BOB_INBOX] }, lifetime)).toBe(false)

    const lines = (messages: Message[]) =>
      messageRows(messages).flatMap((row) => (row.kind === "system" && row.message.content.type === "groupUpdated" ? groupUpdateLines(row.message.content.groupUpdated, name) : []))
    expect(lines([transcript(1, start), transcript(2, lifetime)])).toEqual(["Alice set messages to disappear after 1 hour"])
    expect(lines([transcript(1, start), message({ id: "3".padStart(64, "0"), sentAtNs: "1700000000000000002" }), transcript(4, lifetime)])).toEqual([
      "Alice changed disappearing messages",
      "Alice set messages to disappear after 1 hour",
    ])
  })

  it("hides a message from the moment it expires, and never one without an expiry", () => {
    const expiring = message({ expiresAtNs: "1700000000000000000" })
    expect(isExpired(expiring, 1_699_999_999_999_999_999n)).toBe(false)
    expect(isExpired(expiring, 1_700_000_000_000_000_000n)).toBe(true)
    expect(isExpired(message(), 1n << 62n)).toBe(false)
  })

  it("lets a group member change them only as the group's policy allows, with the reason", () => {
    const member = group() as Extract<ReturnType<typeof group>, { kind: "group" }>
    const admin = group({ isAdmin: true }) as typeof member
    const policySet = PRESETS.default.policies
    expect(groupRights(member, { policyType: "default", policySet }).disappearing).toEqual({ allowed: false, reason: "Only admins can change disappearing messages in this group." })
    expect(groupRights(admin, { policyType: "default", policySet }).disappearing).toEqual({ allowed: true })
    expect(groupRights(admin, { policyType: "customPolicy", policySet: { ...policySet, updateMessageDisappearingPolicy: "deny" } }).disappearing).toEqual({
      allowed: false,
      reason: "Nobody can change disappearing messages in this group.",
    })
  })
})
