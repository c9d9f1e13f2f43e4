// The profiles a web host serves, each opened on first use with its own data directory, settings,
// account and engine session, one handler registry shared by all its pages, and its notifications
// (kept, for the control endpoint) and deep-link router. Profiles share the host's embedded node
// unless a profile's settings name a remote one; another profile is another page of the host.
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { KeychainService } from "../main/keychain"
import { IpcHandlerRegistry } from "../main/ipcHandlers"
import { type EngineSession, engineThreadFromEnv, openEngineSession } from "../main/engineHost/engineSession"
import { registerAccountKeyExport } from "../main/handlers/accountKeyExport"
import { registerSettingsHandlers } from "../main/handlers/settingsHandlers"
import { DeepLinkRouter } from "../main/deepLinkRouter"
import { type ProfileNotifications, startProfileNotifications } from "../main/profileNotifications"
import { ProfileDirectories } from "../main/profiles"
import { SETTINGS_FILE, SettingsStore } from "../main/settingsStore"
import { FileSecretStore } from "./fileSecretStore"
import type { HostedProfile } from "./socketConnection"
import type { ControlledProfile } from "./controlEndpoint"
import { RecordingNotificationSink } from "./recordingNotificationSink"

type OpenedProfile = HostedProfile & ControlledProfile & { session: EngineSession; notifier: ProfileNotifications }

/** Keys the web host makes live under their own service name, apart from any desktop install's. */
export const DEV_KEYSTORE_SERVICE = "Parley web host (development)"

export interface HostedProfilesOptions {
  dataDir: string
  /** The node's URL, e.g. http://127.0.0.1:5556. */
  apiUrl: string
  /** host:port, as app:getInfo reports it. */
  nodeAddress: string
  appVersion: string
  logError: (message: string, error: unknown) => void
  /** The host's page for a profile; without it pages list no other profiles and cannot open one. */
  pageUrl?: (profile: string) => string
}

export class HostedProfiles {
  readonly #options: HostedProfilesOptions
  readonly #directories: ProfileDirectories
  readonly #keys: KeychainService
  readonly #opened = new Map<string, Promise<OpenedProfile>>()

  constructor(options: HostedProfilesOptions) {
    this.#options = options
    this.#directories = new ProfileDirectories(options.dataDir)
    this.#keys = new KeychainService({ store: new FileSecretStore(this.keystorePath), service: DEV_KEYSTORE_SERVICE })
  }

  get keystorePath(): string {
    return join(this.#options.dataDir, "dev-keystore.json")
  }

  open(profile: string): Promise<HostedProfile> {
    return this.#open(profile)
  }

  /** The profile as the control endpoint drives it: its recorded notifications and its deep-link router. */
  controlled(profile: string): Promise<ControlledProfile> {
    return this.#open(profile)
  }

  #open(profile: string): Promise<OpenedProfile> {
    let opened = this.#opened.get(profile)
    if (!opened) {
      opened = this.#create(profile)
      this.#opened.set(profile, opened)
      opened.catch(() => this.#opened.delete(profile))
    }
    return opened
  }

  async close(): Promise<void> {
    const sessions = await Promise.allSettled(this.#opened.values())
    this.#opened.clear()
    await Promise.all(
      sessions.flatMap((result) => {
        if (result.status !== "fulfilled") return []
        result.value.notifier.stop()
        return [result.value.session.close()]
      }),
    )
  }

  async #profilePages(): Promise<{ profilePages?: Record<string, string> }> {
    const { pageUrl } = this.#options
    if (!pageUrl) return {}
    return { profilePages: Object.fromEntries((await this.#directories.list()).map((name) => [name, pageUrl(name)])) }
  }

  async #create(profile: string): Promise<OpenedProfile> {
    const { apiUrl, appVersion, nodeAddress, logError } = this.#options
    const dataDir = await this.#directories.ensure(profile)
    const settings = await SettingsStore.open(join(dataDir, SETTINGS_FILE), (movedTo, reason) => logError(`Settings of ${profile} were unreadable (${reason}); moved to ${movedTo}`, undefined))
    // As in the desktop app, the setting read at the profile's start holds until the host restarts.
    const network = settings.get().network
    const profileApiUrl = network.kind === "remote" ? network.url : apiUrl
    const session = await openEngineSession({ profile, dataDir, keys: this.#keys, apiUrl: profileApiUrl, appVersion, logError }, engineThreadFromEnv())
    const registry = new IpcHandlerRegistry({ logError })
      .register("app:getInfo", async () => ({
        version: appVersion,
        nodeAddress: network.kind === "remote" ? network.url : nodeAddress,
        profile,
        network,
        canRestart: false,
        ...(await this.#profilePages()),
      }))
      .register("app:listProfiles", () => this.#directories.list())
    const { pageUrl } = this.#options
    if (pageUrl) {
      registry.register("app:openProfile", async (name) => {
        await this.#directories.ensure(name)
        return { kind: "page" as const, url: pageUrl(name) }
      })
    }
    registerSettingsHandlers(registry, settings, session.events)
    session.register(registry)
    registerAccountKeyExport(registry, profile, this.#keys)
    // Every page of the profile receives the navigation; a link that comes before any page waits.
    const deepLinks = new DeepLinkRouter((error, url) => logError(`Ignored deep link ${url.slice(0, 200)} for ${profile}`, error))
    deepLinks.attach((target) => session.events.emit("navigation:open", target))
    const notifications = new RecordingNotificationSink()
    const notifier = startProfileNotifications({
      registry,
      events: session.events,
      settings,
      sink: notifications,
      activate: (target) => deepLinks.navigate(target),
      onSuppressed: notifications.recordSuppressed,
      logError,
    })
    return { registry, events: session.events, session, notifications, deepLinks, notifier }
  }
}

/** The version in package.json, as the desktop app reports its own. */
export async function packageVersion(packageJsonPath: string): Promise<string> {
  const parsed = JSON.parse(await readFile(packageJsonPath, "utf8")) as { version?: unknown }
  return typeof parsed.version === "string" ? parsed.version : "0.0.0"
}
