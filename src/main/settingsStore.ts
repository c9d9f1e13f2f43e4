// The profile's app settings in `settings.json` in its data directory: validated when read,
// replaced atomically when written. A file that fails validation is moved aside (not deleted) and
// the defaults apply, so a damaged file neither blocks start-up nor disappears. Settings added
// after a file was written take their defaults, so an older file stays valid.
import { readFile, rename, writeFile } from "node:fs/promises"
import { conversationIdSchema } from "../shared/dto/identifiers"
import { type AppSettings, type AppSettingsPatch, appSettingsSchema, DEFAULT_APP_SETTINGS, type NetworkSetting } from "../shared/dto/settings"

export type SettingsListener = (settings: AppSettings) => void

/** The settings file's name in a profile's data directory. */
export const SETTINGS_FILE = "settings.json"

/** The file as written: fields that came later default when an older Parley wrote it. */
const storedSettingsSchema = appSettingsSchema.extend({
  sendReadReceipts: appSettingsSchema.shape.sendReadReceipts.default(DEFAULT_APP_SETTINGS.sendReadReceipts),
  network: appSettingsSchema.shape.network.default(DEFAULT_APP_SETTINGS.network),
})

/**
 * The settings in the file at `filePath` as they read now, the defaults when it is missing or
 * unreadable (leaving it for the SettingsStore to move aside): for a reader in another thread, such
 * as the engine worker, which only needs to follow what the user chose.
 */
export async function readSettingsFile(filePath: string): Promise<AppSettings> {
  const read = await readStoredSettings(filePath)
  return read && "settings" in read ? read.settings : structuredClone(DEFAULT_APP_SETTINGS)
}

export class SettingsStore {
  #settings: AppSettings
  #writes: Promise<void> = Promise.resolve()
  readonly #listeners = new Set<SettingsListener>()

  private constructor(
    readonly filePath: string,
    settings: AppSettings,
  ) {
    this.#settings = settings
  }

  /**
   * Reads the settings at `filePath` (defaults when the file does not exist). `onInvalid` hears
   * where an unreadable file was moved.
   */
  static async open(filePath: string, onInvalid: (movedTo: string, reason: string) => void = () => {}): Promise<SettingsStore> {
    const read = await readStoredSettings(filePath)
    if (!read) return new SettingsStore(filePath, structuredClone(DEFAULT_APP_SETTINGS))
    if ("settings" in read) return new SettingsStore(filePath, read.settings)
    const movedTo = `${filePath}.invalid-${Date.now()}`
    await rename(filePath, movedTo)
    onInvalid(movedTo, read.invalid)
    return new SettingsStore(filePath, structuredClone(DEFAULT_APP_SETTINGS))
  }

  get(): AppSettings {
    return structuredClone(this.#settings)
  }

  async update(patch: AppSettingsPatch): Promise<AppSettings> {
    return this.#change((current) => ({
      ...current,
      notifications: { ...current.notifications, ...patch.notifications },
      ...(patch.sendReadReceipts === undefined ? {} : { sendReadReceipts: patch.sendReadReceipts }),
    }))
  }

  async setConversationMuted(conversationId: string, muted: boolean): Promise<AppSettings> {
    const id = conversationIdSchema.parse(conversationId)
    return this.#change((current) => {
      const others = current.mutedConversationIds.filter((existing) => existing !== id)
      return { ...current, mutedConversationIds: muted ? [...others, id] : others }
    })
  }

  /** Keeps the delivery node the profile uses from its next start (networkChoice.ts validates what the user typed). */
  async setNetwork(network: NetworkSetting): Promise<AppSettings> {
    return this.#change((current) => ({ ...current, network }))
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  onChange(listener: SettingsListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #change(apply: (current: AppSettings) => AppSettings): Promise<AppSettings> {
    const write = this.#writes.then(async () => {
      const next = appSettingsSchema.parse(apply(this.#settings))
      const temporary = `${this.filePath}.tmp-${process.pid}`
      await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 })
      await rename(temporary, this.filePath)
      this.#settings = next
      for (const listener of this.#listeners) listener(this.get())
      return this.get()
    })
    this.#writes = write.then(
      () => undefined,
      () => undefined,
    )
    return write
  }
}

/** The file at `filePath` read and validated; undefined when it does not exist. */
async function readStoredSettings(filePath: string): Promise<{ settings: AppSettings } | { invalid: string } | undefined> {
  let text: string
  try {
    text = await readFile(filePath, "utf8")
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined
    throw error
  }
  return readSettings(text)
}

function readSettings(text: string): { settings: AppSettings } | { invalid: string } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { invalid: "it is not JSON" }
  }
  const parsed = storedSettingsSchema.safeParse(json)
  if (parsed.success) return { settings: parsed.data }
  return { invalid: parsed.error.issues.map((issue) => `${issue.path.join(".") || "settings"}: ${issue.message}`).join("; ") }
}
