import { describe, expect, it } from "vitest"
import { profileFromArgv, ProfileError } from "../../../src/main/profiles"
import { relaunchArgs } from "../../../src/main/relaunchArgs"

describe("relaunchArgs", () => {
  it("adds --profile NAME to the arguments this run got", () => {
    expect(relaunchArgs(["."], "work")).toEqual([".", "--profile", "work"])
    expect(relaunchArgs([], "default")).toEqual(["--profile", "default"])
  })

  it("replaces this run's profile, in either spelling, and keeps the other flags in order", () => {
    expect(relaunchArgs([".", "--profile", "alice", "--enable-logging"], "bob")).toEqual([".", "--enable-logging", "--profile", "bob"])
    expect(relaunchArgs(["--profile=alice", ".", "--no-sandbox"], "bob")).toEqual([".", "--no-sandbox", "--profile", "bob"])
  })

  it("drops a deep link the first launch handled, so the restart does not open it again", () => {
    expect(relaunchArgs([".", "parley://conversation/ab"], "work")).toEqual([".", "--profile", "work"])
    expect(relaunchArgs([".", "PARLEY://invite/x", "--verbose"], "work")).toEqual([".", "--verbose", "--profile", "work"])
  })

  it("selects the profile it names when Parley reads the new command line", () => {
    const args = relaunchArgs([".", "--profile", "alice", "--profile=alice"], "bob")
    expect(profileFromArgv(["/opt/Parley/parley", ...args])).toBe("bob")
  })

  it("refuses an invalid profile name", () => {
    expect(() => relaunchArgs(["."], "../etc")).toThrow(ProfileError)
    expect(() => relaunchArgs(["."], "Work")).toThrow(/not a valid profile name/)
  })
})
