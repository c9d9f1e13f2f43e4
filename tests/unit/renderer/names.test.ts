import { describe, expect, it } from "vitest"
import { avatarHue, conversationTitle, inboxLabel, initials, shortHex } from "../../../src/renderer/src/lib/names"
import { ALICE_INBOX, dm, group, OWN_INBOX } from "../shared/support/dtoFixtures"

const ADDRESS = "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf"

describe("names on screen", () => {
  it("show the user as You, others by short address, or by inbox id until the address is known", () => {
    expect(inboxLabel(OWN_INBOX, {}, OWN_INBOX)).toBe("You")
    expect(inboxLabel(ALICE_INBOX, { [ALICE_INBOX]: ADDRESS }, OWN_INBOX)).toBe("0x7e5f…5bdf")
    expect(inboxLabel(ALICE_INBOX, {}, OWN_INBOX)).toBe("Inbox aaaa…aaaa")
    expect(shortHex("0x1234")).toBe("0x1234")
  })

  it("title DMs by the peer and groups by name", () => {
    expect(conversationTitle(dm(), { [ALICE_INBOX]: ADDRESS })).toBe("0x7e5f…5bdf")
    expect(conversationTitle(group({ name: "  " }), {})).toBe("Unnamed group")
    expect(conversationTitle(group({ name: "Hiking club" }), {})).toBe("Hiking club")
  })

  it("make avatar initials from names and addresses, with a stable colour", () => {
    expect(initials("Hiking club")).toBe("HC")
    expect(initials("weekend")).toBe("W")
    expect(initials("0x7e5f…5bdf")).toBe("7E")
    expect(initials("Inbox aaaa…aaaa")).toBe("AA")
    expect(initials("🎉 party time")).toBe("PT")
    expect(avatarHue("abc")).toBe(avatarHue("abc"))
  })
})
