// Disappearing messages end to end: two profiles on one embedded node, each in its own tab through
// the web host. Alice turns them on in a group with Bob from its settings; Bob's header shows the
// timer and his conversation says in plain words what Alice changed; a message sent then shows
// when it goes; Bob, a plain member, sees the setting disabled with the reason; and in a DM Bob
// changes it himself from the chat details. Screens are saved to tests/e2e/screenshots/ (50-54).
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { Page } from "playwright-core"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { type Chromium, launchChromium } from "./support/chromium"
import { addressOf, conversationItem, ENGINE_MS, messageLog, onboard, openProfile, screenshot, SCREENSHOTS, shortAddress, submitDialog, until } from "./support/parleyPages"
import { startWebHostProcess, type WebHostProcess } from "./support/webHostProcess"

const GROUP = "Surprise party"

let host: WebHostProcess
let browser: Chromium
let alice: Page
let bob: Page
let aliceAddress = ""
let bobAddress = ""
const pageErrors: string[] = []

function heading(page: Page, name: string) {
  return page.getByRole("heading", { name, level: 1 })
}

/** The open conversation's header. */
function header(page: Page) {
  return page.getByRole("main").locator("header.conversation__header")
}

async function send(page: Page, conversationName: string, text: string): Promise<void> {
  const composer = page.getByRole("textbox", { name: `Message ${conversationName}` })
  await composer.fill(text)
  await composer.press("Enter")
  await messageLog(page).getByText(text).waitFor({ timeout: ENGINE_MS })
}

describe("disappearing messages in Chromium through the web host", () => {
  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true })
    host = await startWebHostProcess(["alice", "bob"])
    browser = await launchChromium()
    alice = await openProfile(host, browser, "alice", pageErrors)
    bob = await openProfile(host, browser, "bob", pageErrors)
    await onboard(alice)
    await onboard(bob)
    aliceAddress = await addressOf(alice)
    bobAddress = await addressOf(bob)
  })

  afterEach(async (context) => {
    if (context.task.result?.state !== "fail") return
    const name = context.task.name.replace(/\W+/g, "-").slice(0, 60)
    await Promise.all([alice && screenshot(alice, `failed-${name}-alice`), bob && screenshot(bob, `failed-${name}-bob`)])
  })

  afterAll(async () => {
    await browser?.close()
    await host?.stop()
    if (host) await writeFile(join(SCREENSHOTS, "webhost-disappearing.log"), host.output())
  })

  it("starts with a group Alice made and Bob accepted, without disappearing messages", async () => {
    await alice.getByRole("button", { name: "New group" }).first().click()
    const dialog = alice.getByRole("dialog", { name: "New group" })
    await dialog.getByLabel("Group name", { exact: true }).fill(GROUP)
    await dialog.getByLabel("Members", { exact: true }).fill(bobAddress)
    await dialog.getByRole("button", { name: "Add", exact: true }).click()
    await submitDialog(dialog, "Create group")
    await heading(alice, GROUP).waitFor({ timeout: ENGINE_MS })
    await send(alice, GROUP, "Saturday at 8, keep it quiet")

    await bob.getByRole("tab", { name: /Requests/ }).click()
    await conversationItem(bob, GROUP).click({ timeout: ENGINE_MS })
    await bob.getByRole("region", { name: "Message request" }).getByRole("button", { name: "Accept" }).click()
    await bob.getByRole("textbox", { name: `Message ${GROUP}` }).waitFor()
    expect(await header(bob).getByText(/Messages disappear after/).count()).toBe(0)
  })

  it("lets Alice turn them on in the group's settings; Bob sees the timer in the header and the change in plain words", async () => {
    expect(await header(alice).getByText(/Messages disappear after/).count()).toBe(0)
    await alice.getByRole("button", { name: "Group settings" }).click()
    const panel = alice.getByRole("complementary", { name: "Group settings" })
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
    await bob.getByRole("button", { name: "Group settings" }).click()
    const panel = bob.getByRole("complementary", { name: "Group settings" })
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
    await bob.getByRole("button", { name: "New message" }).first().click()
    const dialog = bob.getByRole("dialog", { name: "New message" })
    await dialog.getByLabel("To").fill(aliceAddress)
    await submitDialog(dialog, "Start chat")
    const dmName = shortAddress(aliceAddress)
    await heading(bob, dmName).waitFor({ timeout: ENGINE_MS })
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
    await alice.getByRole("tab", { name: /Requests/ }).click()
    await conversationItem(alice, shortAddress(bobAddress)).click({ timeout: ENGINE_MS })
    await header(alice).getByText("Messages disappear after 1 hour").waitFor({ timeout: ENGINE_MS })
    expect(pageErrors).toEqual([])
  })
})
