// An official SDK (@xmtp/node-sdk 6.0.0) client as an interop Peer.
import { Group, isGroupUpdated, isText, type DecodedMessage, type Dm, type GroupPermissionsOptions, type PermissionPolicySet } from "@xmtp/node-sdk"
import type { InteropHarness } from "../../support/interopHarness"
import type { LabelledClient, SdkClient } from "../../support/sdkClient"
import type { TestNode } from "../../support/testNode"
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

/** node-bindings' GroupPermissionsOptions.CustomPolicy (an ambient const enum the tests cannot read). */
const CUSTOM_POLICY = 2 as GroupPermissionsOptions

export class SdkPeer implements Peer {
  readonly kind = "sdk"

  private constructor(
    private readonly labelled: LabelledClient,
    private readonly roster: Roster,
  ) {
    roster.add(labelled.client.inboxId, labelled.label)
  }

  static async create(h: InteropHarness, node: TestNode, label: string, roster: Roster): Promise<SdkPeer> {
    return new SdkPeer(await h.createClient(node, { label }), roster)
  }

  get label(): string {
    return this.labelled.label
  }

  get client(): SdkClient {
    return this.labelled.client
  }

  get inboxId(): string {
    return this.client.inboxId
  }

  async createGroup(inboxIds: string[], policies?: PolicySet): Promise<PeerConversation> {
    // The bindings number PermissionPolicy as PolicySet does; only the const-enum type differs.
    const options = policies && { permissions: CUSTOM_POLICY, customPermissionPolicySet: policies as unknown as PermissionPolicySet }
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

  /**
   * libxmtp's errors reach JavaScript as plain Errors carrying the Rust error's Display text:
   * "Group is inactive" (GroupError::GroupInactive). An own commit that fails validation shows up
   * only as a sync summary ("[GroupError::Sync] synced N messages, ..."): libxmtp publishes the
   * commit, validates it when it reads it back (mls_sync.rs stage_and_validate_intent), marks the
   * intent Error and returns the summary of that sync, not the validation error.
   */
  refusalOf(error: unknown): Refusal {
    const message = error instanceof Error ? error.message : String(error)
    if (/group is inactive/i.test(message)) return "inactive"
    if (/insufficient ?permissions|not allowed/i.test(message)) return "permission"
    if (message.startsWith("[GroupError::Sync]")) return "sync-failed"
    return "other"
  }

  private wrap(conversation: Group | Dm): PeerConversation {
    return new SdkConversation(conversation, this.roster)
  }
}

class SdkConversation implements PeerConversation {
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
    return (await this.conversation.messages()).map((m) => this.entryOf(m))
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

  private entryOf(message: DecodedMessage): HistoryEntry {
    if (isGroupUpdated(message) && message.content) return toTranscript(message.content, this.roster)
    const sender = this.roster.labelOf(message.senderInboxId)
    if (isText(message)) return `${sender}: ${message.content ?? ""}`
    return `${sender}: <${message.contentType.typeId}>`
  }
}
