// What several e2e files do with Parley's pages: open a profile's page (collecting page errors),
// onboard, read the account address, find a conversation or the message log, save a screenshot.
import { join } from "node:path"
import type { Locator, Page } from "playwright-core"
import type { Chromium } from "./chromium"
import type { WebHostProcess } from "./webHostProcess"

export const SCREENSHOTS = join(import.meta.dirname, "..", "screenshots")
/** MLS commits, welcomes and key-package fetches take a few seconds on two cores. */
export const ENGINE_MS = 45_000

export async function openProfile(host: WebHostProcess, browser: Chromium, profile: string, pageErrors: string[]): Promise<Page> {
  const page = await browser.context.newPage()
  page.on("pageerror", (error) => pageErrors.push(`${profile}: ${error.message}`))
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(`${profile} console: ${message.text()}`)
  })
  const url = host.pages[profile]
  if (!url) throw new Error(`the host printed no page for ${profile}`)
  await page.goto(url)
  return page
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}

export async function onboard(page: Page): Promise<void> {
  await page.getByRole("heading", { name: "Welcome to Parley" }).waitFor()
  await page.getByRole("button", { name: "Create a new account" }).click()
  await page.getByRole("tab", { name: "Chats" }).waitFor({ timeout: ENGINE_MS })
}

/** An identifier shown in the settings dialog ("Address", "Inbox ID"); the dialog is closed again. */
export async function identifierOf(page: Page, label: string): Promise<string> {
  await page.getByRole("button", { name: "Settings", exact: true }).click()
  const dialog = page.getByRole("dialog", { name: "Settings" })
  const value = (await dialog.locator(".settings__identifier", { hasText: label }).locator(".settings__identifier-value").textContent())?.trim() ?? ""
  await dialog.getByRole("button", { name: "Done" }).click()
  return value
}

/** The account address shown in the settings dialog (the dialog is closed again). */
export async function addressOf(page: Page): Promise<string> {
  return identifierOf(page, "Address")
}

/** How Parley names an inbox whose address it knows: "0x12ab…cdef". */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`
}

/**
 * Clicks a dialog's submit button and waits until the dialog has closed: "New group" and "New
 * message" stay open (modal, so the page behind takes no input) until the new conversation is loaded.
 */
export async function submitDialog(dialog: Locator, button: string): Promise<void> {
  await dialog.getByRole("button", { name: button }).click()
  await dialog.waitFor({ state: "hidden", timeout: ENGINE_MS })
}

export function conversationItem(page: Page, name: string) {
  return page.getByRole("complementary", { name: "Conversations" }).getByRole("button", { name: new RegExp(`^${name.replace(/[()]/g, "\\$&")}`) })
}

export function messageLog(page: Page) {
  return page.getByRole("log", { name: "Messages" })
}

/** Waits until `check` holds, polling; throws `what` with the last value when the deadline passes. */
export async function until<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = ENGINE_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let value = await read()
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
    value = await read()
  }
  return value
}
