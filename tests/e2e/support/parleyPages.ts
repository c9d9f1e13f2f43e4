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

export function heading(page: Page, name: string) {
  return page.getByRole("heading", { name, level: 1 })
}

/** Sends `text` from the open conversation's composer and waits until it shows in the log. */
export async function send(page: Page, conversationName: string, text: string): Promise<void> {
  const composer = page.getByRole("textbox", { name: `Message ${conversationName}` })
  await composer.fill(text)
  await composer.press("Enter")
  await messageLog(page).getByText(text).waitFor({ timeout: ENGINE_MS })
}

export interface NewGroupExtras {
  description?: string
  /** Runs with the dialog filled in, just before "Create group" (to take its screenshot). */
  beforeCreate?: () => Promise<void>
}

/** Creates a group from the "New group" dialog, adding each member address, and waits until it is open. */
export async function createGroup(page: Page, name: string, memberAddresses: readonly string[], extras: NewGroupExtras = {}): Promise<void> {
  await page.getByRole("button", { name: "New group" }).first().click()
  const dialog = page.getByRole("dialog", { name: "New group" })
  await dialog.getByLabel("Group name", { exact: true }).fill(name)
  if (extras.description !== undefined) await dialog.getByLabel("Description (optional)").fill(extras.description)
  for (const address of memberAddresses) {
    await dialog.getByLabel("Members", { exact: true }).fill(address)
    await dialog.getByRole("button", { name: "Add", exact: true }).click()
    await dialog.getByRole("list", { name: "Members to add" }).getByText(address.slice(0, 8)).waitFor()
  }
  await extras.beforeCreate?.()
  await submitDialog(dialog, "Create group")
  await heading(page, name).waitFor({ timeout: ENGINE_MS })
}

/** Starts a DM from the "New message" dialog and waits until it is open under the short address. */
export async function startDm(page: Page, address: string): Promise<void> {
  await page.getByRole("button", { name: "New message" }).first().click()
  const dialog = page.getByRole("dialog", { name: "New message" })
  await dialog.getByLabel("To").fill(address)
  await submitDialog(dialog, "Start chat")
  await heading(page, shortAddress(address.toLowerCase())).waitFor({ timeout: ENGINE_MS })
}

/** Opens the Requests tab and the request named `name`, once it has arrived. */
export async function openRequest(page: Page, name: string): Promise<void> {
  await page.getByRole("tab", { name: /Requests/ }).click()
  await conversationItem(page, name).waitFor({ timeout: ENGINE_MS })
  await conversationItem(page, name).click()
}

/** Opens the request named `name`, accepts it and waits for the composer it unlocks. */
export async function acceptRequest(page: Page, name: string): Promise<void> {
  await openRequest(page, name)
  await page.getByRole("region", { name: "Message request" }).getByRole("button", { name: "Accept" }).click()
  await page.getByRole("textbox", { name: `Message ${name}` }).waitFor({ timeout: ENGINE_MS })
}

/** Opens the open group's settings panel (unless it is open already) and waits until it shows its members. */
export async function openGroupSettings(page: Page): Promise<Locator> {
  const panel = page.getByRole("complementary", { name: "Group settings" })
  if (!(await panel.isVisible())) await page.getByRole("button", { name: "Group settings" }).click()
  await panel.getByRole("heading", { name: "Members" }).waitFor()
  return panel
}
