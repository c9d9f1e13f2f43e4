// The image files under resources/ that the tray, the taskbar overlay and the window use, and which
// one shows for a given unread badge. scripts/render-icons.ts renders exactly this list from
// resources/icon.svg, so the files and the code that picks them cannot drift apart.
import type { UnreadBadge } from "./unreadBadge"

/** Overlay images carry the numbers 1 to this; more shows "9+". */
export const OVERLAY_MAX_COUNT = 9

export type IconAssetKind =
  /** The app icon: window, dock, notifications. */
  | "app"
  /** Coloured tray icon (Windows, Linux), optionally with the unread dot. */
  | "tray"
  /** macOS menu-bar template (black and alpha; the system tints it), optionally with the unread dot. */
  | "trayTemplate"
  /** Windows taskbar overlay: a red disc with the unread count. */
  | "overlay"

export interface IconAsset {
  /** Path under resources/. */
  file: string
  /** Width and height in pixels. */
  size: number
  kind: IconAssetKind
  unread: boolean
  /** What the overlay disc reads. */
  label?: string
}

/** Electron loads `name@2x.png` beside `name.png` for high-density screens on its own. */
function withRetina(file: string, size: number, kind: IconAssetKind, unread: boolean, label?: string): IconAsset[] {
  const base = { kind, unread, ...(label === undefined ? {} : { label }) }
  return [
    { file: `${file}.png`, size, ...base },
    { file: `${file}@2x.png`, size: size * 2, ...base },
  ]
}

export function overlayLabel(total: number): string {
  return total > OVERLAY_MAX_COUNT ? `${OVERLAY_MAX_COUNT}+` : String(total)
}

function overlayName(label: string): string {
  return `badges/overlay-${label.replace("+", "plus")}`
}

export const ICON_ASSETS: readonly IconAsset[] = [
  { file: "icon.png", size: 512, kind: "app", unread: false },
  ...withRetina("tray/tray", 16, "tray", false),
  ...withRetina("tray/tray-unread", 16, "tray", true),
  ...withRetina("tray/trayTemplate", 16, "trayTemplate", false),
  ...withRetina("tray/trayUnreadTemplate", 16, "trayTemplate", true),
  ...Array.from({ length: OVERLAY_MAX_COUNT + 1 }, (_, index) => overlayLabel(index + 1)).flatMap((label) => withRetina(overlayName(label), 16, "overlay", true, label)),
]

/** The tray image for a badge: the template on macOS (it follows the menu bar's light or dark look), with a dot when anything is unread. */
export function trayIconFile(platform: NodeJS.Platform, badge: Pick<UnreadBadge, "total">): string {
  const unread = badge.total > 0
  if (platform === "darwin") return unread ? "tray/trayUnreadTemplate.png" : "tray/trayTemplate.png"
  return unread ? "tray/tray-unread.png" : "tray/tray.png"
}

/** The Windows taskbar overlay for a badge, or null for none. */
export function overlayIconFile(badge: Pick<UnreadBadge, "total">): string | null {
  return badge.total > 0 ? `${overlayName(overlayLabel(badge.total))}.png` : null
}
