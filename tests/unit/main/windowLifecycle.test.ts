import { describe, expect, it } from "vitest"
import { WindowLifecycle } from "../../../src/main/windowLifecycle"

function lifecycle(platform: NodeJS.Platform, tray = true): WindowLifecycle {
  return new WindowLifecycle({ platform, hasTray: () => tray })
}

describe("the main window's lifecycle", () => {
  it.each(["win32", "linux"] as const)("hides the window to the tray on %s, and the app keeps running", (platform) => {
    const windows = lifecycle(platform)
    expect(windows.closeRequested()).toBe("hide")
    expect(windows.closeRequested()).toBe("hide")
    expect(windows.showRequested(true)).toBe("show")
  })

  it.each(["win32", "linux"] as const)("closes the window and quits on %s when there is no tray to come back from", (platform) => {
    const windows = lifecycle(platform, false)
    expect(windows.closeRequested()).toBe("close")
    expect(windows.allWindowsClosed()).toBe("quit")
  })

  it("asks the tray each time: a tray that went away no longer keeps the app", () => {
    let tray = true
    const windows = new WindowLifecycle({ platform: "linux", hasTray: () => tray })
    expect(windows.closeRequested()).toBe("hide")
    tray = false
    expect(windows.closeRequested()).toBe("close")
  })

  it.each(["win32", "linux", "darwin"] as const)("really closes and quits on %s once Quit was chosen", (platform) => {
    const windows = lifecycle(platform)
    expect(windows.quitting).toBe(false)
    windows.quitRequested()
    expect(windows.quitting).toBe(true)
    expect(windows.closeRequested()).toBe("close")
    expect(windows.allWindowsClosed()).toBe("quit")
    expect(windows.showRequested(true)).toBe("none")
    expect(windows.showRequested(false)).toBe("none")
  })

  it("keeps macOS's convention: the window closes, the app stays in the dock, and the dock icon opens a new window", () => {
    const windows = lifecycle("darwin")
    expect(windows.closeRequested()).toBe("close")
    expect(windows.allWindowsClosed()).toBe("stay")
    expect(windows.showRequested(false)).toBe("create")
    expect(windows.showRequested(true)).toBe("show")
  })
})
