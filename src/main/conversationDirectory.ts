// What main's own services (notifications, the tray) need to know about a profile's conversations,
// asked through the profile's IPC handler registry: the same validated requests the renderer makes,
// so these services depend on the contract and not on where the engine runs.
import type { RequestArgs, RequestName, RequestResult } from "../shared/contract"
import { inboxDisplayName } from "../shared/displayNames"
import type { ConversationSummary } from "../shared/dto/conversation"
import type { IpcHandlerRegistry } from "./ipcHandlers"

export type RequestDispatcher = Pick<IpcHandlerRegistry, "dispatch">

/** Inbox names kept; an inbox's address does not change, so entries only leave to bound memory. */
const NAME_CACHE_LIMIT = 2000

export class ConversationDirectory {
  readonly #registry: RequestDispatcher
  readonly #names = new Map<string, string>()

  constructor(registry: RequestDispatcher) {
    this.#registry = registry
  }

  conversation(id: string): Promise<ConversationSummary> {
    return this.#request("conversations:get", id)
  }

  /** Allowed and request conversations, newest activity first (the engine's order). */
  conversations(): Promise<ConversationSummary[]> {
    return this.#request("conversations:list", {})
  }

  /** The profile's inbox id, or null before onboarding. */
  async ownInboxId(): Promise<string | null> {
    const account = await this.#request("account:get")
    return account.state === "ready" ? account.inboxId : null
  }

  /** A member of `conversationId` as the window names them (short address, else short inbox id). */
  async inboxName(conversationId: string, inboxId: string): Promise<string> {
    const cached = this.#names.get(inboxId)
    if (cached !== undefined) return cached
    const members = await this.#request("members:list", conversationId)
    for (const member of members) {
      const address = member.accountIdentifiers.find((identifier) => identifier.kind === "ethereum")?.identifier
      if (address) this.#remember(member.inboxId, inboxDisplayName(member.inboxId, address))
    }
    return this.#names.get(inboxId) ?? inboxDisplayName(inboxId, undefined)
  }

  /** A conversation's name as the window shows it: the group's name, or the DM peer's. */
  async title(summary: ConversationSummary): Promise<string> {
    if (summary.kind === "group") return summary.name.trim() || "Unnamed group"
    return this.inboxName(summary.id, summary.peerInboxId)
  }

  #remember(inboxId: string, name: string): void {
    if (this.#names.size >= NAME_CACHE_LIMIT && !this.#names.has(inboxId)) this.#names.delete(this.#names.keys().next().value as string)
    this.#names.set(inboxId, name)
  }

  async #request<N extends RequestName>(name: N, ...args: RequestArgs<N>): Promise<RequestResult<N>> {
    // dispatch returns results validated against the contract (here, or in the engine worker).
    return (await this.#registry.dispatch(name, args)) as RequestResult<N>
  }
}
