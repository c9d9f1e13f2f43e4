// Settings in Chromium through the web host: the account key is shown only after its warning and
// hidden again once its dialog closes; a remote delivery node is refused until it is an http(s)
// URL and then waits for a restart; another profile opens as a page of its own. Screens are saved
// to tests/e2e/screenshots/ as 70-72.
import type { Locator, Page } from "playwright-core"
import { beforeAll, describe, expect, it } from "vitest"
import { screenshot } from "./support/parleyPages"
import { useWebHostSession } from "./support/webHostSession"

let alice: Page
let settings: Locator

describe("settings in Chromium through the web host", () => {
  const session = useWebHostSession({ profiles: ["alice"], log: "webhost-settings.log", onboard: true })
  beforeAll(async () => {
    ;({ alice } = session.pages)
    await alice.getByRole("button", { name: "Settings", exact: true }).click()
    settings = alice.getByRole("dialog", { name: "Settings" })
    await settings.waitFor()
  })

  it("reveals the account key only after the warning, and hides it again when the dialog closes", async () => {
    await settings.getByRole("button", { name: "Show account key" }).click()
    const keyDialog = alice.getByRole("dialog", { name: "Account key" })
    await keyDialog.getByText("Anyone with this key can read and send as you.").waitFor()
    const keyField = keyDialog.getByRole("textbox", { name: "Your account key" })
    expect(await keyField.count()).toBe(0)
    await screenshot(alice, "70-account-key-warning")

    await keyDialog.getByRole("button", { name: "I understand, show the key" }).click()
    await keyField.waitFor()
    expect(await keyField.inputValue()).toMatch(/^0x[0-9a-f]{64}$/)
    await keyDialog.getByRole("button", { name: "Copy account key" }).waitFor()
    await screenshot(alice, "71-account-key-revealed")

    await keyDialog.getByRole("button", { name: "Done" }).click()
    await keyDialog.waitFor({ state: "hidden" })
    await settings.getByRole("button", { name: "Show account key" }).click()
    await keyDialog.getByText("Anyone with this key can read and send as you.").waitFor()
    expect(await keyField.count()).toBe(0)
    await keyDialog.getByRole("button", { name: "Cancel" }).click()
    await keyDialog.waitFor({ state: "hidden" })
  })

  it("refuses a remote node that is not an http(s) URL, and saves one that is for after a restart", async () => {
    const network = settings.getByRole("region", { name: "Network" })
    expect(await network.getByRole("radio", { name: /Embedded node/ }).isChecked()).toBe(true)
    await network.getByRole("radio", { name: /Remote node/ }).check()
    const address = network.getByRole("textbox", { name: "Node address" })
    await address.fill("node.example.com")
    await network.getByRole("button", { name: "Save network" }).click()
    await network.getByRole("alert").getByText(/is not a node address: .*http:\/\/ or https:\/\//).waitFor()
    expect(await network.getByRole("status").count()).toBe(0)

    await address.fill("https://node.example.com:5556")
    await network.getByRole("button", { name: "Save network" }).click()
    const pending = network.getByRole("status")
    await pending.getByText(/Saved: https:\/\/node\.example\.com:5556\. .*applies after restart/).waitFor()
    await pending.getByText("Restart the web host to apply it.").waitFor()
    expect(await network.getByRole("alert").count()).toBe(0)
    await pending.scrollIntoViewIfNeeded()
    await screenshot(alice, "72-network-after-restart")
  })

  it("lists the profiles and opens a new one as its own page", async () => {
    const profiles = settings.getByRole("region", { name: "Profiles" })
    await profiles.getByRole("list", { name: "Profiles" }).getByText("alice").waitFor()
    await profiles.getByRole("textbox", { name: "New profile name" }).fill("Work!")
    await profiles.getByRole("button", { name: "Create profile" }).click()
    await profiles.getByRole("alert").getByText(/not a profile name/).waitFor()
    await profiles.getByRole("textbox", { name: "New profile name" }).fill("work")
    await profiles.getByRole("button", { name: "Create profile" }).click()
    const link = profiles.getByRole("status").getByRole("link", { name: "open work" })
    await link.waitFor()
    const href = new URL((await link.getAttribute("href")) ?? "")
    expect(href.searchParams.get("profile")).toBe("work")
    expect(href.origin).toBe(new URL(alice.url()).origin)
    await profiles.getByRole("list", { name: "Profiles" }).getByRole("link", { name: "Open work" }).waitFor()
    expect(session.pageErrors).toEqual([])
  })
})
