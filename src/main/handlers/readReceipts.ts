// Read receipts. Those the user sends: after they read a conversation, one XMTP read receipt tells its
// other members, when the "Send read receipts" setting is on. At most one goes out per new incoming
// message: a receipt is due only when someone else's newest message is newer than the newest
// receipt this inbox has sent there (from any of its installations), so opening a conversation
// again, or reading it on two devices, sends nothing more. Message requests (consent unknown) and
// denied conversations get none: a receipt would tell a stranger the user saw their message.
// Those others send: per member, the time of their newest one, for "Seen" (new ones reach the
// renderer as they arrive, through LiveUpdates' `messages:upserted`).
import { join } from "node:path"
import { type Client, ConsentState, type Dm, type Group, GroupMessageKind, SortDirection } from "../../engine/index"
import type { LastReadTimes } from "../../shared/dto/readReceipts"
import type { IpcHandlerRegistry } from "../ipcHandlers"
import { readSettingsFile, SETTINGS_FILE } from "../settingsStore"
import { ConversationError } from "./conversationErrors"

export interface ReadReceiptOptions {
  /** Whether the user lets receipts go out, read when one would be sent. */
  enabled: () => Promise<boolean>
  logError: (message: string, error: unknown) => void
}

export class ReadReceipts {
  readonly #client: Client
  readonly #options: ReadReceiptOptions
  /** One decision at a time per conversation, so two reads in a row cannot both send. */
  readonly #running = new Map<string, Promise<boolean>>()

  constructor(client: Client, options: ReadReceiptOptions) {
    this.#client = client
    this.#options = options
  }

  /**
   * Sends the conversation's read receipt when one is due; resolves true when one went out. Never
   * rejects: a receipt that could not be sent is logged and is due again at the next read.
   */
  afterRead(conversationId: string): Promise<boolean> {
    const previous = this.#running.get(conversationId) ?? Promise.resolve(false)
    const next = previous.then(() => this.#sendIfDue(conversationId))
    this.#running.set(conversationId, next)
    void next.finally(() => {
      if (this.#running.get(conversationId) === next) this.#running.delete(conversationId)
    })
    return next
  }

  /** Per other member's inbox, when it last sent a read receipt in the conversation (the user's own left out). */
  async lastReadTimes(conversationId: string): Promise<LastReadTimes> {
    const conversation = await this.#client.conversations.getConversationById(conversationId)
    if (!conversation) throw new ConversationError("NotFound", `There is no conversation ${conversationId.slice(0, 12)}… on this installation.`)
    const own = this.#client.inboxId
    return Object.fromEntries(Object.entries(await conversation.lastReadTimes()).flatMap(([inboxId, ns]) => (inboxId === own ? [] : [[inboxId, ns.toString()]])))
  }

  /** Resolves once every receipt asked for so far was sent or given up. */
  async settled(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running.values())
  }

  async #sendIfDue(conversationId: string): Promise<boolean> {
    try {
      const conversation = await this.#client.conversations.getConversationById(conversationId)
      if (!conversation || !(await this.#due(conversation)) || !(await this.#options.enabled())) return false
      await conversation.sendReadReceipt()
      return true
    } catch (error) {
      this.#options.logError(`Could not send the read receipt of conversation ${conversationId}`, error)
      return false
    }
  }

  async #due(conversation: Group | Dm): Promise<boolean> {
    if (conversation.consentState() !== ConsentState.Allowed || !conversation.isActive) return false
    const own = this.#client.inboxId
    const [newestIncoming] = await conversation.messages({
      limit: 1,
      direction: SortDirection.Descending,
      kind: GroupMessageKind.Application,
      excludeSenderInboxIds: [own],
    })
    if (!newestIncoming) return false
    const ownLastReceipt = (await conversation.lastReadTimes())[own] ?? 0n
    return newestIncoming.sentAtNs > ownLastReceipt
  }
}

/**
 * The profile's "Send read receipts" setting, read from its settings file at each use: the session
 * may run in the engine worker, while main owns the SettingsStore, and the file is replaced
 * atomically, so a read sees one whole version of it.
 */
export function readReceiptSetting(dataDir: string): () => Promise<boolean> {
  return async () => (await readSettingsFile(join(dataDir, SETTINGS_FILE))).sendReadReceipts
}

/** `receipts` throws AccountError NoAccount before onboarding, which the renderer receives as such. */
export function registerReadReceiptHandlers(registry: IpcHandlerRegistry, receipts: () => ReadReceipts): void {
  registry.register("conversations:readReceipts", (conversationId) => receipts().lastReadTimes(conversationId))
}
