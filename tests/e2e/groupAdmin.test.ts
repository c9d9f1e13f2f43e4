// Three people on one embedded node, each in their own browser tab through the web host: Alice
// creates a group with Bob and Carol; she sends one image through the file picker and one by
// dropping it on the conversation, and Bob sees both previews live and saves one. Alice makes
// renaming admins-only and Bob's settings show the control disabled with the reason; she removes
// Carol, whose composer is then disabled with why, while Bob reads "Alice removed Carol". Bob asks
// to leave, Alice sees the request and removes him; finally she applies a preset, with progress.
// Screens are saved to tests/e2e/screenshots/ as 20-29.
import { readFile } from "node:fs/promises"
import type { Page } from "playwright-core"
import { beforeAll, describe, expect, it } from "vitest"
import { acceptRequest, addressOf, createGroup, ENGINE_MS, messageLog, openGroupSettings, screenshot, send, shortAddress, until } from "./support/parleyPages"
import { useWebHostSession } from "./support/webHostSession"

const GROUP = "Design review"

let alice: Page
let bob: Page
let carol: Page
const names = { alice: "", bob: "", carol: "" }

/** A real PNG drawn by the browser (a card with a label), as bytes. */
async function drawPng(page: Page, label: string, hue: number): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ({ label, hue }) => {
      const canvas = document.createElement("canvas")
      canvas.width = 480
      canvas.height = 300
      const context = canvas.getContext("2d")
      if (!context) throw new Error("no 2D canvas")
      const gradient = context.createLinearGradient(0, 0, 480, 300)
      gradient.addColorStop(0, `hsl(${hue} 80% 62%)`)
      gradient.addColorStop(1, `hsl(${hue + 50} 75% 45%)`)
      context.fillStyle = gradient
      context.fillRect(0, 0, 480, 300)
      context.fillStyle = "rgb(255 255 255 / 0.9)"
      context.beginPath()
      context.roundRect(40, 190, 400, 70, 14)
      context.fill()
      context.fillStyle = "#1e293b"
      context.font = "600 30px sans-serif"
      context.fillText(label, 64, 236)
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"))
      if (!blob) throw new Error("the canvas made no PNG")
      const bytes = new Uint8Array(await blob.arrayBuffer())
      let binary = ""
      for (const byte of bytes) binary += String.fromCharCode(byte)
      return btoa(binary)
    },
    { label, hue },
  )
  return Buffer.from(base64, "base64")
}

/**
 * Records, from now on, whether the page showed a progress indicator whose accessible name starts
 * with `name` (the upload bar exists only while a file is sending, so it is watched, not polled).
 */
async function watchProgress(page: Page, name: string): Promise<() => Promise<boolean>> {
  await page.evaluate((name) => {
    const seen = { value: false }
    ;(window as unknown as Record<string, unknown>).__progressSeen = seen
    const check = () => {
      for (const element of document.querySelectorAll('[role="progressbar"], [role="status"] progress')) {
        if ((element.getAttribute("aria-label") ?? "").startsWith(name)) seen.value = true
      }
    }
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true })
  }, name)
  return () => page.evaluate(() => ((window as unknown as Record<string, { value: boolean }>).__progressSeen?.value ?? false))
}

