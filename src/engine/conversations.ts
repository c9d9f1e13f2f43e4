// The client's conversations (the shape of @xmtp/node-sdk's Conversations): creating groups and
// DMs, joining from welcomes, listing, lookup, bulk sync and the all-messages stream.
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js"
import { MessageStream, type StreamAllMessagesOptions } from "./conversationsStream"
import { changeMembers } from "./groups/changeMembers"
import type { GroupContext } from "./groups/context"
import { createConversation, GROUP_ID_LENGTH } from "./groups/createGroup"
import { toDecodedMessage } from "./groups/decodedMessage"
import { Dm } from "./groups/dm"
import { dmIdFor } from "./groups/dmRules"
import { Group } from "./groups/group"
import { syncConversation } from "./groups/conversationSync"
import { ConversationType, type CreateDmOptions, type CreateGroupOptions, type DecodedMessage } from "./groups/publicTypes"
import { syncWelcomes, type WelcomeSyncResult } from "./groups/welcomes"
import { StoredConversationType, type StoredGroup } from "./storage/groups"

export interface ListConversationsOptions {
  conversationType?: ConversationType
}

export interface GroupSyncSummary {
  numEligible: number
  numSynced: number
}

export class Conversations {
  private readonly streams = new Set<MessageStream>()

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
    return new Group(this.ctx, await createConversation(this.ctx, { kind: "group", ...(options ? { options } : {}) }))
  }

  /** The DM with `inboxId` if one exists, else a new one (find_or_create_dm). */
  async createDm(inboxId: string, options?: CreateDmOptions): Promise<Dm> {
    const existing = this.getDmByInboxId(inboxId)
    if (existing) return existing
    const dm = new Dm(this.ctx, await createConversation(this.ctx, { kind: "dm", peerInboxId: inboxId, ...(options ? { options } : {}) }))
    await changeMembers(this.ctx, dm.idBytes, [inboxId], [])
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

  /** Welcomes, then every active conversation (libxmtp sync_all_welcomes_and_groups, without its newest-message filter). */
  async syncAll(): Promise<GroupSyncSummary> {
    try {
      await this.syncWelcomes()
    } catch {
      // As libxmtp: welcome errors do not stop the groups' sync.
    }
    const rows = this.ctx.db.groups.list()
    let numSynced = 0
    for (const row of rows.filter((r) => r.isActive)) {
      try {
        await syncConversation(this.ctx, row.id)
        numSynced++
      } catch {
        // counted as not synced
      }
    }
    return { numEligible: rows.length, numSynced }
  }

  async list(options: ListConversationsOptions = {}): Promise<Array<Group | Dm>> {
    return this.ctx.db.groups
      .list()
      .filter((row) => row.conversationType === StoredConversationType.Group || row.conversationType === StoredConversationType.Dm)
      .filter((row) => options.conversationType === undefined || conversationTypeOf(row) === options.conversationType)
      .filter((row) => !isShadowedDm(this.ctx, row))
      .map((row) => this.wrap(row))
  }

  listGroups(): Group[] {
    return this.ctx.db.groups
      .list()
      .filter((row) => row.conversationType === StoredConversationType.Group)
      .map((row) => new Group(this.ctx, row.id))
  }

  listDms(): Dm[] {
    return this.ctx.db.groups
      .list()
      .filter((row) => row.conversationType === StoredConversationType.Dm && !isShadowedDm(this.ctx, row))
      .map((row) => new Dm(this.ctx, row.id))
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
    return stitched && this.wrap(stitched)
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

  /** Ends every stream (the client is closing). */
  async endStreams(): Promise<void> {
    await Promise.all([...this.streams].map((stream) => stream.end()))
  }

  private wrap(row: StoredGroup): Group | Dm {
    return row.conversationType === StoredConversationType.Dm ? new Dm(this.ctx, row.id) : new Group(this.ctx, row.id)
  }
}

function conversationTypeOf(row: StoredGroup): ConversationType {
  return row.conversationType === StoredConversationType.Dm ? ConversationType.Dm : ConversationType.Group
}

/** A DM that another DM with the same members supersedes in lists (DM-09). */
function isShadowedDm(ctx: GroupContext, row: StoredGroup): boolean {
  if (!row.dmId) return false
  const primary = ctx.db.groups.findDms(row.dmId)[0]
  return primary !== undefined && bytesToHex(primary.id) !== bytesToHex(row.id)
}
