// The life of one e2e file: a web host serving some profiles, one Chromium tab per profile, a
// screenshot of every tab when a test fails, and the host's output kept beside the screenshots.
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { Page } from "playwright-core"
import { afterAll, afterEach, beforeAll } from "vitest"
import { type Chromium, launchChromium } from "./chromium"
import { onboard, openProfile, screenshot, SCREENSHOTS } from "./parleyPages"
import { startWebHostProcess, type WebHostProcess } from "./webHostProcess"

export interface WebHostSessionOptions<P extends string> {
  profiles: readonly P[]
  /** The file under tests/e2e/screenshots/ that receives what the host printed. */
  log: string
  /** Create an account in every profile, one after the other, before the first test. */
  onboard?: boolean
  /** Cut the failed test's name to this many characters in its screenshots' names. */
  failureNameLength?: number
}

export interface WebHostSession<P extends string> {
  /** Filled in by the `beforeAll` this registers; read them from tests and later hooks. */
  readonly host: WebHostProcess
  readonly pages: Readonly<Record<P, Page>>
  /** Page errors and console errors of every tab, each prefixed with its profile. */
  readonly pageErrors: string[]
}

/** Registers the hooks in the calling `describe` and returns what they open. */
export function useWebHostSession<P extends string>(options: WebHostSessionOptions<P>): WebHostSession<P> {
  let host: WebHostProcess | undefined
  let browser: Chromium | undefined
  const pages: Partial<Record<P, Page>> = {}
  const pageErrors: string[] = []

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true })
    host = await startWebHostProcess([...options.profiles])
    browser = await launchChromium()
    for (const profile of options.profiles) pages[profile] = await openProfile(host, browser, profile, pageErrors)
    if (options.onboard) for (const profile of options.profiles) await onboard(pages[profile] as Page)
  })

  afterEach(async (context) => {
    if (context.task.result?.state !== "fail") return
    const name = context.task.name.replace(/\W+/g, "-").slice(0, options.failureNameLength)
    await Promise.all(options.profiles.map((profile) => pages[profile] && screenshot(pages[profile], `failed-${name}-${profile}`)))
  })

  afterAll(async () => {
    await browser?.close()
    await host?.stop()
    // What the host printed helps explain a failure; it is kept beside the screenshots.
    if (host) await writeFile(join(SCREENSHOTS, options.log), host.output())
  })

  return {
    get host() {
      if (!host) throw new Error("the web host has not started: read it in a test or a hook that runs after useWebHostSession's beforeAll")
      return host
    },
    pages: pages as Record<P, Page>,
    pageErrors,
  }
}