describe("Group administration and attachments in Chromium through the web host", () => {
  const session = useWebHostSession({ profiles: ["alice", "bob", "carol"], log: "webhost-groupAdmin.log", onboard: true })
  beforeAll(async () => {
    ;({ alice, bob, carol } = session.pages)
    names.alice = shortAddress(await addressOf(alice))
  })

  it("creates a group with Bob and Carol, who both accept it", async () => {
    const bobAddress = await addressOf(bob)
    const carolAddress = await addressOf(carol)
    names.bob = shortAddress(bobAddress)
    names.carol = shortAddress(carolAddress)

    await createGroup(alice, GROUP, [bobAddress, carolAddress])
    await send(alice, GROUP, "Sketches coming up")

    await acceptRequest(bob, GROUP)
    await acceptRequest(carol, GROUP)
    await messageLog(bob).getByText("Sketches coming up").waitFor({ timeout: ENGINE_MS })
  })

  it("sends an image by the picker and one by drag and drop; Bob sees both live and saves one", async () => {
    const sketch = await drawPng(alice, "sketch.png · by the picker", 230)
    const diagram = await drawPng(alice, "diagram.png · dropped", 150)

    const sawPickerProgress = await watchProgress(alice, "Sending sketch.png")
    await alice.locator('input[type="file"]').setInputFiles({ name: "sketch.png", mimeType: "image/png", buffer: sketch })
    await messageLog(alice).getByRole("img", { name: "sketch.png" }).waitFor({ timeout: ENGINE_MS })
    expect(await sawPickerProgress()).toBe(true)

    // A drop: the files arrive in a DataTransfer, as when dragged from the file manager.
    const log = messageLog(alice)
    const transfer = await alice.evaluateHandle(
      ({ files }) => {
        const data = new DataTransfer()
        for (const file of files) {
          const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0))
          data.items.add(new File([bytes], file.name, { type: file.type }))
        }
        return data
      },
      {
        files: [
          { name: "diagram.png", type: "image/png", base64: diagram.toString("base64") },
          // Too big to send inline: refused at once, with the reason, without stopping the other.
          { name: "recording.wav", type: "audio/wav", base64: Buffer.alloc(1_500_000, 1).toString("base64") },
        ],
      },
    )
    await log.dispatchEvent("dragenter", { dataTransfer: transfer })
    await log.dispatchEvent("dragover", { dataTransfer: transfer })
    await alice.getByText(`Drop to send to ${GROUP}`).waitFor()
    await screenshot(alice, "20-drop-files")
    const sawDropProgress = await watchProgress(alice, "Sending diagram.png")
    await log.dispatchEvent("drop", { dataTransfer: transfer })
    await messageLog(alice).getByRole("img", { name: "diagram.png" }).waitFor({ timeout: ENGINE_MS })
    expect(await sawDropProgress()).toBe(true)
    expect(await alice.getByText(`Drop to send to ${GROUP}`).count()).toBe(0)
    const refusal = alice.getByRole("list", { name: "Attachments being sent" }).getByRole("alert")
    expect(await refusal.textContent()).toContain("recording.wav is 1.4 MB; files up to 1 MB can be sent.")
    await screenshot(alice, "21-images-sent")
    await refusal.getByRole("button", { name: "Dismiss recording.wav" }).click()

    // Bob has the conversation open: both previews arrive without a reload.
    const bobLog = messageLog(bob)
    await bobLog.getByRole("img", { name: "sketch.png" }).waitFor({ timeout: ENGINE_MS })
    await bobLog.getByRole("img", { name: "diagram.png" }).waitFor({ timeout: ENGINE_MS })
    const [download] = await Promise.all([bob.waitForEvent("download"), bobLog.getByRole("button", { name: "Save sketch.png" }).click()])
    expect(download.suggestedFilename()).toBe("sketch.png")
    expect(Buffer.compare(await readFile(await download.path()), sketch)).toBe(0)
    await screenshot(bob, "22-images-received")
  })

  it("makes renaming admins-only with a custom rule; Bob sees the control disabled with the reason", async () => {
    const panel = await openGroupSettings(alice)
    await panel.getByRole("radio", { name: /^Custom/ }).check()
    await panel.getByLabel("Rename the group", { exact: true }).selectOption("admin")
    await until(
      "Alice's rule for renaming",
      () => panel.getByLabel("Rename the group", { exact: true }).inputValue(),
      (value) => value === "admin",
    )
    await until("Alice's editor settles", () => panel.getByLabel("Rename the group", { exact: true }).isEnabled(), Boolean)
    expect(await panel.getByRole("radio", { name: /^Custom/ }).isChecked()).toBe(true)
    await screenshot(alice, "23-permissions-custom")

    // The commit reaches Bob before a message Alice sends after it.
    await alice.getByRole("textbox", { name: `Message ${GROUP}` }).fill("Only admins rename the group from now on")
    await alice.getByRole("textbox", { name: `Message ${GROUP}` }).press("Enter")
    await messageLog(bob).getByText("Only admins rename the group from now on").waitFor({ timeout: ENGINE_MS })

    const bobPanel = await openGroupSettings(bob)
    const rule = bobPanel.getByLabel("Rename the group", { exact: true })
    await until("Bob's rule for renaming", () => rule.inputValue(), (value) => value === "admin")
    expect(await rule.isDisabled()).toBe(true)
    expect(await bobPanel.getByRole("radio", { name: /^Custom/ }).isDisabled()).toBe(true)
    await bobPanel.getByText("Only super admins can change permissions.").waitFor()

    // Bob may still edit the description, but the name field is locked and says why.
    await bobPanel.getByRole("button", { name: "Edit name and description" }).click()
    const nameField = bobPanel.getByLabel("Group name", { exact: true })
    expect(await nameField.isDisabled()).toBe(true)
    expect(await nameField.getAttribute("aria-describedby")).toBe("rename-reason")
    await bobPanel.getByText("Only admins can rename the group in this group.").waitFor()
    expect(await bobPanel.getByLabel("Description", { exact: true }).isEnabled()).toBe(true)
    await bobPanel.getByLabel("Description", { exact: true }).scrollIntoViewIfNeeded()
    await screenshot(bob, "24-member-rename-disabled")
    await bobPanel.getByRole("button", { name: "Cancel" }).click()
  })

  it("removes Carol: her composer is disabled with why, and Bob reads that Alice removed her", async () => {
    const panel = await openGroupSettings(alice)
    await panel.locator(".member__summary", { hasText: names.carol }).click()
    await panel.getByRole("button", { name: "Remove from group" }).click()
    await until("Alice's member count", () => panel.getByRole("heading", { name: "Members" }).textContent(), (text) => text === "Members 2")

    const carolComposer = carol.getByRole("textbox", { name: `Message ${GROUP}` })
    await until("Carol's composer", () => carolComposer.isDisabled(), Boolean)
    await carol.getByText(`${names.alice} removed you from this group, so you can't send messages here.`).waitFor()
    expect(await carol.getByRole("button", { name: "Attach files" }).isDisabled()).toBe(true)
    await messageLog(carol).getByText(`${names.alice} removed you`).waitFor()
    await screenshot(carol, "25-removed-member")

    await messageLog(bob).getByText(`${names.alice} removed ${names.carol}`).waitFor({ timeout: ENGINE_MS })
    await screenshot(bob, "26-member-removed-line")
  })

  it("shows Alice Bob's leave request, and removing him ends his membership", async () => {
    const bobPanel = await openGroupSettings(bob)
    await bobPanel.getByRole("button", { name: "Leave group" }).click()
    await bobPanel.getByRole("group", { name: "Confirm leaving" }).getByRole("button", { name: "Leave group" }).click()
    await bobPanel.getByText("You asked to leave.", { exact: false }).waitFor({ timeout: ENGINE_MS })

    const panel = await openGroupSettings(alice)
    const requests = panel.getByRole("region", { name: "Leave requests" })
    await requests.waitFor({ timeout: ENGINE_MS })
    await requests.getByText(names.bob).waitFor()
    await panel.locator(".member__summary", { hasText: names.bob }).getByText("Leaving").waitFor()
    // Super admins cannot leave, and Alice's panel says so.
    expect(await panel.getByRole("button", { name: "Leave group" }).isDisabled()).toBe(true)
    await panel.getByText("Super admins can't leave a group", { exact: false }).waitFor()
    await requests.scrollIntoViewIfNeeded()
    await screenshot(alice, "27-leave-request")

    await requests.getByRole("button", { name: "Remove" }).click()
    await messageLog(alice).getByText(`${names.bob} left the group`).waitFor({ timeout: ENGINE_MS })
    const bobComposer = bob.getByRole("textbox", { name: `Message ${GROUP}` })
    await until("Bob's composer", () => bobComposer.isDisabled(), Boolean)
    await bob.getByText("You left this group, so you can't send messages here.").waitFor()
    await screenshot(bob, "28-left-group")
  })

  it("applies the admins-only preset, showing its progress", async () => {
    const panel = await openGroupSettings(alice)
    const sawProgress = await watchProgress(alice, "Applying “Admins only”")
    await panel.getByRole("radio", { name: /^Admins only/ }).check()
    await until(
      "Alice's rule for adding members",
      () => panel.getByLabel("Add members", { exact: true }).inputValue(),
      (value) => value === "admin",
    )
    await until("the preset", () => panel.getByRole("status").filter({ hasText: "Applying" }).count(), (count) => count === 0)
    expect(await sawProgress()).toBe(true)
    expect(await panel.getByRole("radio", { name: /^Admins only/ }).isChecked()).toBe(true)
    expect(await panel.getByLabel("Edit the description", { exact: true }).inputValue()).toBe("admin")
    await panel.getByRole("heading", { name: "Permissions" }).scrollIntoViewIfNeeded()
    await screenshot(alice, "29-permissions-preset")
    expect(session.pageErrors).toEqual([])
  })
})
