// Drafts and read receipts, end to end: two profiles on one embedded node, each in its own tab
// through the web host. Bob writes to Alice; she opens his request and accepts it, which sends a
// read receipt, and Bob's window shows "Seen" under his message. Alice starts a reply, reloads the
// page (the web host keeps her session), and the draft is back in her composer; sending it clears
// the saved draft. Screens are saved to tests/e2e/screenshots/ (40-49).
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { Page } from "playwright-core"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { type Chromium, launchChromium } from "./support/chromium"
import { addressOf, conversationItem, ENGINE_MS, messageLog, onboard, openProfile, screenshot, SCREENSHOTS, shortAddress, until } from "./support/parleyPages"
import { startWebHostProcess, type WebHostProcess } from "./support/webHostProcess"

const DRAFT = "Friday works, let me check the train times"

let host: WebHostProcess
let browser: Chromium
let alice: Page
let bob: Page
let aliceAddress = ""
let bobAddress = ""
const pageErrors: string[] = []

/** What main keeps of the page's drafts, asked through the page's own bridge. */
function savedDrafts(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => window.parley!["drafts:get"]())
}

describe("drafts and read receipts in Chromium through the web host", () => {
  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true })
    host = await startWebHostProcess(["alice", "bob"])
    browser = await launchChromium()
    alice = await openProfile(host, browser, "alice", pageErrors)
    bob = await openProfile(host, browser, "bob", pageErrors)
    await Promise.all([onboard(alice), onboard(bob)])
    aliceAddress = await addressOf(alice)
    bobAddress = await addressOf(bob)
  })

  afterEach(async (context) => {
    if (context.task.result?.state !== "fail") return
    const name = context.task.name.replace(/\W+/g, "-")
    await Promise.all([alice && screenshot(alice, `failed-${name}-alice`), bob && screenshot(bob, `failed-${name}-bob`)])
  })

  afterAll(async () => {
    await browser?.close()
    await host?.stop()
    if (host) await writeFile(join(SCREENSHOTS, "webhost-drafts-receipts.log"), host.output())
  })

  it("shows Bob 'Seen' once Alice reads and accepts his message", async () => {
    await bob.getByRole("button", { name: "New message" }).first().click()
    const dialog = bob.getByRole("dialog", { name: "New message" })
    await dialog.getByLabel("To").fill(aliceAddress)
    await dialog.getByRole("button", { name: "Start chat" }).click()
    const bobComposer = bob.getByRole("textbox", { name: `Message ${shortAddress(aliceAddress)}` })
    await bobComposer.waitFor({ timeout: ENGINE_MS })
    await bobComposer.fill("Are you free on Friday?")
    await bobComposer.press("Enter")
    await messageLog(bob).getByRole("img", { name: "Sent" }).waitFor({ timeout: ENGINE_MS })

    await alice.getByRole("tab", { name: /Requests/ }).click()
    await conversationItem(alice, shortAddress(bobAddress)).click({ timeout: ENGINE_MS })
    await messageLog(alice).getByText("Are you free on Friday?").waitFor({ timeout: ENGINE_MS })
    await alice.getByRole("region", { name: "Message request" }).getByRole("button", { name: "Accept" }).click()

    const seen = messageLog(bob).locator(".bubble-row__column", { hasText: "Are you free on Friday?" }).getByText("Seen", { exact: true })
    await seen.waitFor({ timeout: ENGINE_MS })
    await screenshot(bob, "40-seen")
  })

  it("keeps Alice's unsent draft across a page reload, and forgets it once sent", async () => {
    const label = `Message ${shortAddress(bobAddress)}`
    await alice.getByRole("textbox", { name: label }).pressSequentially(DRAFT)
    await until("the saved drafts", () => savedDrafts(alice), (drafts) => Object.values(drafts).includes(DRAFT))

    await alice.reload()
    await alice.getByRole("tab", { name: "Chats" }).waitFor({ timeout: ENGINE_MS })
    await conversationItem(alice, shortAddress(bobAddress)).click({ timeout: ENGINE_MS })
    const composer = alice.getByRole("textbox", { name: label })
    await until("the composer after the reload", () => composer.inputValue(), (value) => value === DRAFT)
    await screenshot(alice, "41-draft-after-reload")

    await composer.press("Enter")
    await messageLog(bob).getByText(DRAFT).waitFor({ timeout: ENGINE_MS })
    expect(await composer.inputValue()).toBe("")
    await until("the saved drafts after sending", () => savedDrafts(alice), (drafts) => Object.keys(drafts).length === 0)
    expect(pageErrors).toEqual([])
  })
})
