// The client's conversations (the shape of @xmtp/node-sdk's Conversations): creating groups and
// DMs, joining from welcomes, listing, lookup, bulk sync and the all-messages stream.
import { hexToBytes } from "@noble/hashes/utils.js"
import { ConversationStream, type StreamConversationsOptions } from "./conversationStream"
import { MessageStream, type StreamAllMessagesOptions } from "./conversationsStream"
import { DeletionStream } from "./deletedMessagesStream"
import { changeMembers } from "./groups/changeMembers"
import type { GroupContext } from "./groups/context"
import { createConversation, GROUP_ID_LENGTH } from "./groups/createGroup"
import { toDecodedMessage } from "./groups/decodedMessage"
import { Dm } from "./groups/dm"
import { dmIdFor } from "./groups/dmRules"
import { GroupError } from "./groups/errors"
import { Group } from "./groups/group"
import { unstickPausedGroups } from "./groups/groupPause"
import { syncGroupsNeedingSync } from "./groups/syncAllGroups"
import { conversationOf, groupQueryOf, listConversationItems, listConversations, type ConversationListItem } from "./groups/conversationListing"
import { conversationOverviews, type ConversationOverview, type RecentMessageCount } from "./groups/conversationOverview"
import {
  ConversationType,
  type ConsentState,
  type CreateDmOptions,
  type CreateGroupOptions,
  type DecodedMessage,
  type ListConversationsOptions,
} from "./groups/publicTypes"
import type { StoredConsentState } from "./storage/consent"
import { syncWelcomes, type WelcomeSyncResult } from "./groups/welcomes"

export type { ListConversationsOptions } from "./groups/publicTypes"

export interface GroupSyncSummary {
  numEligible: number
  numSynced: number
}

export class Conversations {
  private readonly streams = new Set<MessageStream>()
  private readonly deletionStreams = new Set<{ end(): Promise<void> }>()
  private readonly conversationStreams = new Set<ConversationStream>()

  constructor(private readonly ctx: GroupContext) {}

  /** Creates a group and adds the inboxes (or, with none, syncs it), as the node binding does. */
  async createGroup(inboxIds: string[], options?: CreateGroupOptions): Promise<Group> {
    const group = await this.createGroupOptimistic(options)
    if (inboxIds.length > 0) await group.addMembers(inboxIds)
    else await group.sync()
    return group
  }

  /**
   * A group that exists on this installation only (epoch 0, nothing published) until its first
   * commit: a sync, a member added or a metadata change (CREATE-01). Asynchronous, unlike the
   * SDK's, because creating the creator's leaf is.
   */
  async createGroupOptimistic(options?: CreateGroupOptions): Promise<Group> {
    const group = new Group(this.ctx, await createConversation(this.ctx, { kind: "group", ...(options ? { options } : {}) }))
    this.announceCreated(group.idBytes)
    return group
  }

  /** The DM with `inboxId` if one exists, else a new one (find_or_create_dm). */
  async createDm(inboxId: string, options?: CreateDmOptions): Promise<Dm> {
    const existing = this.getDmByInboxId(inboxId)
    if (existing) return existing
    const dm = new Dm(this.ctx, await createConversation(this.ctx, { kind: "dm", peerInboxId: inboxId, ...(options ? { options } : {}) }))
    await changeMembers(this.ctx, dm.idBytes, [inboxId], [])
    this.announceCreated(dm.idBytes)
    return dm
  }

  /** Joins the groups this installation was welcomed to. */
  async sync(): Promise<void> {
    await this.syncWelcomes()
  }

  /** sync(), reporting the groups joined and the welcomes refused, each with a typed error. */
  async syncWelcomes(): Promise<WelcomeSyncResult> {
    return syncWelcomes(this.ctx)
  }

  /**
   * Welcomes, then every active conversation whose consent is one of `consentStates` (Allowed and
   * Unknown by default, as lists, CONSENT-08) and that has new envelopes on the node, ten at a
   * time (libxmtp sync_all_welcomes_and_groups, SYNC-07). Paused groups this client now
   * satisfies are unpaused first.
   */
  async syncAll(consentStates?: ConsentState[]): Promise<GroupSyncSummary> {
    unstickPausedGroups(this.ctx)
    try {
      await this.syncWelcomes()
    } catch {
      // As libxmtp: welcome errors do not stop the groups' sync.
    }
    const rows = this.ctx.db.conversationList
      .listConversations({ includeDuplicateDms: true, orderBy: "createdAt", ...(consentStates ? { consentStates: consentStates as StoredConsentState[] } : {}) })
      .map((listed) => listed.group)
    return { numEligible: rows.length, numSynced: await syncGroupsNeedingSync(this.ctx, rows) }
  }

  /**
   * The conversations the options select (libxmtp list_conversations): Denied ones left out unless
   * asked for, one DM per peer, most recently active first. Throws ConversationQueryError.
   */
  async list(options: ListConversationsOptions = {}): Promise<Array<Group | Dm>> {
    return listConversations(this.ctx, options)
  }

  /** list(), each conversation with the last message a conversation list shows (node-bindings ConversationListItem). */
  async listItems(options: ListConversationsOptions = {}): Promise<ConversationListItem[]> {
    return listConversationItems(this.ctx, options)
  }

