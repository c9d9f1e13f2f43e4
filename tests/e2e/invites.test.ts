// Invite links in Chromium through the web host: Alice makes a link to her group that asks for
// approval; Bob pastes it into New message, adds a note and asks to join; Alice sees the request
// live in the group settings and approves it; the group opens among Bob's chats (not as a
// request) and he can write. Screens are saved to tests/e2e/screenshots/ as 60-64.
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { Page } from "playwright-core"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { type Chromium, launchChromium } from "./support/chromium"
import { conversationItem, ENGINE_MS, messageLog, onboard, openProfile, screenshot, SCREENSHOTS } from "./support/parleyPages"
import { startWebHostProcess, type WebHostProcess } from "./support/webHostProcess"

const GROUP = "Book club"

let host: WebHostProcess
let browser: Chromium
let alice: Page
let bob: Page
const pageErrors: string[] = []

describe("invite links in Chromium through the web host", () => {
  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true })
    host = await startWebHostProcess(["alice", "bob"])
    browser = await launchChromium()
    alice = await openProfile(host, browser, "alice", pageErrors)
    bob = await openProfile(host, browser, "bob", pageErrors)
    await onboard(alice)
    await onboard(bob)
  })

  afterEach(async (context) => {
    if (context.task.result?.state !== "fail") return
    const name = context.task.name.replace(/\W+/g, "-")
    await Promise.all([alice && screenshot(alice, `failed-${name}-alice`), bob && screenshot(bob, `failed-${name}-bob`)])
  })

  afterAll(async () => {
    await browser?.close()
    await host?.stop()
    if (host) await writeFile(join(SCREENSHOTS, "webhost-invites.log"), host.output())
  })

  it("Alice creates an invite link that asks for approval", async () => {
    await alice.getByRole("button", { name: "New group" }).first().click()
    const dialog = alice.getByRole("dialog", { name: "New group" })
    await dialog.getByLabel("Group name").fill(GROUP)
    await dialog.getByRole("button", { name: "Create group" }).click()
    await alice.getByRole("heading", { name: GROUP, level: 1 }).waitFor({ timeout: ENGINE_MS })

    await alice.getByRole("button", { name: "Group settings" }).click()
    const section = alice.getByRole("complementary", { name: "Group settings" }).getByRole("region", { name: "Invite links" })
    await section.getByLabel("Link expiry").selectOption({ label: "Expires in 7 days" })
    await section.getByLabel("Approve new members").check()
    await section.getByRole("button", { name: "Create invite link" }).click()
    const link = section.getByRole("textbox", { name: "Invite link" })
    await link.waitFor({ timeout: ENGINE_MS })
    expect(await link.inputValue()).toMatch(/^parley:\/\/invite\/[A-Za-z0-9_-]{87}$/)
    await section.getByText(/you approve each request/).waitFor()
    await screenshot(alice, "60-invite-link")
  })

  it("Bob pastes the link into New message and asks to join with a note", async () => {
    const url = await alice.getByRole("region", { name: "Invite links" }).getByRole("textbox", { name: "Invite link" }).inputValue()
    await bob.getByRole("button", { name: "New message" }).first().click()
    const newMessage = bob.getByRole("dialog", { name: "New message" })
    await newMessage.getByRole("textbox").fill(url)
    await newMessage.getByRole("button", { name: "Start chat" }).click()

    const join = bob.getByRole("dialog", { name: "Join a group" })
    await join.getByLabel(/Note to the person who invited you/).fill("Hi, it's Bob from the library")
    await screenshot(bob, "61-join-dialog")
    await join.getByRole("button", { name: "Ask to join" }).click()
    await bob.getByText(/Request sent/).waitFor({ timeout: ENGINE_MS })
    await messageLog(bob).getByText("Asked to join a group through an invite link.").waitFor({ timeout: ENGINE_MS })
  })

  it("Alice sees the request live and approves it; the group opens among Bob's chats", async () => {
    const section = alice.getByRole("region", { name: "Invite links" })
    const request = section.getByRole("list", { name: "Join requests" }).getByRole("listitem").first()
    await request.getByText("Hi, it's Bob from the library").waitFor({ timeout: ENGINE_MS })
    await request.getByText("Waiting for your approval").waitFor()
    await screenshot(alice, "62-join-request")
    await request.getByRole("button", { name: "Approve" }).click()
    await request.getByText("Added", { exact: true }).waitFor({ timeout: ENGINE_MS })

    await bob.getByRole("tab", { name: "Chats" }).click()
    await conversationItem(bob, GROUP).waitFor({ timeout: ENGINE_MS })
    await conversationItem(bob, GROUP).click()
    const composer = bob.getByRole("textbox", { name: `Message ${GROUP}` })
    await composer.waitFor({ timeout: ENGINE_MS })
    await composer.fill("Thanks for having me!")
    await composer.press("Enter")
    await messageLog(alice).getByText("Thanks for having me!").waitFor({ timeout: ENGINE_MS })
    await screenshot(bob, "63-joined-group")
    await screenshot(alice, "64-member-joined")
    expect(pageErrors).toEqual([])
  })
})
