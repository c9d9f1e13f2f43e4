import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { DEFAULT_PROFILE, ProfileDirectories, ProfileError, profileFromArgv, validateProfileName } from "../../../src/main/profiles"

function profileError(action: () => unknown): ProfileError {
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(ProfileError)
    return error as ProfileError
  }
  throw new Error("expected a ProfileError")
}

describe("profileFromArgv", () => {
  const electron = ["/opt/Parley/parley", "."]

  it("is the default profile without --profile", () => {
    expect(profileFromArgv(electron)).toBe(DEFAULT_PROFILE)
    expect(profileFromArgv([...electron, "parley://conversation/ab"])).toBe(DEFAULT_PROFILE)
  })

  it("reads --profile NAME and --profile=NAME anywhere on the command line", () => {
    expect(profileFromArgv([...electron, "--profile", "work"])).toBe("work")
    expect(profileFromArgv([...electron, "--profile=alice_2", "--enable-logging"])).toBe("alice_2")
    expect(profileFromArgv([...electron, "--profile", "a", "--profile=a"])).toBe("a")
  })

  it("refuses a missing name instead of falling back to the default profile", () => {
    expect(profileError(() => profileFromArgv([...electron, "--profile"])).code).toBe("MissingName")
    expect(profileError(() => profileFromArgv([...electron, "--profile", "--inspect"])).code).toBe("MissingName")
  })

  it("refuses conflicting names", () => {
    expect(profileError(() => profileFromArgv([...electron, "--profile", "a", "--profile=b"])).code).toBe("Conflicting")
  })

  it("refuses names that are not safe directory and keychain account names", () => {
    for (const name of ["", "Work", "../x", "a/b", "a b", "-x", "_x", "a".repeat(33), "con", "nul", "com1", "é", "a\u0000"]) {
      const error = profileError(() => profileFromArgv([...electron, `--profile=${name}`]))
      expect(error.code, JSON.stringify(name)).toBe("InvalidName")
      expect(error.message).toContain("not a valid profile name")
    }
    expect(validateProfileName("a".repeat(32))).toBe("a".repeat(32))
    expect(validateProfileName("console")).toBe("console")
  })
})

describe("ProfileDirectories", () => {
  let appData: string
  beforeEach(async () => {
    appData = await mkdtemp(join(tmpdir(), "parley-profiles-"))
  })
  afterEach(async () => {
    await rm(appData, { recursive: true, force: true })
  })

  it("gives each profile its own private directory under the app data directory", async () => {
    const profiles = new ProfileDirectories(appData)
    const work = await profiles.ensure("work")
    expect(work).toBe(join(appData, "profiles", "work"))
    expect((await stat(work)).isDirectory()).toBe(true)
    expect((await stat(work)).mode & 0o777).toBe(0o700)
    expect(await profiles.ensure("work")).toBe(work)
    expect(profiles.dataDir("home")).not.toBe(work)
    expect(() => profiles.dataDir("../escape")).toThrow(ProfileError)
  })

  it("lists the profiles that have a directory, ignoring anything else there", async () => {
    const profiles = new ProfileDirectories(appData)
    expect(await profiles.list()).toEqual([])
    await profiles.ensure("work")
    await profiles.ensure("default")
    await mkdir(join(profiles.root, "Not A Profile"))
    await writeFile(join(profiles.root, "stray-file"), "x")
    expect(await profiles.list()).toEqual(["default", "work"])
  })
})
