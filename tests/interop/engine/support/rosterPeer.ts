// What a Peer and its conversations do the same way for either client kind: both clients name
// these calls alike, so only group creation, error reading and message rendering differ.
import type { HistoryEntry, PeerConversation, Roster, Transcript } from "./interopPeer"

/** The conversation calls both clients offer under the same names. */
export interface ConversationHandle<M> {
  readonly id: string
  readonly isActive: boolean
  sync(): Promise<unknown>
  sendText(text: string): Promise<unknown>
  messages(): Promise<M[]>
  members(): Promise<Array<{ inboxId: string }>>
}

/** The membership calls of a group (not a DM) of either client. */
export interface GroupHandle {
  addMembers(inboxIds: string[]): Promise<void>
  removeMembers(inboxIds: string[]): Promise<void>
}

/** The `conversations` calls both clients offer under the same names. */
export interface ConversationsHandle<C> {
  createDm(inboxId: string): Promise<C>
  sync(): Promise<unknown>
  syncAll(): Promise<unknown>
  getConversationById(id: string): Promise<C | undefined>
  getDmByInboxId(inboxId: string): C | undefined
  listDms(): C[]
}

/** `sender: body`, the sender shown by label. */
export function historyLine(roster: Roster, senderInboxId: string, body: string): string {
  return `${roster.labelOf(senderInboxId)}: ${body}`
}

export abstract class RosterPeer<C> {
  protected constructor(protected readonly roster: Roster) {}

  protected abstract readonly conversations: ConversationsHandle<C>

  protected abstract wrap(conversation: C): PeerConversation

  async createDm(inboxId: string): Promise<PeerConversation> {
    return this.wrap(await this.conversations.createDm(inboxId))
  }

  async syncWelcomes(): Promise<void> {
    await this.conversations.sync()
  }

  async syncAll(): Promise<void> {
    await this.conversations.syncAll()
  }

  async conversationById(id: string): Promise<PeerConversation | undefined> {
    const found = await this.conversations.getConversationById(id)
    return found && this.wrap(found)
  }

  dmWith(inboxId: string): PeerConversation | undefined {
    const found = this.conversations.getDmByInboxId(inboxId)
    return found && this.wrap(found)
  }

  async listDms(): Promise<PeerConversation[]> {
    return this.conversations.listDms().map((dm) => this.wrap(dm))
  }
}

/** Either client's conversation, its messages read through `entryOf`. */
export class RosterConversation<M> implements PeerConversation {
  /**
   * @param groupHandle the conversation as a group, or undefined for a DM
   * @param entryOf the message as the tests read it: a line for a text (or other content), a Transcript for a commit
   */
  constructor(
    private readonly handle: ConversationHandle<M>,
    private readonly groupHandle: GroupHandle | undefined,
    private readonly roster: Roster,
    private readonly entryOf: (message: M) => HistoryEntry,
  ) {}

  get id(): string {
    return this.handle.id
  }

  get isActive(): boolean {
    return this.handle.isActive
  }

  async sync(): Promise<void> {
    await this.handle.sync()
  }

  async sendText(text: string): Promise<void> {
    await this.handle.sendText(text)
  }

  async texts(): Promise<string[]> {
    return (await this.history()).filter((entry): entry is string => typeof entry === "string")
  }

  async transcripts(): Promise<Transcript[]> {
    return (await this.history()).filter((entry): entry is Transcript => typeof entry !== "string")
  }

  async history(): Promise<HistoryEntry[]> {
    return (await this.handle.messages()).map((m) => this.entryOf(m))
  }

  async members(): Promise<string[]> {
    return (await this.handle.members()).map((m) => this.roster.labelOf(m.inboxId)).sort()
  }

  addMembers(inboxIds: string[]): Promise<void> {
    return this.group().addMembers(inboxIds)
  }

  removeMembers(inboxIds: string[]): Promise<void> {
    return this.group().removeMembers(inboxIds)
  }

  private group(): GroupHandle {
    if (!this.groupHandle) throw new Error(`conversation ${this.id} is a DM; only groups change members`)
    return this.groupHandle
  }
}
