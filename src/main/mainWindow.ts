// Electron adapter for windowSecurity: creates the main window and applies the policy to it and to
// its session. Every decision is made by the pure functions in windowSecurity.ts.
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
