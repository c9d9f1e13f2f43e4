// A Parley engine client as an interop Peer.
import { randomBytes, randomUUID } from "node:crypto"
import { join } from "node:path"
import {
  Client,
  createEoaSigner,
  Group,
  GroupError,
  GroupMessageKind,
  GroupPermissionsOptions,
  type DecodedMessage,
  type Dm,
  type PermissionPolicySet,
} from "../../../../src/engine/index"
import type { GroupUpdated } from "../../../../src/engine/content/index"
import {
  toTranscript,
  type HistoryEntry,
  type Peer,
  type PeerConversation,
  type PolicySet,
  type Refusal,
  type Roster,
  type Transcript,
} from "./interopPeer"

const GROUP_UPDATED_TYPE = "group_updated"

export class ParleyPeer implements Peer {
  readonly kind = "parley"

  private constructor(
    readonly label: string,
    readonly client: Client,
    private readonly roster: Roster,
  ) {
    roster.add(client.inboxId, label)
  }

  /** Registers a fresh wallet's inbox and installation, with its database file in `dir`. */
  static async create(apiUrl: string, dir: string, label: string, roster: Roster): Promise<ParleyPeer> {
    const client = await Client.create(createEoaSigner(), {
      apiUrl,
      dbPath: join(dir, `${label}-${randomUUID()}.parley.db`),
      dbEncryptionKey: new Uint8Array(randomBytes(32)),
    })
    return new ParleyPeer(label, client, roster)
  }

  get inboxId(): string {
    return this.client.inboxId
  }

  async createGroup(inboxIds: string[], policies?: PolicySet): Promise<PeerConversation> {
    const options = policies && {
      permissions: GroupPermissionsOptions.CustomPolicy,
      customPermissionPolicySet: policies as PermissionPolicySet,
    }
    return this.wrap(await this.client.conversations.createGroup(inboxIds, options))
  }

  async createDm(inboxId: string): Promise<PeerConversation> {
    return this.wrap(await this.client.conversations.createDm(inboxId))
  }

  async syncWelcomes(): Promise<void> {
    await this.client.conversations.sync()
  }

  async syncAll(): Promise<void> {
    await this.client.conversations.syncAll()
  }

  async conversationById(id: string): Promise<PeerConversation | undefined> {
    const found = await this.client.conversations.getConversationById(id)
    return found && this.wrap(found)
  }

  dmWith(inboxId: string): PeerConversation | undefined {
    const found = this.client.conversations.getDmByInboxId(inboxId)
    return found && this.wrap(found)
  }

  async listDms(): Promise<PeerConversation[]> {
    return this.client.conversations.listDms().map((dm) => this.wrap(dm))
  }

  refusalOf(error: unknown): Refusal {
    if (!(error instanceof GroupError)) return "other"
    return error.code === "GroupInactive" ? "inactive" : error.code === "PermissionDenied" ? "permission" : "other"
  }

  close(): Promise<void> {
    return this.client.close()
  }

  private wrap(conversation: Group | Dm): PeerConversation {
    return new ParleyConversation(conversation, this.roster)
  }
}

class ParleyConversation implements PeerConversation {
  constructor(
    private readonly conversation: Group | Dm,
    private readonly roster: Roster,
  ) {}

  get id(): string {
    return this.conversation.id
  }

  get isActive(): boolean {
    return this.conversation.isActive
  }

  sync(): Promise<void> {
    return this.conversation.sync()
  }

  async sendText(text: string): Promise<void> {
    await this.conversation.sendText(text)
  }

  async texts(): Promise<string[]> {
    return (await this.history()).filter((entry): entry is string => typeof entry === "string")
  }

  async transcripts(): Promise<Transcript[]> {
    return (await this.history()).filter((entry): entry is Transcript => typeof entry !== "string")
  }

  async history(): Promise<HistoryEntry[]> {
    return (await this.conversation.messages()).flatMap((m) => this.entryOf(m))
  }

  async members(): Promise<string[]> {
    return (await this.conversation.members()).map((m) => this.roster.labelOf(m.inboxId)).sort()
  }

  addMembers(inboxIds: string[]): Promise<void> {
    return this.group().addMembers(inboxIds)
  }

  removeMembers(inboxIds: string[]): Promise<void> {
    return this.group().removeMembers(inboxIds)
  }

  private group(): Group {
    if (!(this.conversation instanceof Group)) throw new Error(`conversation ${this.id} is a DM; only groups change members`)
    return this.conversation
  }

  private entryOf(message: DecodedMessage): HistoryEntry[] {
    if (message.kind === GroupMessageKind.MembershipChange && message.contentType?.typeId === GROUP_UPDATED_TYPE) {
      return [toTranscript(message.content as GroupUpdated, this.roster)]
    }
    if (typeof message.content === "string") return [`${this.roster.labelOf(message.senderInboxId)}: ${message.content}`]
    return [`${this.roster.labelOf(message.senderInboxId)}: <${message.contentType?.typeId ?? "undecodable"}>`]
  }
}
