// Electron main process: a thin shell. It picks the profile, holds the single-instance lock, loads
// the profile's keys from the OS keychain, starts the embedded delivery node, creates the window
// and answers the typed IPC contract. The services it wires are Electron-free and tested under Node.
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { app, type BrowserWindow, dialog, ipcMain, session } from "electron"
import { startNode, type RunningNode } from "../server/node"
import { ProfileSession } from "./handlers/profileSession"
import { registerSettingsHandlers } from "./handlers/settingsHandlers"
import { DEEP_LINK_SCHEME } from "./deepLinks"
import { DeepLinkRouter } from "./deepLinkRouter"
import { EventLoopLagMonitor } from "./eventLoopLag"
import { IpcHandlerRegistry, sendEvent } from "./ipcHandlers"
import { KeychainService } from "./keychain"
import { KeychainError } from "./keychainErrors"
import { createMainWindow, type RendererLocation, secureSession } from "./mainWindow"
import { ProfileDirectories, ProfileError, profileFromArgv } from "./profiles"
import { SettingsStore } from "./settingsStore"
import { UnreadBadgeTracker } from "./unreadBadge"
import { isAppUrl } from "./windowSecurity"

const devServerUrl = process.env["ELECTRON_RENDERER_URL"]
const renderer: RendererLocation = {
  appUrl: devServerUrl ?? pathToFileURL(join(__dirname, "../renderer/index.html")).href,
  devServerUrl,
}
let window: BrowserWindow | undefined
let node: RunningNode | undefined
let profileSession: ProfileSession | undefined
const lag = process.env["PARLEY_EVENT_LOOP_LAG"] === "1" ? new EventLoopLagMonitor().start() : undefined

/** Start-up failures (bad profile, no keychain, node cannot start) are shown, then Parley stops. */
function failStartup(error: unknown): never {
  const title =
    error instanceof ProfileError ? "Parley: invalid profile" : error instanceof KeychainError ? "Parley cannot use the system keychain" : "Parley could not start"
  dialog.showErrorBox(title, error instanceof Error ? error.message : String(error))
  process.exit(1)
}

const profile = (() => {
  try {
    return profileFromArgv(process.argv)
  } catch (error) {
    return failStartup(error)
  }
})()
const profiles = new ProfileDirectories(join(app.getPath("appData"), "Parley"))
// The single-instance lock is per userData directory, so each profile runs its own instance.
app.setPath("userData", profiles.dataDir(profile))

const deepLinks = new DeepLinkRouter((error, url) => console.warn(`Ignored deep link ${url.slice(0, 200)}: ${error.message}`))
// macOS delivers links through open-url, possibly before ready; register at once.
app.on("open-url", (event, url) => {
  event.preventDefault()
  deepLinks.handleUrl(url)
})

async function start(): Promise<void> {
  const dataDir = await profiles.ensure(profile)
  const settings = await SettingsStore.open(join(dataDir, "settings.json"), (movedTo, reason) =>
    console.warn(`Settings were unreadable (${reason}); moved to ${movedTo}, using defaults.`),
  )
  const badge = new UnreadBadgeTracker({ app, dock: app.dock })
  badge.setMuted(settings.get().mutedConversationIds)
  settings.onChange((next) => badge.setMuted(next.mutedConversationIds))

  node = await startNode({ port: 0, dbPath: join(dataDir, "node.db") })
  // Keys live in the OS keychain; onboarding creates or imports them through the session.
  profileSession = await ProfileSession.open({ profile, dataDir, keys: new KeychainService(), apiUrl: node.address, appVersion: app.getVersion() })

  const registry = new IpcHandlerRegistry()
    .register("app:getInfo", () => ({ version: app.getVersion(), nodeAddress: node?.address ?? "", profile }))
    .register("app:listProfiles", () => profiles.list())
  registerSettingsHandlers(registry, settings, profileSession.events)
  profileSession.register(registry)
  registry.attach(ipcMain, (senderUrl) => isAppUrl(senderUrl, renderer.appUrl))

  secureSession(session.defaultSession, renderer)
  window = createMainWindow(join(__dirname, "../preload/index.cjs"), renderer)
  const shown = window
  profileSession.events.attach(shown.webContents)
  shown.webContents.on("did-finish-load", () => deepLinks.attach((target) => sendEvent(shown.webContents, "navigation:open", target)))
  shown.on("closed", () => {
    deepLinks.detach()
    window = undefined
  })
  deepLinks.handleArgv(process.argv)
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.enableSandbox()
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)
  app.on("second-instance", (_event, argv) => {
    deepLinks.handleArgv(argv)
    if (window?.isMinimized()) window.restore()
    window?.focus()
  })
  void app.whenReady().then(start).catch(failStartup)
  app.on("window-all-closed", () => app.quit())
  app.on("will-quit", () => {
    if (lag) console.info(lag.stop().format())
    void profileSession?.close().finally(() => node?.stop())
  })
}
