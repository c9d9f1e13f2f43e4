// Renders the icon files listed in src/main/trayAssets.ts from resources/icon.svg through Debian's
// Chromium (playwright-core, no browser download), so every PNG comes from one vector source.
// The output is committed; run this again after changing the artwork:
//
//   npx tsx scripts/render-icons.ts [--out resources]
import { mkdir, readFile, writeFile } from "node:fs/promises"
import { dirname, join, resolve } from "node:path"
import { parseArgs } from "node:util"
import { chromium } from "playwright-core"
import { ICON_ASSETS, type IconAsset } from "../src/main/trayAssets"

const ROOT = resolve(import.meta.dirname, "..")
const CHROMIUM_PATH = "/usr/bin/chromium"
const UNREAD_RED = "#e11d48"

const { values } = parseArgs({ options: { out: { type: "string", default: join(ROOT, "resources") } }, strict: true })
const outDir = resolve(values.out)

/** The speech bubble of the app icon, as a path in its 64-unit box. */
const BUBBLE = "M48 38a4 4 0 0 1-4 4H26l-8 8V18a4 4 0 0 1 4-4h22a4 4 0 0 1 4 4z"

/** The unread dot sits top right; the artwork under it is cut away a little wider so the dot reads at 16 px. */
function unreadDot(cx: number, cy: number, r: number, fill: string): { mask: string; dot: string } {
  return {
    mask: `<mask id="cut"><rect x="-100" y="-100" width="300" height="300" fill="#fff"/><circle cx="${cx}" cy="${cy}" r="${r * 1.45}" fill="#000"/></mask>`,
    dot: `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}"/>`,
  }
}

function svgFor(asset: IconAsset, appSvg: string): string {
  const open = (viewBox: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${asset.size}" height="${asset.size}" viewBox="${viewBox}">`
  switch (asset.kind) {
    case "app":
      return appSvg.replace("<svg ", `<svg width="${asset.size}" height="${asset.size}" `)
    case "tray": {
      // A bolder stroke than the app icon's: at 16 px its 4 units would be a single, faint pixel.
      const inner = appSvg.replace(/^<svg[^>]*>/, "").replace(/<\/svg>\s*$/, "").replace('stroke-width="4"', 'stroke-width="6"')
      if (!asset.unread) return `${open("0 0 64 64")}${inner}</svg>`
      const { mask, dot } = unreadDot(52, 12, 12, UNREAD_RED)
      return `${open("0 0 64 64")}<defs>${mask}</defs><g mask="url(#cut)">${inner}</g>${dot}</svg>`
    }
    case "trayTemplate": {
      const bubble = `<path d="${BUBBLE}" fill="none" stroke="#000" stroke-width="5" stroke-linejoin="round"/>`
      if (!asset.unread) return `${open("11 11 42 42")}${bubble}</svg>`
      const { mask, dot } = unreadDot(47, 17, 7, "#000")
      return `${open("11 11 42 42")}<defs>${mask}</defs><g mask="url(#cut)">${bubble}</g>${dot}</svg>`
    }
    case "overlay": {
      const label = asset.label ?? ""
      const fontSize = label.length > 1 ? 20 : 24
      return (
        `${open("0 0 32 32")}<circle cx="16" cy="16" r="15" fill="${UNREAD_RED}" stroke="#fff" stroke-width="2"/>` +
        `<text x="16" y="16.5" text-anchor="middle" dominant-baseline="central" font-family="Liberation Sans, Arial, sans-serif" font-weight="700" font-size="${fontSize}" letter-spacing="${label.length > 1 ? -1 : 0}" fill="#fff">${label}</text></svg>`
      )
    }
  }
}

const appSvg = (await readFile(join(ROOT, "resources/icon.svg"), "utf8")).trim()
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] })
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 })
  for (const asset of ICON_ASSETS) {
    await page.setViewportSize({ width: asset.size, height: asset.size })
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svgFor(asset, appSvg)}</body></html>`)
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: asset.size, height: asset.size } })
    const file = join(outDir, asset.file)
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, png)
  }
  console.log(`rendered ${ICON_ASSETS.length} icons into ${outDir}`)
} finally {
  await browser.close()
}
