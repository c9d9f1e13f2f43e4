// The profile's XMTP account: whether onboarding has happened, creating or importing the account
// key (kept by the key source, never returned to the renderer), and the engine client that
// registers and then serves it. A profile is onboarded once its engine database exists: that is
// where the installation lives, so a key alone (for example one the keychain created on a run that
// never finished onboarding) is not yet an account. An onboarding that failed half-way (the node
// was unreachable) is resumed by trying again: the client picks up the installation it stored.
import { existsSync } from "node:fs"
import { mkdir } from "node:fs/promises"
import { join } from "node:path"
import { Client, createEoaSigner } from "../../engine/index"
import type { Account } from "../../shared/dto/account"
import type { ProfileKeys } from "../keychain"
import { parseAccountKey } from "../keychainSecret"
import { AccountError } from "./accountErrors"

/** Where the account key and database key live: the OS keychain in the app (KeychainService). */
export interface AccountKeySource {
  loadOrCreate(profile: string): Promise<ProfileKeys>
  importAccountKey(profile: string, accountKeyText: string, options?: { confirmReplace?: boolean }): Promise<ProfileKeys>
}

export interface AccountServiceOptions {
  profile: string
  dataDir: string
  keys: AccountKeySource
  /** The node's URL, e.g. http://127.0.0.1:5556. */
  apiUrl: string
  appVersion?: string
}

export const ENGINE_DB_FILE = "xmtp.db3"

export class AccountService {
  readonly #options: AccountServiceOptions
  #client: Client | undefined
  #opening: Promise<unknown> = Promise.resolve()
  readonly #openListeners = new Set<(client: Client) => void>()

  constructor(options: AccountServiceOptions) {
    this.#options = options
  }

  get dbPath(): string {
    return join(this.#options.dataDir, ENGINE_DB_FILE)
  }

  /** Runs `listener` with the client once it is open (at once if it already is). */
  onOpen(listener: (client: Client) => void): void {
    this.#openListeners.add(listener)
    if (this.#client) listener(this.#client)
  }

  account(): Account {
    const client = this.#client
    if (!client) return { state: "none" }
    return { state: "ready", address: client.accountIdentifier.identifier, inboxId: client.inboxId, installationId: client.installationId }
  }

  /** Opens the client of an onboarded profile (the engine database exists); does nothing otherwise. */
  async restore(): Promise<Account> {
    return this.#serialized(async () => {
      if (!this.#client && existsSync(this.dbPath)) await this.#open(await this.#options.keys.loadOrCreate(this.#options.profile))
      return this.account()
    })
  }

  async create(): Promise<Account> {
    return this.#serialized(async () => {
      this.#refuseIfOnboarded()
      await this.#open(await this.#options.keys.loadOrCreate(this.#options.profile))
      return this.account()
    })
  }

  /**
   * Makes `accountKeyText` the profile's key. Without an engine database no installation was ever
   * made with the key the source holds, so replacing it is confirmed here; with one (a
   * half-finished onboarding), only that same key may resume it.
   */
  async import(accountKeyText: string): Promise<Account> {
    return this.#serialized(async () => {
      this.#refuseIfOnboarded()
      const { profile } = this.#options
      if (existsSync(this.dbPath)) {
        const held = await this.#options.keys.loadOrCreate(profile)
        if (!sameBytes(held.accountKey, parseAccountKey(accountKeyText))) {
          throw new AccountError("AlreadyExists", `Profile "${profile}" already holds an installation of account ${held.address}; import this key into a new profile instead.`)
        }
        await this.#open(held)
      } else {
        await this.#open(await this.#options.keys.importAccountKey(profile, accountKeyText, { confirmReplace: true }))
      }
      return this.account()
    })
  }

  async close(): Promise<void> {
    await this.#opening.catch(() => undefined)
    const client = this.#client
    this.#client = undefined
    await client?.close()
  }

  #refuseIfOnboarded(): void {
    if (this.#client) {
      throw new AccountError("AlreadyExists", `Profile "${this.#options.profile}" already has an account; use another profile for a second account.`)
    }
  }

  async #open(keys: ProfileKeys): Promise<void> {
    await mkdir(this.#options.dataDir, { recursive: true, mode: 0o700 })
    const client = await Client.create(createEoaSigner(keys.accountKey), {
      apiUrl: this.#options.apiUrl,
      dbPath: this.dbPath,
      dbEncryptionKey: keys.dbKey,
      ...(this.#options.appVersion ? { appVersion: this.#options.appVersion } : {}),
    })
    this.#client = client
    for (const listener of this.#openListeners) listener(client)
  }

  #serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#opening.then(work, work)
    this.#opening = next.catch(() => undefined)
    return next
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}
