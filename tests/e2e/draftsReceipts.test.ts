// Drafts and read receipts, end to end: two profiles on one embedded node, each in its own tab
// through the web host. Bob writes to Alice; she opens his request and accepts it, which sends a
// read receipt, and Bob's window shows "Seen" under his message. Alice starts a reply, reloads the
// page (the web host keeps her session), and the draft is back in her composer; sending it clears
// the saved draft. Screens are saved to tests/e2e/screenshots/ (40-49).
import type { Page } from "playwright-core"
import { beforeAll, describe, expect, it } from "vitest"
import { addressOf, conversationItem, ENGINE_MS, messageLog, openRequest, screenshot, send, shortAddress, startDm, until } from "./support/parleyPages"
import { useWebHostSession } from "./support/webHostSession"

const DRAFT = "Friday works, let me check the train times"

let alice: Page
let bob: Page
let aliceAddress = ""
let bobAddress = ""

/** What main keeps of the page's drafts, asked through the page's own bridge. */
function savedDrafts(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => window.parley!["drafts:get"]())
}

describe("drafts and read receipts in Chromium through the web host", () => {
  const session = useWebHostSession({ profiles: ["alice", "bob"], log: "webhost-drafts-receipts.log", onboard: true })
  beforeAll(async () => {
    ;({ alice, bob } = session.pages)
    aliceAddress = await addressOf(alice)
    bobAddress = await addressOf(bob)
  })

  it("shows Bob 'Seen' once Alice reads and accepts his message", async () => {
    await startDm(bob, aliceAddress)
    await send(bob, shortAddress(aliceAddress), "Are you free on Friday?")
    await messageLog(bob).getByRole("img", { name: "Sent" }).waitFor({ timeout: ENGINE_MS })

    await openRequest(alice, shortAddress(bobAddress))
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
    expect(session.pageErrors).toEqual([])
  })
})
