// Electron main process: a thin shell. It picks the profile, holds the single-instance lock, loads
// the profile's keys from the OS keychain, starts the embedded delivery node (or dials the remote
// one the profile's settings name: networkChoice.ts), creates the window and
// the tray (closing the window hides it to the tray on Windows and Linux: windowLifecycle.ts), posts
// notifications and answers the typed IPC contract. The services it wires are Electron-free and
// tested under Node.
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { app, type BrowserWindow, dialog, ipcMain, powerMonitor, session } from "electron"
import { startNode, type RunningNode } from "../server/node"
import { EngineHost } from "./engineHost/engineHostClient"
import { type EngineSession, engineThreadFromEnv, openEngineSession } from "./engineHost/engineSession"
import { registerAccountKeyExport } from "./handlers/accountKeyExport"
import { registerSettingsHandlers } from "./handlers/settingsHandlers"
import { DEEP_LINK_SCHEME } from "./deepLinks"
import { DeepLinkRouter } from "./deepLinkRouter"
import { EventLoopLagMonitor } from "./eventLoopLag"
import { IpcHandlerRegistry, sendEvent } from "./ipcHandlers"
import { KeychainService } from "./keychain"
import { KeychainError } from "./keychainErrors"
import { applyClosePolicy, createMainWindow, type RendererLocation, secureSession } from "./mainWindow"
import { nodePlan } from "./networkChoice"
import { ProfileDirectories, ProfileError, profileFromArgv } from "./profiles"
import { relaunchArgs } from "./relaunchArgs"
import { SETTINGS_FILE, SettingsStore } from "./settingsStore"
import { ElectronNotificationSink } from "./electronNotificationSink"
import { startProfileNotifications } from "./profileNotifications"
import { ParleyTray } from "./trayElectron"
import type { TrayAction } from "./trayMenu"
import { TrayService } from "./trayService"
import { UnreadBadgeTracker } from "./unreadBadge"
import { WindowLifecycle } from "./windowLifecycle"
import { isAppUrl } from "./windowSecurity"

const devServerUrl = process.env["ELECTRON_RENDERER_URL"]
const renderer: RendererLocation = {
  appUrl: devServerUrl ?? pathToFileURL(join(__dirname, "../renderer/index.html")).href,
  devServerUrl,
}
const APP_USER_MODEL_ID = "org.parley.desktop"
// Icons and other files shipped beside the code (out/main/ -> resources/).
const RESOURCES_DIR = join(__dirname, "../../resources")
let window: BrowserWindow | undefined
/** Opens the main window; set once the profile's session is ready, so a window can be reopened (macOS) later. */
let openWindow: (() => BrowserWindow) | undefined
let tray: ParleyTray | undefined
const lifecycle = new WindowLifecycle({ platform: process.platform, hasTray: () => tray !== undefined })
let node: RunningNode | undefined
let profileSession: EngineSession | undefined
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

/**
 * Brings the window forward (restored, shown, focused) for a clicked notification, the tray, the
 * dock icon or a second launch; opens a new one when it was closed (macOS).
 */
function showWindow(): void {
  const decision = lifecycle.showRequested(window !== undefined)
  if (decision === "none") return
  if (decision === "create" && openWindow) window = openWindow()
  if (!window) return
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}

/**
 * Restarts Parley into `target` (this profile or another): the new instance starts once this one
 * has quit, which closes the engine and the node as every quit does. Deferred so the request that
 * asked for it is answered first.
 */
function relaunchInto(target: string): void {
  app.relaunch({ args: relaunchArgs(process.argv.slice(1), target) })
  setImmediate(() => {
    lifecycle.quitRequested()
    app.quit()
  })
}

function performTrayAction(action: TrayAction): void {
  if (action.kind === "quit") app.quit()
  else showWindow()
  if (action.kind === "navigate") deepLinks.navigate(action.target)
}

