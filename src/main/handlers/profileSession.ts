// Everything one profile's renderer talks to: its account, the engine service once the account is
// open, live updates, the events hub they push through, and the drafts and read receipts.
// Electron main makes one for its profile; the web host makes one per profile it serves.
import { join } from "node:path"
import type { IpcHandlerRegistry } from "../ipcHandlers"
import { AccountError } from "./accountErrors"
import { DevicesService, registerDeviceHandlers } from "./devicesService"
import { type DraftStore, openProfileDrafts } from "./draftStore"
import { registerDraftHandlers } from "./draftStoreHandlers"
import { type AccountKeySource, AccountService } from "./accountService"
import { registerAccountHandlers, registerEngineHandlers } from "./engineHandlers"
import { EngineService } from "./engineService"
import { EventHub } from "./eventHub"
import { GroupAdminService } from "./groupAdminService"
import { InviteService, registerInviteHandlers } from "./inviteService"
import { NodeInboxLookup } from "./inboxLookup"
import { LiveUpdates, type LiveUpdateOptions } from "./liveUpdates"
import { MessageActions } from "./messageActions"
import { ReadMarkers } from "./readMarkers"
import { ReadReceipts, readReceiptSetting, registerReadReceiptHandlers } from "./readReceipts"

export interface ProfileSessionOptions {
  profile: string
  dataDir: string
  keys: AccountKeySource
  /** The node's URL, e.g. http://127.0.0.1:5556. */
  apiUrl: string
  appVersion?: string
  live?: LiveUpdateOptions
  logError?: (message: string, error: unknown) => void
}

export class ProfileSession {
  readonly events: EventHub
  readonly account: AccountService
  readonly #readMarkers: ReadMarkers
  readonly #inboxes: NodeInboxLookup
  readonly #options: ProfileSessionOptions
  #engine: EngineService | undefined
  #groups: GroupAdminService | undefined
  #messages: MessageActions | undefined
  #live: LiveUpdates | undefined
  #invites: InviteService | undefined
  #drafts: Promise<DraftStore> | undefined
  #receipts: ReadReceipts | undefined
  #devices: DevicesService | undefined

  private constructor(options: ProfileSessionOptions, readMarkers: ReadMarkers) {
    this.#options = options
    this.#readMarkers = readMarkers
    this.events = new EventHub(options.logError)
    this.#inboxes = new NodeInboxLookup(options.apiUrl)
    this.account = new AccountService(options)
    readMarkers.onRead((conversationId) => void this.#receipts?.afterRead(conversationId))
    this.account.onOpen((client) => {
      this.#receipts = new ReadReceipts(client, { enabled: readReceiptSetting(options.dataDir), logError: this.#logError })
      this.#drafts = this.#openDrafts()
      this.#engine = new EngineService(client, this.#readMarkers, this.#inboxes)
      this.#groups = new GroupAdminService(this.#engine)
      this.#messages = new MessageActions(this.#engine, this.events)
      this.#invites = new InviteService(client, this.events)
      this.#devices = new DevicesService(client)
      this.#live = new LiveUpdates(this.#engine, this.events, { ...options.live, ...(options.logError ? { logError: options.logError } : {}) })
      this.#live.start().catch((error: unknown) => (options.logError ?? console.error)("Live updates could not start", error))
    })
  }

  /** Opens the profile's stores and, when it is already onboarded, its account. */
  static async open(options: ProfileSessionOptions): Promise<ProfileSession> {
    const session = new ProfileSession(options, await ReadMarkers.open(join(options.dataDir, "read-markers.json")))
    // A profile whose database cannot be opened still gets a window: onboarding shows the error
    // when the user tries again, instead of the window failing to start.
    await session.account.restore().catch((error: unknown) => (options.logError ?? console.error)(`Profile ${options.profile}: the account could not be opened`, error))
    return session
  }

  get profile(): string {
    return this.#options.profile
  }

  engine(): EngineService {
    if (!this.#engine) throw noAccount()
    return this.#engine
  }

  messages(): MessageActions {
    if (!this.#messages) throw noAccount()
    return this.#messages
  }

  groups(): GroupAdminService {
    if (!this.#groups) throw noAccount()
    return this.#groups
  }

  invites(): InviteService {
    if (!this.#invites) throw noAccount()
    return this.#invites
  }

  devices(): DevicesService {
    if (!this.#devices) throw noAccount()
    return this.#devices
  }

  readReceipts(): ReadReceipts {
    if (!this.#receipts) throw noAccount()
    return this.#receipts
  }

  drafts(): Promise<DraftStore> {
    if (this.account.account().state !== "ready") return Promise.reject(noAccount())
    this.#drafts ??= this.#openDrafts()
    return this.#drafts
  }

  /** Opened as the account opens; an open that failed (the keychain did not answer) is tried again at the next request. */
  #openDrafts(): Promise<DraftStore> {
    const opening = openProfileDrafts({ ...this.#options, logError: this.#logError })
    opening.catch(() => {
      if (this.#drafts === opening) this.#drafts = undefined
    })
    return opening
  }

  get #logError(): (message: string, error: unknown) => void {
    return this.#options.logError ?? ((message, error) => console.error(message, error))
  }

  /** Registers the account and engine requests of this profile on `registry`. */
  register(registry: IpcHandlerRegistry): IpcHandlerRegistry {
    registerAccountHandlers(registry, this.account)
    registerEngineHandlers(registry, { engine: () => this.engine(), messages: () => this.messages(), groups: () => this.groups() })
    registerInviteHandlers(registry, () => this.invites())
    registerDraftHandlers(registry, () => this.drafts())
    registerReadReceiptHandlers(registry, () => this.readReceipts())
    registerDeviceHandlers(registry, () => this.devices())
    return registry
  }

  async close(): Promise<void> {
    await this.#receipts?.settled()
    await (await this.#drafts?.catch(() => undefined))?.flush()
    await this.#live?.stop()
    this.#invites?.close()
    this.#inboxes.close()
    await this.account.close()
  }
}

function noAccount(): AccountError {
  return new AccountError("NoAccount", "This profile has no account yet: create one or import your account key first.")
}
