// The profile's unsent drafts, one per conversation, in `drafts.bin` in its data directory:
// message text, so it is never on disk in the clear (see draftStoreCipher.ts). Each change replaces
// the file atomically (a synced temporary file renamed over it); changes made while a write runs are
// coalesced into the next one. A file this key cannot open is moved aside, never deleted or
// overwritten, and the store starts empty: the key may be the wrong one (a keychain restored from
// another machine) and the drafts may still open with the right one later.
import { open, readFile, rename } from "node:fs/promises"
import { join } from "node:path"
import { z } from "zod"
import { type Drafts, draftTextSchema, MAX_DRAFTS } from "../../shared/dto/drafts"
import { conversationIdSchema } from "../../shared/dto/identifiers"
import type { AccountKeySource } from "./accountService"
import { deriveDraftKey, openDrafts, sealDrafts } from "./draftStoreCipher"
import { DraftStoreError } from "./draftStoreErrors"

/** The drafts file's name in a profile's data directory. */
export const DRAFTS_FILE = "drafts.bin"

const contentSchema = z.strictObject({ version: z.literal(1), drafts: z.record(conversationIdSchema, draftTextSchema) })

/** Hears that the drafts file was unreadable (`error`) and where it was moved. */
export type UnreadableDraftsListener = (error: DraftStoreError, movedTo: string) => void

export class DraftStore {
  readonly #drafts: Map<string, string>
  readonly #key: Uint8Array
  #writes: Promise<void> = Promise.resolve()
  #queued: Promise<void> | undefined

  private constructor(
    readonly filePath: string,
    key: Uint8Array,
    drafts: Map<string, string>,
  ) {
    this.#key = key
    this.#drafts = drafts
  }

  /** Opens the drafts at `filePath` under `key` (empty when the file does not exist, or when it is unreadable: see above). */
  static async open(filePath: string, key: Uint8Array, onUnreadable: UnreadableDraftsListener = () => {}): Promise<DraftStore> {
    let sealed: Uint8Array
    try {
      sealed = await readFile(filePath)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return new DraftStore(filePath, key, new Map())
      throw error
    }
    try {
      return new DraftStore(filePath, key, readDrafts(key, sealed))
    } catch (error) {
      if (!(error instanceof DraftStoreError)) throw error
      const movedTo = `${filePath}.unreadable-${Date.now()}`
      await rename(filePath, movedTo)
      onUnreadable(error, movedTo)
      return new DraftStore(filePath, key, new Map())
    }
  }

  /** Every conversation's draft. */
  all(): Drafts {
    return Object.fromEntries(this.#drafts)
  }

  get(conversationId: string): string {
    return this.#drafts.get(conversationId) ?? ""
  }

  /** Keeps `text` as the conversation's draft (the empty text deletes it); resolves once it is on disk. Throws DraftStoreError TooMany. */
  async set(conversationId: string, text: string): Promise<void> {
    const id = conversationIdSchema.parse(conversationId)
    const draft = draftTextSchema.parse(text)
    if (draft === this.get(id)) return this.#writes
    if (draft === "") {
      this.#drafts.delete(id)
    } else {
      if (!this.#drafts.has(id) && this.#drafts.size >= MAX_DRAFTS) {
        throw new DraftStoreError("TooMany", `Drafts are kept for at most ${MAX_DRAFTS} conversations; send or clear one to keep this one.`)
      }
      this.#drafts.set(id, draft)
    }
    return this.#persist()
  }

  /** Resolves once every change so far is on disk (or failed). */
  async flush(): Promise<void> {
    await this.#writes
  }

  /** One write after the current one, carrying every change made until it starts. */
  #persist(): Promise<void> {
    if (this.#queued) return this.#queued
    const write = this.#writes.then(async () => {
      this.#queued = undefined
      await this.#write(Buffer.from(JSON.stringify({ version: 1, drafts: this.all() }), "utf8"))
    })
    this.#queued = write
    this.#writes = write.catch(() => undefined)
    return write
  }

  async #write(plaintext: Uint8Array): Promise<void> {
    const temporary = `${this.filePath}.tmp`
    const file = await open(temporary, "w", 0o600)
    try {
      await file.writeFile(sealDrafts(this.#key, plaintext))
      await file.sync()
    } finally {
      await file.close()
    }
    await rename(temporary, this.filePath)
  }
}

function readDrafts(key: Uint8Array, sealed: Uint8Array): Map<string, string> {
  let content: z.infer<typeof contentSchema>
  try {
    content = contentSchema.parse(JSON.parse(Buffer.from(openDrafts(key, sealed)).toString("utf8")))
  } catch (error) {
    if (error instanceof DraftStoreError) throw error
    throw new DraftStoreError("Unreadable", "The drafts file opened but does not hold drafts in a form this Parley knows.", { cause: error })
  }
  return new Map(Object.entries(content.drafts).filter(([, text]) => text !== ""))
}

export interface ProfileDraftsOptions {
  profile: string
  dataDir: string
  keys: AccountKeySource
  logError: (message: string, error: unknown) => void
}

/** The drafts of an onboarded profile, under the key derived from its database key. */
export async function openProfileDrafts({ profile, dataDir, keys, logError }: ProfileDraftsOptions): Promise<DraftStore> {
  const { dbKey } = await keys.loadOrCreate(profile)
  return DraftStore.open(join(dataDir, DRAFTS_FILE), deriveDraftKey(dbKey), (error, movedTo) =>
    logError(`The drafts of profile "${profile}" could not be read; the file was moved to ${movedTo} and the drafts start empty`, error),
  )
}