async function start(): Promise<void> {
  const dataDir = await profiles.ensure(profile)
  const settings = await SettingsStore.open(join(dataDir, SETTINGS_FILE), (movedTo, reason) =>
    console.warn(`Settings were unreadable (${reason}); moved to ${movedTo}, using defaults.`),
  )
  // Held at module level: a garbage-collected Tray disappears from the screen.
  tray = new ParleyTray(RESOURCES_DIR, performTrayAction, () => window)
  const badge = new UnreadBadgeTracker({ app, dock: app.dock, ...tray.badgeSurfaces })

  // The setting as it reads now decides this run's node; a later change waits for a restart.
  const network = settings.get().network
  const plan = nodePlan(network, dataDir)
  if (plan.kind === "embedded") node = await startNode({ port: 0, dbPath: plan.dbPath })
  const apiUrl = plan.kind === "embedded" ? (node?.address ?? "") : plan.apiUrl
  // Keys live in the OS keychain; onboarding creates or imports them through the session.
  // The engine runs in a worker thread (engineHost/), so MLS and SQLite work does not stall IPC.
  const keys = new KeychainService()
  profileSession = await openEngineSession({ profile, dataDir, keys, apiUrl, appVersion: app.getVersion() }, engineThreadFromEnv())
  if (profileSession instanceof EngineHost) profileSession.onCrash((error) => dialog.showErrorBox("Parley's engine stopped", error.message))

  const registry = new IpcHandlerRegistry()
    .register("app:getInfo", () => ({ version: app.getVersion(), nodeAddress: apiUrl, profile, network, canRestart: true }))
    .register("app:listProfiles", () => profiles.list())
    .register("app:openProfile", (name) => {
      relaunchInto(name)
      return { kind: "relaunching" as const }
    })
    .register("app:restart", () => {
      relaunchInto(profile)
      return null
    })
  registerSettingsHandlers(registry, settings, profileSession.events)
  profileSession.register(registry)
  registerAccountKeyExport(registry, profile, keys)
  const notifications = startProfileNotifications({
    registry,
    events: profileSession.events,
    settings,
    sink: new ElectronNotificationSink(join(RESOURCES_DIR, "icon.png")),
    activate: (target) => {
      showWindow()
      deepLinks.navigate(target)
    },
  })
  const trayService = new TrayService({ directory: notifications.directory, registry, events: profileSession.events, settings, badge, menu: tray })
  void trayService.seed()
  registry.attach(ipcMain, (senderUrl) => isAppUrl(senderUrl, renderer.appUrl))

  secureSession(session.defaultSession, renderer)
  const events = profileSession.events
  openWindow = () => {
    const opened = createMainWindow(join(__dirname, "../preload/index.cjs"), renderer)
    const detachEvents = events.attach(opened.webContents)
    opened.webContents.on("did-finish-load", () => deepLinks.attach((target) => sendEvent(opened.webContents, "navigation:open", target)))
    // Hidden in the tray, nothing is on screen: messages notify as they would with the window closed.
    applyClosePolicy(opened, lifecycle, () => notifications.view.reset())
    opened.on("closed", () => {
      detachEvents()
      deepLinks.detach()
      notifications.view.reset()
      if (window === opened) window = undefined
    })
    return opened
  }
  window = openWindow()
  // Linux and macOS shutting down: quit for real rather than hide.
  powerMonitor.on("shutdown", () => {
    lifecycle.quitRequested()
    app.quit()
  })
  deepLinks.handleArgv(process.argv)
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.enableSandbox()
  // Windows shows an app's notifications (and groups its taskbar button) by this id.
  if (process.platform === "win32") app.setAppUserModelId(APP_USER_MODEL_ID)
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)
  app.on("second-instance", (_event, argv) => {
    deepLinks.handleArgv(argv)
    showWindow()
  })
  void app.whenReady().then(start).catch(failStartup)
  app.on("before-quit", () => lifecycle.quitRequested())
  app.on("window-all-closed", () => {
    if (lifecycle.allWindowsClosed() === "quit") app.quit()
  })
  // macOS: clicking the dock icon brings the window back, or opens a new one after it was closed.
  app.on("activate", () => showWindow())
  app.on("will-quit", () => {
    if (lag) console.info(lag.stop().format())
    void profileSession?.close().finally(() => node?.stop())
  })
}
