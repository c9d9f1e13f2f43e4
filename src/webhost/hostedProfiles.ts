// The profiles a web host serves, each opened on first use with its own data directory, settings,
// account and engine session, and one handler registry shared by all its pages.
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { KeychainService } from "../main/keychain"
import { IpcHandlerRegistry } from "../main/ipcHandlers"
import { ProfileSession } from "../main/handlers/profileSession"
import { registerSettingsHandlers } from "../main/handlers/settingsHandlers"
import { ProfileDirectories } from "../main/profiles"
import { SettingsStore } from "../main/settingsStore"
import { FileSecretStore } from "./fileSecretStore"
import type { HostedProfile } from "./socketConnection"

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
}

export class HostedProfiles {
  readonly #options: HostedProfilesOptions
  readonly #directories: ProfileDirectories
  readonly #keys: KeychainService
  readonly #opened = new Map<string, Promise<HostedProfile & { session: ProfileSession }>>()

  constructor(options: HostedProfilesOptions) {
    this.#options = options
    this.#directories = new ProfileDirectories(options.dataDir)
    this.#keys = new KeychainService({ store: new FileSecretStore(join(options.dataDir, "dev-keystore.json")), service: DEV_KEYSTORE_SERVICE })
  }

  get keystorePath(): string {
    return join(this.#options.dataDir, "dev-keystore.json")
  }

  open(profile: string): Promise<HostedProfile> {
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
    await Promise.all(sessions.flatMap((result) => (result.status === "fulfilled" ? [result.value.session.close()] : [])))
  }

  async #create(profile: string): Promise<HostedProfile & { session: ProfileSession }> {
    const { apiUrl, appVersion, nodeAddress, logError } = this.#options
    const dataDir = await this.#directories.ensure(profile)
    const settings = await SettingsStore.open(join(dataDir, "settings.json"), (movedTo, reason) => logError(`Settings of ${profile} were unreadable (${reason}); moved to ${movedTo}`, undefined))
    const session = await ProfileSession.open({ profile, dataDir, keys: this.#keys, apiUrl, appVersion, logError })
    const registry = new IpcHandlerRegistry({ logError })
      .register("app:getInfo", () => ({ version: appVersion, nodeAddress, profile }))
      .register("app:listProfiles", () => this.#directories.list())
    registerSettingsHandlers(registry, settings, session.events)
    session.register(registry)
    return { registry, events: session.events, session }
  }
}

/** The version in package.json, as the desktop app reports its own. */
export async function packageVersion(packageJsonPath: string): Promise<string> {
  const parsed = JSON.parse(await readFile(packageJsonPath, "utf8")) as { version?: unknown }
  return typeof parsed.version === "string" ? parsed.version : "0.0.0"
}