  /**
   * list(), each conversation as a conversation list shows it (metadata, member count, consent,
   * newest message, optionally a count of its newest messages), read without decoding the groups'
   * MLS states or message histories. Throws ConversationQueryError.
   */
  async listOverviews(options: ListConversationsOptions = {}, count?: RecentMessageCount): Promise<ConversationOverview[]> {
    const rows = this.ctx.db.conversationList.listConversations(groupQueryOf(options)).map((listed) => listed.group)
    return conversationOverviews(this.ctx, rows, count)
  }

  /** One conversation's overview, as listOverviews() reads it. Throws GroupError("NotFound") once it is no longer stored. */
  async overviewOf(conversation: Group | Dm, count?: RecentMessageCount): Promise<ConversationOverview> {
    const row = this.ctx.db.groups.find(conversation.idBytes)
    if (!row) throw new GroupError("NotFound", `No conversation with id ${conversation.id} is stored.`)
    return conversationOverviews(this.ctx, [row], count)[0]!
  }

  listGroups(options: Omit<ListConversationsOptions, "conversationType"> = {}): Group[] {
    return listConversations(this.ctx, { ...options, conversationType: ConversationType.Group }) as Group[]
  }

  listDms(options: Omit<ListConversationsOptions, "conversationType"> = {}): Dm[] {
    return listConversations(this.ctx, { ...options, conversationType: ConversationType.Dm }) as Dm[]
  }

  /** undefined for an unknown id or one that is not a group id (16 bytes of hex). */
  async getConversationById(id: string): Promise<Group | Dm | undefined> {
    let groupId: Uint8Array
    try {
      groupId = hexToBytes(id)
    } catch {
      return undefined
    }
    if (groupId.length !== GROUP_ID_LENGTH) return undefined
    const row = this.ctx.db.groups.find(groupId)
    // A DM id answers with the DM of those members that is active now (DM-11), as the node
    // binding's get_conversation_by_id (stitched_group) does.
    const stitched = row?.dmId ? (this.ctx.db.groups.findDms(row.dmId)[0] ?? row) : row
    return stitched && conversationOf(this.ctx, stitched)
  }

  /** The most recently active DM with that inbox. */
  getDmByInboxId(inboxId: string): Dm | undefined {
    const row = this.ctx.db.groups.findDms(dmIdFor(this.ctx.inboxId, inboxId))[0]
    return row && new Dm(this.ctx, row.id)
  }

  getMessageById(id: string): DecodedMessage | undefined {
    let messageId: Uint8Array
    try {
      messageId = hexToBytes(id)
    } catch {
      return undefined
    }
    const row = this.ctx.db.messages.find(messageId)
    return row && toDecodedMessage(this.ctx.db, row)
  }

  /** Messages of every conversation as they arrive; call end() (or break out) to stop. */
  async streamAllMessages(options: StreamAllMessagesOptions = {}): Promise<MessageStream> {
    const stream = new MessageStream(this.ctx, () => this.syncWelcomes(), options, () => this.streams.delete(stream))
    this.streams.add(stream)
    await stream.start()
    return stream
  }

  /**
   * The messages deleted for everyone from now on, each as it was before its deletion (DEL-10): a
   * local stream, fed by whatever syncs, streams or publishes process the deletions.
   */
  streamDeletedMessages(): DeletionStream<DecodedMessage> {
    return this.deletionStream((message) => message)
  }

  /** streamDeletedMessages, yielding the deleted messages' ids (the SDK's deprecated form). */
  streamMessageDeletions(): DeletionStream<string> {
    return this.deletionStream((message) => message.id)
  }

  private deletionStream<T>(convert: (message: DecodedMessage) => T): DeletionStream<T> {
    const stream: DeletionStream<T> = new DeletionStream(this.ctx.deletionEvents, convert, () => this.deletionStreams.delete(stream))
    this.deletionStreams.add(stream)
    return stream
  }

  /** Ends every stream (the client is closing). */
  async endStreams(): Promise<void> {
    await Promise.all([...this.streams, ...this.deletionStreams, ...this.conversationStreams].map((stream) => stream.end()))
  }

  /**
   * New conversations as they arrive: joined from welcomes or created here (STREAM-01). Welcomes
   * are synced first unless `disableSync`, as the SDK does; what that sync joins is not emitted.
   */
  async stream(options: StreamConversationsOptions & { disableSync?: boolean } = {}): Promise<ConversationStream> {
    if (!options.disableSync) await this.syncWelcomes().catch(() => undefined)
    const stream: ConversationStream = new ConversationStream(this.ctx, () => this.syncWelcomes(), options, () => this.conversationStreams.delete(stream))
    this.conversationStreams.add(stream)
    stream.start()
    return stream
  }

  /**
   * Tells the streams of a conversation created here (libxmtp LocalEvents::NewGroup): conversation
   * streams announce it, message streams start following it.
   */
  private announceCreated(groupId: Uint8Array): void {
    for (const stream of this.conversationStreams) stream.created(groupId)
    for (const stream of this.streams) stream.followCreated(groupId)
  }
}
