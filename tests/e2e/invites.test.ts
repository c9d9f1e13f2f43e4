// Invite links in Chromium through the web host: Alice makes a link to her group that asks for
// approval; Bob pastes it into New message, adds a note and asks to join; Alice sees the request
// live in the group settings and approves it; the group opens among Bob's chats (not as a
// request) and he can write. Screens are saved to tests/e2e/screenshots/ as 60-64.
import type { Page } from "playwright-core"
import { beforeAll, describe, expect, it } from "vitest"
import { conversationItem, createGroup, ENGINE_MS, messageLog, openGroupSettings, screenshot } from "./support/parleyPages"
import { useWebHostSession } from "./support/webHostSession"

const GROUP = "Book club"

let alice: Page
let bob: Page

describe("invite links in Chromium through the web host", () => {
  const session = useWebHostSession({ profiles: ["alice", "bob"], log: "webhost-invites.log", onboard: true })
  beforeAll(() => {
    ;({ alice, bob } = session.pages)
  })

  it("Alice creates an invite link that asks for approval", async () => {
    await createGroup(alice, GROUP, [])

    const section = (await openGroupSettings(alice)).getByRole("region", { name: "Invite links" })
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
    expect(session.pageErrors).toEqual([])
  })
})
