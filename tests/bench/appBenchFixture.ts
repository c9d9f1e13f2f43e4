// The app benchmark's fixture: seeded once (appBenchSeed.ts, in a child process) into a temporary
// folder named after its version, then copied for each run, so every run starts from the same
// state (the lag case commits to the big group) and reruns skip the seeding.
import { cp, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { AppFixture, SeedReport } from "./appBenchProtocol"
import type { AppSeedScale } from "./appBenchSeed"
import { BenchChild } from "./nodeBenchChildren"

/** Bump when the seeder or the engine's storage changes what a fixture holds. */
export const FIXTURE_VERSION = 1
const SEED_TIMEOUT_MS = 60 * 60_000
const FIXTURE_FILE = "fixture.json"

export const FULL_SEED: AppSeedScale = {
  version: FIXTURE_VERSION,
  conversations: 1000,
  bigConversationMessages: 100_000,
  messagesPerConversation: 20,
  bigGroupMembers: 400,
}

/** The fixture for `scale`, seeded now when no earlier run left one. */
export async function ensureFixture(scale: AppSeedScale = FULL_SEED): Promise<{ dir: string; fixture: AppFixture; seeded: boolean }> {
  const name = `parley-app-bench-v${scale.version}-${scale.conversations}c-${scale.bigConversationMessages}m-${scale.bigGroupMembers}g`
  const dir = join(tmpdir(), name)
  const existing = await readFixture(dir)
  if (existing) return { dir, fixture: existing, seeded: false }
  const building = `${dir}.building-${process.pid}`
  await rm(building, { recursive: true, force: true })
  await mkdir(building, { recursive: true })
  const seeder = new BenchChild<SeedReport, never>("seed", "./appBenchSeed.ts", [building, JSON.stringify(scale)])
  try {
    const { fixture } = await seeder.next("seeded", SEED_TIMEOUT_MS)
    await writeFile(join(building, FIXTURE_FILE), JSON.stringify(fixture, null, 2))
    await rm(dir, { recursive: true, force: true })
    await rename(building, dir)
    return { dir, fixture, seeded: true }
  } catch (error) {
    await rm(building, { recursive: true, force: true })
    throw error
  } finally {
    seeder.kill()
  }
}

/** A copy of the fixture for one run. */
export async function copyFixture(fixtureDir: string, runDir: string): Promise<void> {
  await cp(fixtureDir, runDir, { recursive: true })
}

async function readFixture(dir: string): Promise<AppFixture | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, FIXTURE_FILE), "utf8")) as AppFixture
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined
    throw error
  }
}
