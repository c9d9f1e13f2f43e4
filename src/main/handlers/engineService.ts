// The engine behind the contract's conversation, message and member requests: it calls the
// profile's engine client (shaped like @xmtp/node-sdk's) and answers in DTOs. Electron main and
// the web host both use it, so the renderer sees the same answers in either.
import { type Client, type ConsentState as EngineConsentState, type Conversation, ConversationType, type DecodedMessage, type Dm, Group, GroupPermissionsOptions, SortDirection } from "../../engine/index"
import { CONSENT_STATES, type ConsentState } from "../../shared/dto/consent"
import type { ConversationListQuery, ConversationSummary, CreateGroupRequest, DmTarget } from "../../shared/dto/conversation"
import type { Member } from "../../shared/dto/member"
import type { Message } from "../../shared/dto/message"
import type { MessageListQuery } from "../../shared/dto/messageRequests"
import { ConversationError } from "./conversationErrors"
import { conversationSummary, type SummaryContext, unreadCount } from "./conversationSummary"
import { enginePolicySet, memberDto, messageDto } from "./engineDto"
import type { InboxLookup } from "./inboxLookup"
import type { ReadMarkers } from "./readMarkers"

const PRESETS: Record<NonNullable<CreateGroupRequest["permissions"]>, GroupPermissionsOptions> = {
  default: GroupPermissionsOptions.Default,
  adminOnly: GroupPermissionsOptions.AdminOnly,
  customPolicy: GroupPermissionsOptions.CustomPolicy,
}

export class EngineService {
  constructor(
    readonly client: Client,
    private readonly readMarkers: ReadMarkers,
    private readonly inboxes: InboxLookup,
  ) {}

  get ownInboxId(): string {
    return this.client.inboxId
  }

  async listConversations(query: ConversationListQuery): Promise<ConversationSummary[]> {
    // Every consent state unless the query names some (the engine's default leaves Denied out).
    const consentStates = (query.consentStates ?? CONSENT_STATES).map((state) => CONSENT_STATES.indexOf(state) as EngineConsentState)
    const overviews = await this.client.conversations.listOverviews(
      {
        consentStates,
        ...(query.kind === undefined ? {} : { conversationType: query.kind === "dm" ? ConversationType.Dm : ConversationType.Group }),
        ...(query.limit === undefined ? {} : { limit: query.limit }),
      },
      unreadCount(this.#summaryContext),
    )
    return overviews.map((overview) => conversationSummary(overview, this.#summaryContext))
  }

  async getConversation(id: string): Promise<ConversationSummary> {
    return this.summary(await this.conversation(id))
  }

  async createDm(target: DmTarget): Promise<ConversationSummary> {
    const inboxId = target.kind === "inboxId" ? target.inboxId : await this.requireInbox(target.address)
    return this.summary(await this.client.conversations.createDm(inboxId))
  }

  async createGroup(request: CreateGroupRequest): Promise<ConversationSummary> {
    const group = await this.client.conversations.createGroup(request.memberInboxIds, {
      ...(request.name === undefined ? {} : { groupName: request.name }),
      ...(request.description === undefined ? {} : { groupDescription: request.description }),
      ...(request.imageUrl === undefined ? {} : { groupImageUrlSquare: request.imageUrl }),
      ...(request.permissions === undefined ? {} : { permissions: PRESETS[request.permissions] }),
      ...(request.customPolicySet === undefined ? {} : { customPermissionPolicySet: enginePolicySet(request.customPolicySet) }),
    })
    return this.summary(group)
  }

  async setConsent(id: string, state: ConsentState): Promise<ConversationSummary> {
    const conversation = await this.conversation(id)
    conversation.updateConsentState(CONSENT_STATES.indexOf(state) as Parameters<Conversation["updateConsentState"]>[0])
    return this.summary(conversation)
  }

  /** Marks everything up to the newest message (or now, whichever is later) as read. */
  async markRead(id: string): Promise<void> {
    const conversation = await this.conversation(id)
    const newest = (await conversation.messages({ limit: 1, direction: SortDirection.Descending }))[0]
    const now = BigInt(Date.now()) * 1_000_000n
    await this.readMarkers.markRead(id, newest && newest.sentAtNs > now ? newest.sentAtNs : now)
  }

  /** The newest `limit` messages matching the query, oldest first. */
  async listMessages(id: string, query: MessageListQuery): Promise<Message[]> {
    const conversation = await this.conversation(id)
    const newestFirst = await conversation.messages({
      limit: query.limit,
      direction: SortDirection.Descending,
      ...(query.sentBeforeNs === undefined ? {} : { sentBeforeNs: BigInt(query.sentBeforeNs) }),
      ...(query.sentAfterNs === undefined ? {} : { sentAfterNs: BigInt(query.sentAfterNs) }),
    })
    return newestFirst.reverse().map(messageDto)
  }

  async sendText(id: string, text: string): Promise<Message> {
    const conversation = await this.conversation(id)
    const messageId = await conversation.sendText(text)
    const sent = this.client.conversations.getMessageById(messageId)
    if (!sent) throw new ConversationError("NotFound", "The message was sent but is not stored on this installation; reload the conversation.")
    return this.messageDto(sent)
  }

  async listMembers(id: string): Promise<Member[]> {
    return (await (await this.conversation(id)).members()).map(memberDto)
  }

  async addMembers(id: string, inboxIds: string[]): Promise<Member[]> {
    const group = await this.group(id)
    await group.addMembers(inboxIds)
    return (await group.members()).map(memberDto)
  }

  async removeMembers(id: string, inboxIds: string[]): Promise<Member[]> {
    const group = await this.group(id)
    await group.removeMembers(inboxIds)
    return (await group.members()).map(memberDto)
  }

  async lookupInbox(address: string): Promise<string | null> {
    return this.inboxes.inboxIdOf(address)
  }

  /** A message that arrived on a stream, in DTO form. */
  messageDto(message: DecodedMessage): Message {
    return messageDto(message)
  }

  /** A stored message, enriched as it reads now (its reactions, replies, deletion). */
  storedMessage(id: string): Message | undefined {
    const message = this.client.conversations.getMessageById(id)
    return message && messageDto(message)
  }

  async summary(conversation: Group | Dm): Promise<ConversationSummary> {
    return conversationSummary(await this.client.conversations.overviewOf(conversation, unreadCount(this.#summaryContext)), this.#summaryContext)
  }

  get #summaryContext(): SummaryContext {
    return { ownInboxId: this.ownInboxId, readMarkers: this.readMarkers }
  }

  async conversation(id: string): Promise<Group | Dm> {
    const conversation = await this.client.conversations.getConversationById(id)
    if (!conversation) throw new ConversationError("NotFound", `There is no conversation ${id.slice(0, 12)}… on this installation.`)
    return conversation
  }

  async group(id: string): Promise<Group> {
    const conversation = await this.conversation(id)
    if (!(conversation instanceof Group)) throw new ConversationError("NotAGroup", "A direct message has exactly two members; start a group to talk with more people.")
    return conversation
  }

  private async requireInbox(address: string): Promise<string> {
    const inboxId = await this.inboxes.inboxIdOf(address)
    if (!inboxId) throw new ConversationError("NoInbox", `${address} has no XMTP inbox yet: they need to open an XMTP app once before they can be messaged.`)
    return inboxId
  }
}
