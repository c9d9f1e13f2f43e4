// The OS keychain (through keytar): one entry per profile under the service "Parley", holding the
// profile's database key and account signing key. First run creates both; later runs read them.
// When no keychain works Parley stops with KeychainError "Unavailable": it never falls back to
// keeping keys in a file.
import { randomBytes } from "node:crypto"
import { bytesToHex } from "@noble/hashes/utils.js"
import { createEoaSigner } from "../engine/identity/signers"
import { KeychainError } from "./keychainErrors"
import { DB_KEY_BYTES, decodeProfileSecret, encodeProfileSecret, parseAccountKey, type ProfileSecret } from "./keychainSecret"
import { validateProfileName } from "./profiles"

export const KEYCHAIN_SERVICE = "Parley"

/** The part of keytar the service uses. */
export interface SecretStore {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
}

export interface ProfileKeys extends ProfileSecret {
  /** The account's lowercase 0x Ethereum address, derived from its key. */
  address: string
  /** True when this call generated the keys (first run of the profile). */
  created: boolean
}

export interface KeychainServiceOptions {
  /** Defaults to keytar, loaded on first use so a missing native library is reported as Unavailable. */
  store?: SecretStore
  service?: string
}

export class KeychainService {
  readonly #service: string
  #store: Promise<SecretStore> | undefined
  // Calls for one profile run one after another, so two first-run calls cannot create two identities.
  readonly #queues = new Map<string, Promise<unknown>>()

  constructor(options: KeychainServiceOptions = {}) {
    this.#service = options.service ?? KEYCHAIN_SERVICE
    this.#store = options.store ? Promise.resolve(options.store) : undefined
  }

  /** The profile's keys, created and stored on the profile's first run. */
  async loadOrCreate(profile: string): Promise<ProfileKeys> {
    return this.#serialized(profile, async () => {
      const stored = await this.#read(profile)
      if (stored) return withAddress(stored, false)
      const secret = { dbKey: new Uint8Array(randomBytes(DB_KEY_BYTES)), accountKey: createEoaSigner().privateKey }
      await this.#write(profile, secret)
      return withAddress(secret, true)
    })
  }

  /** The account's private key as 0x-prefixed hex, for the user to back up. */
  async exportAccountKey(profile: string): Promise<string> {
    return this.#serialized(profile, async () => {
      const stored = await this.#read(profile)
      if (!stored) {
        throw new KeychainError("NotFound", `Profile "${profile}" has no account key in the keychain yet; start Parley with this profile once to create one.`)
      }
      return `0x${bytesToHex(stored.accountKey)}`
    })
  }

  /**
   * Makes `accountKeyText` the profile's account key. The database key is kept (or created on a
   * first run). Replacing a different existing key requires `confirmReplace`, because the old
   * identity is lost unless it was exported.
   */
  async importAccountKey(profile: string, accountKeyText: string, options: { confirmReplace?: boolean } = {}): Promise<ProfileKeys> {
    const accountKey = parseAccountKey(accountKeyText)
    return this.#serialized(profile, async () => {
      const stored = await this.#read(profile)
      if (stored && !sameBytes(stored.accountKey, accountKey) && !options.confirmReplace) {
        throw new KeychainError(
          "ConfirmationRequired",
          `Profile "${profile}" already has account ${withAddress(stored, false).address}. Importing replaces it with ` +
            `${createEoaSigner(accountKey).address}; export the current key first if you may need it, then confirm the import.`,
        )
      }
      const secret = { dbKey: stored?.dbKey ?? new Uint8Array(randomBytes(DB_KEY_BYTES)), accountKey }
      if (!stored || !sameBytes(stored.accountKey, accountKey)) await this.#write(profile, secret)
      return withAddress(secret, !stored)
    })
  }

  async #read(profile: string): Promise<ProfileSecret | undefined> {
    const account = accountFor(profile)
    const store = await this.#loadStore()
    const text = await this.#call(() => store.getPassword(this.#service, account))
    return text === null ? undefined : decodeProfileSecret(text, `"${this.#service}/${account}"`)
  }

  async #write(profile: string, secret: ProfileSecret): Promise<void> {
    const store = await this.#loadStore()
    await this.#call(() => store.setPassword(this.#service, accountFor(profile), encodeProfileSecret(secret)))
  }

  #loadStore(): Promise<SecretStore> {
    this.#store ??= import("keytar").then(
      // keytar is CommonJS: under Node's ESM loader its functions sit on `default`.
      (module: SecretStore & { default?: SecretStore }) => module.default ?? module,
      (cause: unknown) => {
        this.#store = undefined
        throw unavailable(cause)
      },
    )
    return this.#store
  }

  async #call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation()
    } catch (cause) {
      throw unavailable(cause)
    }
  }

  #serialized<T>(profile: string, work: () => Promise<T>): Promise<T> {
    validateProfileName(profile)
    const previous = this.#queues.get(profile) ?? Promise.resolve()
    const next = previous.then(work)
    const settled = next.then(
      () => undefined,
      () => undefined,
    )
    this.#queues.set(profile, settled)
    void settled.then(() => {
      if (this.#queues.get(profile) === settled) this.#queues.delete(profile)
    })
    return next
  }
}

/** One keychain account per profile, named after it. */
function accountFor(profile: string): string {
  return validateProfileName(profile)
}

function withAddress(secret: ProfileSecret, created: boolean): ProfileKeys {
  return { ...secret, address: createEoaSigner(secret.accountKey).address, created }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}

function unavailable(cause: unknown): KeychainError {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new KeychainError(
    "Unavailable",
    `Parley cannot use the system keychain (${reason}). Parley keeps its database key and account key only in the keychain, never in a file. ` +
      "On Linux, run a Secret Service provider such as GNOME Keyring or KWallet in a desktop session with D-Bus, and unlock it; " +
      "on macOS, unlock the login keychain; on Windows, check that Credential Manager works. Then start Parley again.",
    { cause },
  )
}
