// How far the user has read each conversation, in `read-markers.json` in the profile's data
// directory: the sent time of the newest message seen. Unread counts are the messages from others
// after it. Written atomically; an unreadable file starts over (everything reads as unread), since
// a read marker is a convenience, not data the user would lose. Listeners hear each time the user
// reads a conversation (read receipts go out from there).
import { readFile, rename, writeFile } from "node:fs/promises"
import { z } from "zod"
import { conversationIdSchema, nanosSchema } from "../../shared/dto/identifiers"

const fileSchema = z.strictObject({ version: z.literal(1), readUpToNs: z.record(conversationIdSchema, nanosSchema) })

/** Hears that the user read a conversation, after its marker is saved. */
export type ReadListener = (conversationId: string) => void

export class ReadMarkers {
  #markers: Map<string, bigint>
  readonly #listeners = new Set<ReadListener>()
  #writes: Promise<void> = Promise.resolve()

  private constructor(
    readonly filePath: string,
    markers: Map<string, bigint>,
  ) {
    this.#markers = markers
  }

  static async open(filePath: string): Promise<ReadMarkers> {
    let text: string
    try {
      text = await readFile(filePath, "utf8")
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return new ReadMarkers(filePath, new Map())
      throw error
    }
    let parsed: z.infer<typeof fileSchema> | undefined
    try {
      parsed = fileSchema.parse(JSON.parse(text))
    } catch {
      parsed = undefined
    }
    return new ReadMarkers(filePath, new Map(Object.entries(parsed?.readUpToNs ?? {}).map(([id, ns]) => [id, BigInt(ns)])))
  }

  /** Messages sent at or before this time count as read; 0 when the conversation was never opened. */
  readUpTo(conversationId: string): bigint {
    return this.#markers.get(conversationId) ?? 0n
  }

  /** Calls `listener` after every markRead, whether or not the marker moved; returns the function that stops it. */
  onRead(listener: ReadListener): () => void {
    this.#listeners.add(listener)
    return () => void this.#listeners.delete(listener)
  }

  /** Moves the marker forward (never back), saves, and tells the listeners. */
  async markRead(conversationId: string, upToNs: bigint): Promise<void> {
    await this.#advance(conversationId, upToNs)
    for (const listener of this.#listeners) listener(conversationId)
  }

  async #advance(conversationId: string, upToNs: bigint): Promise<void> {
    if (upToNs <= this.readUpTo(conversationId)) return
    this.#markers.set(conversationId, upToNs)
    const snapshot = JSON.stringify({ version: 1, readUpToNs: Object.fromEntries([...this.#markers].map(([id, ns]) => [id, ns.toString()])) })
    const write = this.#writes.then(async () => {
      const temporary = `${this.filePath}.tmp`
      await writeFile(temporary, snapshot, { mode: 0o600 })
      await rename(temporary, this.filePath)
    })
    this.#writes = write.catch(() => undefined)
    await write
  }
}
