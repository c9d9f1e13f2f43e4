// Two people on one embedded node, each in their own browser tab through the web host: both
// onboard, Alice creates a group with Bob and writes, Bob accepts the request and receives her
// messages live, and a rename reaches Bob's window. Screens are saved to tests/e2e/screenshots/.
import type { Page } from "playwright-core"
import { beforeAll, describe, expect, it } from "vitest"
import { addressOf, conversationItem, createGroup, ENGINE_MS, messageLog, onboard, openGroupSettings, openRequest, screenshot, shortAddress, startDm } from "./support/parleyPages"
import { useWebHostSession } from "./support/webHostSession"

let alice: Page
let bob: Page

describe("Parley in Chromium through the web host", () => {
  const session = useWebHostSession({ profiles: ["alice", "bob"], log: "webhost.log" })
  beforeAll(() => {
    ;({ alice, bob } = session.pages)
  })

  it("onboards both profiles and shows the empty messenger", async () => {
    await alice.getByRole("heading", { name: "Welcome to Parley" }).waitFor()
    await screenshot(alice, "01-onboarding")

    // A malformed key is refused by main with a message the user can act on.
    await alice.getByRole("button", { name: "I have an account key" }).click()
    await alice.getByLabel("Account private key").fill("0x1234")
    await alice.getByRole("button", { name: "Import account" }).click()
    const refusal = alice.getByRole("alert")
    await refusal.waitFor()
    expect(await refusal.textContent()).toContain("64 hex digits")
    await screenshot(alice, "02-onboarding-import-error")
    await alice.getByRole("button", { name: "Back" }).click()

    await onboard(alice)
    await onboard(bob)
    await alice.getByRole("heading", { name: "No conversations yet" }).waitFor()
    await screenshot(alice, "03-empty-messenger")
  })

  it("creates a group with Bob and sends him a message", async () => {
    const bobAddress = await addressOf(bob)
    expect(bobAddress).toMatch(/^0x[0-9a-f]{40}$/)
    await bob.getByRole("button", { name: "Settings", exact: true }).click()
    await screenshot(bob, "04-settings")
    await bob.getByRole("dialog", { name: "Settings" }).getByRole("button", { name: "Done" }).click()

    await createGroup(alice, "Weekend trip", [bobAddress], { description: "Plans for Saturday", beforeCreate: () => screenshot(alice, "05-new-group-dialog") })

    const composer = alice.getByRole("textbox", { name: "Message Weekend trip" })
    await composer.fill("Hello Bob!")
    await composer.press("Shift+Enter")
    await composer.pressSequentially("Are you in?")
    expect(await composer.inputValue()).toBe("Hello Bob!\nAre you in?")
    await composer.press("Enter")
    await messageLog(alice).getByText("Are you in?").waitFor({ timeout: ENGINE_MS })
    expect(await composer.inputValue()).toBe("")
    await messageLog(alice).getByRole("img", { name: "Sent" }).first().waitFor({ timeout: ENGINE_MS })
    await screenshot(alice, "06-conversation-sender")
  })

  it("lets Bob accept the request and receive messages live", async () => {
    // The group arrives in Bob's Requests without a reload.
    await openRequest(bob, "Weekend trip")
    const banner = bob.getByRole("region", { name: "Message request" })
    await banner.waitFor()
    await messageLog(bob).getByText("Are you in?").waitFor({ timeout: ENGINE_MS })
    await screenshot(bob, "07-request")
    await banner.getByRole("button", { name: "Accept" }).click()
    const bobComposer = bob.getByRole("textbox", { name: "Message Weekend trip" })
    await bobComposer.waitFor()

    await alice.getByRole("textbox", { name: "Message Weekend trip" }).fill("Train leaves at 9.")
    await alice.getByRole("textbox", { name: "Message Weekend trip" }).press("Enter")
    await messageLog(bob).getByText("Train leaves at 9.").waitFor({ timeout: ENGINE_MS })

    await bobComposer.fill("Count me in, see you there")
    await bobComposer.press("Enter")
    await messageLog(alice).getByText("Count me in, see you there").waitFor({ timeout: ENGINE_MS })
    await screenshot(bob, "08-conversation-receiver")
    await screenshot(alice, "09-conversation-reply")
  })

  it("reacts, replies and deletes from the message toolbar", async () => {
    const trainBubble = messageLog(bob).locator(".bubble-row__column", { hasText: "Train leaves at 9." })
    await trainBubble.hover()
    await trainBubble.getByRole("button", { name: "React 👍" }).click()
    await messageLog(alice).getByRole("list", { name: "Reactions" }).getByRole("button", { name: /^👍 from / }).waitFor({ timeout: ENGINE_MS })

    await trainBubble.hover()
    await trainBubble.getByRole("button", { name: "Reply" }).click()
    await bob.getByRole("status").getByText("Train leaves at 9.").waitFor()
    await bob.getByRole("textbox", { name: "Message Weekend trip" }).fill("Which platform?")
    await bob.getByRole("textbox", { name: "Message Weekend trip" }).press("Enter")
    const reply = messageLog(alice).locator(".bubble", { hasText: "Which platform?" })
    await reply.waitFor({ timeout: ENGINE_MS })
    expect(await reply.locator(".reply-quote").textContent()).toContain("Train leaves at 9.")
    await messageLog(alice).getByText("1 reply").waitFor({ timeout: ENGINE_MS })
    await screenshot(alice, "09b-reactions-and-reply")

    const first = messageLog(alice).locator(".bubble-row__column", { hasText: "Hello Bob!" })
    await first.hover()
    await first.getByRole("button", { name: "Delete message" }).click()
    await first.getByRole("group", { name: "Confirm deletion" }).getByRole("button", { name: "Delete" }).click()
    await messageLog(bob).getByText("This message was deleted").waitFor({ timeout: ENGINE_MS })
    await messageLog(alice).getByText("This message was deleted").waitFor({ timeout: ENGINE_MS })
    expect(await messageLog(bob).getByText("Hello Bob!").count()).toBe(0)
  })

  it("renames the group from its settings and Bob sees the new name", async () => {
    const panel = await openGroupSettings(alice)
    await panel.getByText("Super admin", { exact: true }).waitFor()
    await panel.getByLabel("Rename the group").waitFor()
    await screenshot(alice, "10-group-settings")

    await panel.getByRole("button", { name: "Edit name and description" }).click()
    await panel.getByLabel("Group name").fill("Weekend trip (Saturday)")
    await panel.getByRole("button", { name: "Save" }).click()
    await alice.getByRole("heading", { name: "Weekend trip (Saturday)", level: 1 }).waitFor({ timeout: ENGINE_MS })
    await bob.getByRole("heading", { name: "Weekend trip (Saturday)", level: 1 }).waitFor({ timeout: ENGINE_MS })
    await messageLog(bob).getByText("renamed the group “Weekend trip (Saturday)”").waitFor({ timeout: ENGINE_MS })
    await screenshot(alice, "11-group-renamed")
    await screenshot(bob, "12-rename-received")
  })

  it("shows a member the settings they may not change, disabled with the reason", async () => {
    const panel = await openGroupSettings(bob)
    const policy = panel.getByLabel("Remove members", { exact: true })
    await policy.waitFor()
    expect(await policy.isDisabled()).toBe(true)
    await panel.getByText("Only super admins can change permissions.").waitFor()
    await panel.getByRole("button", { name: /0x/ }).first().click()
    const remove = panel.getByRole("button", { name: "Remove from group" })
    expect(await remove.isDisabled()).toBe(true)
    await panel.getByText("Super admins cannot be removed from a group.").waitFor()
    await screenshot(bob, "13-group-settings-member")
    await panel.getByRole("button", { name: "Close group settings" }).click()
  })

  it("starts a direct message by address, which waits in the other side's requests", async () => {
    const aliceAddress = await addressOf(alice)
    await startDm(bob, aliceAddress.toUpperCase().replace("0X", "0x"))
    const short = shortAddress(aliceAddress)
    await bob.getByRole("textbox", { name: `Message ${short}` }).fill("Just us two")
    await bob.getByRole("textbox", { name: `Message ${short}` }).press("Enter")
    await messageLog(bob).getByText("Just us two").waitFor({ timeout: ENGINE_MS })

    await alice.getByRole("tab", { name: /Requests/ }).click()
    const bobAddress = await bob.evaluate(() => document.querySelector(".sidebar__address")?.getAttribute("title") ?? "")
    const request = conversationItem(alice, shortAddress(bobAddress))
    await request.waitFor({ timeout: ENGINE_MS })
    await alice.getByRole("tab", { name: "Requests 1" }).waitFor()
    await screenshot(alice, "14-requests-tab")
    await request.click()
    await messageLog(alice).getByText("Just us two").waitFor({ timeout: ENGINE_MS })
    await alice.getByRole("region", { name: "Message request" }).getByRole("button", { name: "Block" }).click()
    await alice.getByRole("heading", { name: "No requests" }).waitFor()
  })

  it("explains refused input in the new message dialog", async () => {
    await alice.getByRole("button", { name: "New message" }).first().click()
    const dialog = alice.getByRole("dialog", { name: "New message" })
    await dialog.getByLabel("To").fill("not an address")
    await dialog.getByRole("button", { name: "Start chat" }).click()
    await dialog.getByRole("alert").getByText(/Enter an Ethereum address/).waitFor()
    await screenshot(alice, "15-new-message-error")
    await dialog.getByRole("button", { name: "Cancel" }).click()
    expect(session.pageErrors).toEqual([])
  })
})
