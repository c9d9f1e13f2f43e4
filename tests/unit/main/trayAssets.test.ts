// The committed icon files (rendered by scripts/render-icons.ts) and the choice among them.
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { ICON_ASSETS, overlayIconFile, trayIconFile } from "../../../src/main/trayAssets"
import { decodePng, type DecodedPng, pixelAt } from "./support/png"

const RESOURCES = join(import.meta.dirname, "../../../resources")

function load(file: string): DecodedPng {
  return decodePng(readFileSync(join(RESOURCES, file)))
}

/** Strongly red, opaque pixels: the unread colour (#e11d48). */
function redPixels(image: DecodedPng): number {
  let count = 0
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const { r, g, b, a } = pixelAt(image, x, y)
      if (a > 200 && r > 180 && g < 80 && b < 110) count++
    }
  }
  return count
}

describe("icon assets", () => {
  it.each(ICON_ASSETS.map((asset) => [asset.file, asset] as const))("%s is a PNG of the listed size with a transparent corner", (file, asset) => {
    const image = load(file)
    expect([image.width, image.height]).toEqual([asset.size, asset.size])
    // Rounded or round artwork: the very corner is see-through, so no square shows around it.
    expect(pixelAt(image, 0, image.height - 1).a).toBe(0)
  })

  it("shows the unread dot only on the unread tray variants", () => {
    expect(redPixels(load("tray/tray.png"))).toBe(0)
    expect(redPixels(load("tray/tray-unread.png"))).toBeGreaterThan(4)
    const dot = load("tray/tray-unread@2x.png")
    expect(pixelAt(dot, 26, 6)).toMatchObject({ a: 255 })
    expect(redPixels(dot)).toBeGreaterThan(20)
  })

  it("draws template images in black and alpha only, as macOS requires", () => {
    for (const asset of ICON_ASSETS.filter((candidate) => candidate.kind === "trayTemplate")) {
      const image = load(asset.file)
      let opaque = 0
      for (let i = 0; i < image.pixels.length; i += 4) {
        expect([image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]].every((channel) => channel! < 40) || image.pixels[i + 3] === 0).toBe(true)
        if (image.pixels[i + 3]! > 200) opaque++
      }
      expect(opaque).toBeGreaterThan(asset.size)
    }
  })

  it("gives each overlay a red disc with a white label that differs from the others", () => {
    const overlays = ICON_ASSETS.filter((asset) => asset.kind === "overlay" && asset.size === 32)
    expect(overlays.map((asset) => asset.label)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "9+"])
    const bodies = new Set<string>()
    for (const asset of overlays) {
      const image = load(asset.file)
      expect(redPixels(image)).toBeGreaterThan(200)
      expect(pixelAt(image, 16, 16)).toMatchObject({ a: 255 })
      bodies.add(Buffer.from(image.pixels).toString("base64"))
    }
    expect(bodies.size).toBe(overlays.length)
  })
})

describe("choosing the image for a badge", () => {
  it("uses the template on macOS and the coloured icon elsewhere, with the dot when anything is unread", () => {
    expect(trayIconFile("darwin", { total: 0 })).toBe("tray/trayTemplate.png")
    expect(trayIconFile("darwin", { total: 3 })).toBe("tray/trayUnreadTemplate.png")
    expect(trayIconFile("linux", { total: 0 })).toBe("tray/tray.png")
    expect(trayIconFile("win32", { total: 1 })).toBe("tray/tray-unread.png")
  })

  it("puts the count on the Windows overlay up to 9, then 9+", () => {
    expect(overlayIconFile({ total: 0 })).toBeNull()
    expect(overlayIconFile({ total: 1 })).toBe("badges/overlay-1.png")
    expect(overlayIconFile({ total: 9 })).toBe("badges/overlay-9.png")
    expect(overlayIconFile({ total: 10 })).toBe("badges/overlay-9plus.png")
    expect(overlayIconFile({ total: 4000 })).toBe("badges/overlay-9plus.png")
  })

  it("only ever picks files that exist", () => {
    const files = new Set(ICON_ASSETS.map((asset) => asset.file))
    const picked = [0, 1, 5, 9, 10, 100].flatMap((total) => [
      trayIconFile("darwin", { total }),
      trayIconFile("linux", { total }),
      overlayIconFile({ total }) ?? "tray/tray.png",
    ])
    for (const file of picked) expect(files.has(file)).toBe(true)
  })
})
