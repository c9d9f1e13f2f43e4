// Disappearing messages end to end: two profiles on one embedded node, each in its own tab through
// the web host. Alice turns them on in a group with Bob from its settings; Bob's header shows the
// timer and his conversation says in plain words what Alice changed; a message sent then shows
// when it goes; Bob, a plain member, sees the setting disabled with the reason; and in a DM Bob
// changes it himself from the chat details. Screens are saved to tests/e2e/screenshots/ (50-54).
import type { Page } from "playwright-core"
import { beforeAll, describe, expect, it } from "vitest"
import { acceptRequest, addressOf, createGroup, ENGINE_MS, messageLog, openGroupSettings, openRequest, screenshot, send, shortAddress, startDm, until } from "./support/parleyPages"
import { useWebHostSession } from "./support/webHostSession"

const GROUP = "Surprise party"

let alice: Page
let bob: Page
let aliceAddress = ""
let bobAddress = ""

/** The open conversation's header. */
function header(page: Page) {
  return page.getByRole("main").locator("header.conversation__header")
}

describe("disappearing messages in Chromium through the web host", () => {
  const session = useWebHostSession({ profiles: ["alice", "bob"], log: "webhost-disappearing.log", onboard: true, failureNameLength: 60 })
  beforeAll(async () => {
    ;({ alice, bob } = session.pages)
    aliceAddress = await addressOf(alice)
    bobAddress = await addressOf(bob)
  })

  it("starts with a group Alice made and Bob accepted, without disappearing messages", async () => {
    await createGroup(alice, GROUP, [bobAddress])
    await send(alice, GROUP, "Saturday at 8, keep it quiet")

    await acceptRequest(bob, GROUP)
    expect(await header(bob).getByText(/Messages disappear after/).count()).toBe(0)
  })

  it("lets Alice turn them on in the group's settings; Bob sees the timer in the header and the change in plain words", async () => {
    expect(await header(alice).getByText(/Messages disappear after/).count()).toBe(0)
    const panel = await openGroupSettings(alice)
    const setting = panel.getByLabel("Disappearing messages", { exact: true })
    expect(await setting.inputValue()).toBe("off")
    await setting.selectOption({ label: "1 day" })
    await header(alice).getByText("Messages disappear after 1 day").waitFor({ timeout: ENGINE_MS })
    await until("Alice's setting saved", () => setting.isEnabled(), Boolean)
    expect(await setting.inputValue()).toBe("oneDay")
    await messageLog(alice).getByText("You set messages to disappear after 1 day").waitFor({ timeout: ENGINE_MS })
    await screenshot(alice, "50-disappearing-turned-on")

    await header(bob).getByText("Messages disappear after 1 day").waitFor({ timeout: ENGINE_MS })
    const line = messageLog(bob).getByText(`${shortAddress(aliceAddress)} set messages to disappear after 1 day`)
    await line.waitFor({ timeout: ENGINE_MS })
    // The two commits behind one choice make one line, not a second "changed disappearing messages".
    expect(await messageLog(bob).getByText(/changed disappearing messages/).count()).toBe(0)
    await screenshot(bob, "51-disappearing-indicator-and-line")
  })

  it("shows when a message sent while they are on will go", async () => {
    const before = messageLog(bob).locator(".bubble-row__column", { hasText: "Saturday at 8, keep it quiet" })
    expect(await before.getByRole("img", { name: /^Disappears / }).count()).toBe(0)

    await send(alice, GROUP, "Bring a gift, this note vanishes tomorrow")
    const bubble = messageLog(bob).locator(".bubble-row__column", { hasText: "Bring a gift, this note vanishes tomorrow" })
    await bubble.waitFor({ timeout: ENGINE_MS })
    const timer = bubble.getByRole("img", { name: /^Disappears / })
    await timer.waitFor()
    expect(await timer.getAttribute("title")).toMatch(/^Disappears /)
    await messageLog(alice).locator(".bubble-row__column", { hasText: "Bring a gift" }).getByRole("img", { name: /^Disappears / }).waitFor({ timeout: ENGINE_MS })
    await screenshot(bob, "52-disappearing-message-timer")
  })

  it("shows Bob, a member, the setting disabled with the reason", async () => {
    const panel = await openGroupSettings(bob)
    const setting = panel.getByLabel("Disappearing messages", { exact: true })
    await setting.waitFor()
    expect(await setting.inputValue()).toBe("oneDay")
    // The policy loads after the panel opens; until then the engine would judge.
    await until("Bob's setting disabled", () => setting.isDisabled(), Boolean)
    const reason = panel.getByText("Only admins can change disappearing messages in this group.")
    await reason.waitFor()
    expect(await setting.getAttribute("aria-describedby")).toBe(await reason.getAttribute("id"))
    await reason.scrollIntoViewIfNeeded()
    await screenshot(bob, "53-disappearing-member-disabled")
    await panel.getByRole("button", { name: "Close group settings" }).click()
  })

  it("lets Bob set them in a DM from the chat details", async () => {
    await startDm(bob, aliceAddress)
    const dmName = shortAddress(aliceAddress)
    await send(bob, dmName, "Just between us")

    await header(bob).getByRole("button", { name: "Chat details" }).click()
    const details = bob.getByRole("dialog", { name: "Chat details" })
    const setting = details.getByLabel("Disappearing messages", { exact: true })
    expect(await setting.isEnabled()).toBe(true)
    await setting.selectOption({ label: "1 hour" })
    await header(bob).getByText("Messages disappear after 1 hour").waitFor({ timeout: ENGINE_MS })
    await until("Bob's DM setting saved", () => setting.isEnabled(), Boolean)
    await screenshot(bob, "54-dm-details-disappearing")
    await details.getByRole("button", { name: "Done" }).click()
    await messageLog(bob).getByText("You set messages to disappear after 1 hour").waitFor({ timeout: ENGINE_MS })

    // Alice's request carries the setting too.
    await openRequest(alice, shortAddress(bobAddress))
    await header(alice).getByText("Messages disappear after 1 hour").waitFor({ timeout: ENGINE_MS })
    expect(session.pageErrors).toEqual([])
  })
})
