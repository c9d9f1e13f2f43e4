// Electron adapter for the tray: the icon (with its unread dot), the tooltip, the menu built from
// trayMenu.ts, and the Windows taskbar overlay. What to show is decided in trayMenu.ts and
// trayAssets.ts; this file only hands it to Electron.
import { join } from "node:path"
import { type BrowserWindow, Menu, type MenuItemConstructorOptions, nativeImage, type NativeImage, Tray } from "electron"
import { overlayIconFile, trayIconFile } from "./trayAssets"
import { menuLabel, type TrayAction, type TrayMenuItem } from "./trayMenu"
import type { UnreadBadge } from "./unreadBadge"

export class ParleyTray {
  readonly #tray: Tray
  readonly #images = new Map<string, NativeImage>()

  constructor(
    private readonly resourcesDir: string,
    private readonly perform: (action: TrayAction) => void,
    /** The window that carries the taskbar overlay on Windows, when there is one. */
    private readonly window: () => BrowserWindow | undefined,
  ) {
    this.#tray = new Tray(this.#image(trayIconFile(process.platform, { total: 0 })))
    this.#tray.setToolTip("Parley")
    // Windows and Linux users expect a click on the icon to bring the window; macOS opens the menu.
    if (process.platform !== "darwin") this.#tray.on("click", () => this.perform({ kind: "open" }))
  }

  /** The badge surfaces the unread tracker writes to (tooltip, macOS title, images). */
  get badgeSurfaces() {
    return {
      tray: {
        setToolTip: (text: string) => this.#tray.setToolTip(text),
        setTitle: (text: string) => this.#tray.setTitle(text),
      },
      images: { showBadge: (badge: UnreadBadge) => this.#showBadge(badge) },
    }
  }

  setMenu(items: readonly TrayMenuItem[]): void {
    this.#tray.setContextMenu(Menu.buildFromTemplate(items.map((item) => this.#menuItem(item))))
  }

  destroy(): void {
    this.#tray.destroy()
  }

  #showBadge(badge: UnreadBadge): void {
    this.#tray.setImage(this.#image(trayIconFile(process.platform, badge)))
    if (process.platform !== "win32") return
    const overlay = overlayIconFile(badge)
    this.window()?.setOverlayIcon(overlay ? this.#image(overlay) : null, badge.tooltip)
  }

  #menuItem(item: TrayMenuItem): MenuItemConstructorOptions {
    switch (item.type) {
      case "separator":
        return { type: "separator" }
      case "info":
        return { label: menuLabel(item.label, process.platform), enabled: false }
      case "action":
        return { label: menuLabel(item.label, process.platform), click: () => this.perform(item.action) }
    }
  }

  #image(file: string): NativeImage {
    let image = this.#images.get(file)
    if (!image) {
      image = nativeImage.createFromPath(join(this.resourcesDir, file))
      // Template images (macOS) are tinted by the system to match the menu bar.
      if (file.includes("Template")) image.setTemplateImage(true)
      this.#images.set(file, image)
    }
    return image
  }
}
