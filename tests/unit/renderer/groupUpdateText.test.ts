import { describe, expect, it } from "vitest"
import { groupUpdateLines } from "../../../src/renderer/src/lib/groupUpdateText"
import { groupUpdated as update } from "../shared/support/dtoFixtures"

const ALICE = "a".repeat(64)
const BOB = "b".repeat(64)
const CAROL = "c".repeat(64)
const ME = "e".repeat(64)
const names: Record<string, string> = { [ALICE]: "Alice", [BOB]: "Bob", [CAROL]: "Carol", [ME]: "You" }
const name = (inboxId: string) => names[inboxId] ?? "someone"

describe("group updates in plain words", () => {
  it("names who was added and removed, with 'you' as an object", () => {
    expect(groupUpdateLines(update({ addedInboxIds: [BOB, CAROL, ME] }), name)).toEqual(["Alice added Bob, Carol and you"])
    expect(groupUpdateLines(update({ initiatedByInboxId: ME, removedInboxIds: [BOB] }), name)).toEqual(["You removed Bob"])
    expect(groupUpdateLines(update({ leftInboxIds: [ME] }), name)).toEqual(["You left the group"])
  })

  it("describes metadata and role changes", () => {
    expect(
      groupUpdateLines(
        update({
          metadataFieldChanges: [
            { fieldName: "group_name", oldValue: "Old", newValue: "Trip" },
            { fieldName: "description", newValue: "" },
            { fieldName: "message_disappear_in_ns", newValue: "3600000000000" },
          ],
          addedAdminInboxIds: [BOB],
          removedSuperAdminInboxIds: [CAROL],
        }),
        name,
      ),
    ).toEqual(["Alice renamed the group “Trip”", "Alice removed the description", "Alice set messages to disappear after 1 hour", "Alice made Bob an admin", "Alice removed Carol as super admin"])
  })

  it("still says something for an update with no listed change", () => {
    expect(groupUpdateLines(update({}), name)).toEqual(["Alice updated the group"])
  })
})
