// Electron adapter for windowSecurity and windowLifecycle: creates the main window, applies the
// security policy to it and to its session, and hides it to the tray instead of closing it when the
// lifecycle says so. Every decision is made by the pure code in windowSecurity.ts and windowLifecycle.ts.
import { BrowserWindow, type Session, shell } from "electron"
import {
  contentSecurityPolicy,
  isAppUrl,
  navigationDecision,
  permissionDecision,
  secureWebPreferences,
  windowOpenDecision,
  withCspHeader,
} from "./windowSecurity"
import type { WindowLifecycle } from "./windowLifecycle"

export interface RendererLocation {
  /** The URL the window shows: the dev server's, or the file:// URL of the packaged index.html. */
  appUrl: string
  devServerUrl: string | undefined
}

/** CSP header on Parley's page, permissions denied by default. Call once per session, before loading. */
export function secureSession(session: Session, renderer: RendererLocation): void {
  const csp = contentSecurityPolicy({ devServerUrl: renderer.devServerUrl })
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType === "mainFrame" && isAppUrl(details.url, renderer.appUrl)) {
      callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) })
    } else {
      callback({})
    }
  })
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(permissionDecision(permission, details.requestingUrl, renderer.appUrl))
  })
  session.setPermissionCheckHandler((_webContents, permission, _origin, details) =>
    permissionDecision(permission, details.requestingUrl, renderer.appUrl),
  )
}

export function createMainWindow(preloadPath: string, renderer: RendererLocation): BrowserWindow {
  const win = new BrowserWindow({ width: 1100, height: 760, title: "Parley", webPreferences: secureWebPreferences(preloadPath) })
  const contents = win.webContents
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url)
    if (decision.openExternally) void shell.openExternal(decision.openExternally)
    return { action: decision.action }
  })
  const guardNavigation = (event: { preventDefault(): void }, url: string): void => {
    const decision = navigationDecision(url, renderer.appUrl)
    if (decision.allow) return
    event.preventDefault()
    if (decision.openExternally) void shell.openExternal(decision.openExternally)
  }
  contents.on("will-navigate", guardNavigation)
  contents.on("will-redirect", guardNavigation)
  contents.on("will-attach-webview", (event) => event.preventDefault())
  void win.loadURL(renderer.appUrl)
  return win
}

/**
 * Carries out the lifecycle's close decision: a window to be kept is hidden instead of closed (the
 * app lives on in the tray). `onHidden` runs whenever the window is hidden, so main knows nothing is
 * on screen any more.
 */
export function applyClosePolicy(win: BrowserWindow, lifecycle: Pick<WindowLifecycle, "closeRequested" | "quitRequested">, onHidden: () => void): void {
  win.on("close", (event) => {
    if (lifecycle.closeRequested() !== "hide") return
    event.preventDefault()
    win.hide()
  })
  win.on("hide", onHidden)
  // Windows ending the session (log off, shut down) must not be held up by a window that hides.
  win.on("session-end", () => lifecycle.quitRequested())
}
