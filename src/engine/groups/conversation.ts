// A conversation as the API hands it out (the shape of @xmtp/node-sdk's Conversation): a handle on
// a stored group, whose state is read from the database on each call.
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js"
import type { ClientState } from "ts-mls"
import {
  actionsCodec,
  attachmentCodec,
  CodecRegistry,
  encodeEncodedContent,
  intentCodec,
  markdownCodec,
  multiRemoteAttachmentCodec,
  reactionCodec,
  readReceiptCodec,
  remoteAttachmentCodec,
  replyCodec,
  textCodec,
  transactionReferenceCodec,
  walletSendCallsCodec,
  type Actions,
  type Attachment,
  type ContentCodec,
  type EncodedContent,
  type Intent,
  type MultiRemoteAttachment,
  type Reaction,
  type RemoteAttachment,
  type Reply,
  type TransactionReference,
  type WalletSendCalls,
} from "../content/index"
import { enrichMessages } from "../content/enrichment"
import { checkOwnDeletion, deleteMessageContent } from "../content/enrichmentDeletions"
import { ConsentEntityType, type StoredConsentState } from "../storage/consent"
import { CursorKind } from "../storage/cursors"
import { StoredConversationType, StoredMembershipState, type StoredGroup } from "../storage/groups"
import { StoredContentType } from "../storage/messages"
import { nowNs } from "../storage/rows"
import type { GroupContext } from "./context"
import { GroupError } from "./errors"
import { readXmtpGroupContext, type XmtpGroupContext } from "./extensions/index"
import { disappearingSettingsOf, isDisappearingEnabled, REMOVED_DISAPPEARING_SETTINGS } from "./disappearingSettings"
import { loadGroup } from "./groupState"
import { updateDisappearingSettings } from "./groupUpdates"
import { syncConversation } from "./conversationSync"
import { updateInstallations, type SyncSummary } from "./groupSync"
import { listMembers } from "./members"
import { conversationGroupIds, countQuery, enrichedMessageQuery } from "./messageQueryOptions"
import {
  ConversationType,
  GroupMembershipState,
  SortDirection,
  type ConsentState,
  type DecodedMessage,
  type GroupMember,
  type ListMessagesOptions,
  type MessageDisappearingSettings,
  type SendMessageOptions,
} from "./publicTypes"
import { sendMessage } from "./sendMessage"
import { messageIdBytes, prepareMessage, publishMessages, publishStoredMessage } from "./messagePublishing"

export const MEMBERSHIP_STATES: Record<StoredMembershipState, GroupMembershipState> = {
  [StoredMembershipState.Allowed]: GroupMembershipState.Allowed,
  [StoredMembershipState.Rejected]: GroupMembershipState.Rejected,
  [StoredMembershipState.Pending]: GroupMembershipState.Pending,
  [StoredMembershipState.Restored]: GroupMembershipState.Restored,
  [StoredMembershipState.PendingRemove]: GroupMembershipState.PendingRemove,
}

const registry = new CodecRegistry()

const CONVERSATION_TYPES: Record<StoredConversationType, ConversationType> = {
  [StoredConversationType.Group]: ConversationType.Group,
  [StoredConversationType.Dm]: ConversationType.Dm,
  [StoredConversationType.Sync]: ConversationType.Sync,
  [StoredConversationType.Oneshot]: ConversationType.Oneshot,
}

export class Conversation {
  constructor(
    protected readonly ctx: GroupContext,
    readonly idBytes: Uint8Array,
  ) {}

  /** The group id in hex. */
  get id(): string {
    return bytesToHex(this.idBytes)
  }

  /** False once this installation has been removed from the group. */
  get isActive(): boolean {
    return this.row().isActive
  }

  get addedByInboxId(): string {
    return this.row().addedByInboxId
  }

  get createdAtNs(): bigint {
    return this.row().createdAtNs
  }

  get createdAt(): Date {
    return new Date(Number(this.createdAtNs / 1_000_000n))
  }

  membershipState(): GroupMembershipState {
    return MEMBERSHIP_STATES[this.row().membershipState]
  }

  async metadata(): Promise<{ creatorInboxId: string; conversationType: ConversationType }> {
    return { creatorInboxId: this.xmtpContext().metadata.creatorInboxId, conversationType: CONVERSATION_TYPES[this.row().conversationType] }
  }

  /**
   * Publishes queued messages and changes, then processes what the group received. Envelopes the
   * group refuses do not fail it (as the SDK's); they are listed in the summary. Throws GroupError
   * (GroupInactive, SyncFailed when the node could not be read, ...). A paused group syncs nothing.
   */
  async sync(): Promise<SyncSummary> {
    return syncConversation(this.ctx, this.idBytes)
  }

  /**
   * Brings the members' installations up to date now (MEMB-09): one membership commit adds the
   * installations their inboxes gained and removes the revoked ones, when there are any.
   */
  async updateInstallations(): Promise<void> {
    await updateInstallations(this.ctx, this.idBytes)
  }

  /** The protocol version this group waits for while paused (META-08); undefined when it is not. */
  pausedForVersion(): string | undefined {
    return this.ctx.db.pausedGroups.get(this.idBytes)
  }

  /**
   * Sends content; returns the message id (hex). As the SDK: content must declare its type
   * (MSG-12), and it is not pushed unless `shouldPush` says so.
   */
  async send(encoded: EncodedContent, options: SendMessageOptions = {}): Promise<string> {
    if (!encoded.type) throw new GroupError("InvalidArgument", "Content type is required when sending encoded content.")
    return sendMessage(this.ctx, this.idBytes, encoded, {
      shouldPush: options.shouldPush ?? false,
      optimistic: options.optimistic ?? options.isOptimistic ?? false,
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    })
  }

  /**
   * Stores content as an Unpublished message without queueing it (node-bindings prepareMessage,
   * MSG-06); publishStoredMessage publishes it. Returns the message id (hex).
   */
  prepareMessage(encoded: EncodedContent, shouldPush: boolean, idempotencyKey?: string): string {
    const options = idempotencyKey === undefined ? { shouldPush } : { shouldPush, idempotencyKey }
    return bytesToHex(prepareMessage(this.ctx, this.idBytes, encodeEncodedContent(encoded), options))
  }

  /** Publishes a prepared (or failed) message; nothing to do once it is Published. Throws GroupError (NotFound, GroupInactive, InvalidArgument). */
  async publishStoredMessage(messageId: string): Promise<void> {
    await publishStoredMessage(this.ctx, this.idBytes, messageIdBytes(messageId))
  }

  // ---- Content senders (node-bindings conversation/content_types.rs): each codec's encoding, fallback and push flag (MSG-11).
  async sendText(text: string, isOptimistic = false): Promise<string> {
    return this.sendContent(textCodec, text, isOptimistic)
  }

  async sendMarkdown(markdown: string, isOptimistic = false): Promise<string> {
    return this.sendContent(markdownCodec, markdown, isOptimistic)
  }

  async sendReaction(reaction: Reaction, isOptimistic = false): Promise<string> {
    return this.sendContent(reactionCodec, reaction, isOptimistic)
  }

  async sendReply(reply: Reply, isOptimistic = false): Promise<string> {
    return this.sendContent(replyCodec, reply, isOptimistic)
  }

  async sendReadReceipt(isOptimistic = false): Promise<string> {
    return this.sendContent(readReceiptCodec, {}, isOptimistic)
  }

  async sendAttachment(attachment: Attachment, isOptimistic = false): Promise<string> {
    return this.sendContent(attachmentCodec, attachment, isOptimistic)
  }

  async sendRemoteAttachment(remoteAttachment: RemoteAttachment, isOptimistic = false): Promise<string> {
    return this.sendContent(remoteAttachmentCodec, remoteAttachment, isOptimistic)
  }

  async sendMultiRemoteAttachment(multiRemoteAttachment: MultiRemoteAttachment, isOptimistic = false): Promise<string> {
    return this.sendContent(multiRemoteAttachmentCodec, multiRemoteAttachment, isOptimistic)
  }

  async sendTransactionReference(transactionReference: TransactionReference, isOptimistic = false): Promise<string> {
    return this.sendContent(transactionReferenceCodec, transactionReference, isOptimistic)
  }

  async sendWalletSendCalls(walletSendCalls: WalletSendCalls, isOptimistic = false): Promise<string> {
    return this.sendContent(walletSendCallsCodec, walletSendCalls, isOptimistic)
  }

  async sendActions(actions: Actions, isOptimistic = false): Promise<string> {
    return this.sendContent(actionsCodec, actions, isOptimistic)
  }

  async sendIntent(intent: Intent, isOptimistic = false): Promise<string> {
    return this.sendContent(intentCodec, intent, isOptimistic)
  }

  private async sendContent<T>(codec: ContentCodec<T>, value: T, isOptimistic: boolean): Promise<string> {
    return sendMessage(this.ctx, this.idBytes, registry.encode(codec, value), { shouldPush: codec.shouldPush(value), optimistic: isOptimistic })
  }

  /**
   * Deletes a message for everyone (libxmtp delete_message): its sender or a super admin may. The
   * DeleteMessage is queued like an optimistic send (it goes out with the next sync or
   * publishMessages()) and the deletion applies here at once. Returns the DeleteMessage's id (hex).
   * Throws DeleteMessageError (MessageNotFound, NotAuthorized, MessageAlreadyDeleted, NonDeletableMessage).
   */
  async deleteMessage(messageId: string): Promise<string> {
    const request = checkOwnDeletion(this.ctx.db, this.idBytes, messageId, {
      inboxId: this.ctx.inboxId,
      isSuperAdmin: this.xmtpContext().mutableMetadata.superAdminList.includes(this.ctx.inboxId),
    })
    const deleteId = await sendMessage(this.ctx, this.idBytes, deleteMessageContent(request.target), { shouldPush: false, optimistic: true })
    this.ctx.db.messageDeletions.insertOrIgnore(request.record(hexToBytes(deleteId), nowNs()))
    return deleteId
  }
  // ---- end of content senders and deletion

  /** Publishes messages sent optimistically (every queued intent) and consents to the conversation. */
  async publishMessages(): Promise<void> {
    await publishMessages(this.ctx, this.idBytes)
  }

  /**
   * The SDK's messages(): by sent time, oldest first unless `direction` says otherwise, a DM's
   * duplicates included; reactions, read receipts and deletes are attached or applied rather than
   * listed (see DecodedMessage).
   */
  async messages(options: ListMessagesOptions = {}): Promise<DecodedMessage[]> {
    const groupIds = conversationGroupIds(this.ctx.db, this.idBytes)
    return enrichMessages(this.ctx.db, this.idBytes, groupIds, this.ctx.db.messages.list(groupIds, enrichedMessageQuery(options)))
  }

  /** How many stored messages match (reactions and read receipts included, as the SDK counts them). */
  async countMessages(options: Omit<ListMessagesOptions, "limit" | "direction"> = {}): Promise<number> {
    return this.ctx.db.messages.count(conversationGroupIds(this.ctx.db, this.idBytes), countQuery(this.ctx.db, this.idBytes, options))
  }

  /** Per member inbox, the sent time of its newest read receipt here (QUERY-06). */
  async lastReadTimes(): Promise<Record<string, bigint>> {
    const latest = this.ctx.db.messages.latestSentAtBySender(conversationGroupIds(this.ctx.db, this.idBytes), [StoredContentType.ReadReceipt])
    return Object.fromEntries(latest)
  }

  async lastMessage(): Promise<DecodedMessage | undefined> {
    return (await this.messages({ limit: 1, direction: SortDirection.Descending }))[0]
  }

  async members(): Promise<GroupMember[]> {
    return listMembers(this.ctx, this.mlsState())
  }

  /** The group's MLS epoch and how far its envelopes have been processed (a subset of the SDK's debug info). */
  /** node-bindings' ConversationDebugInfo, as far as Parley keeps it (no commit log): epoch, cursor and the fork signal (INTENT-08). */
  async debugInfo(): Promise<{ epoch: bigint; cursor: bigint; maybeForked: boolean; forkDetails: string }> {
    const forkDetails = this.ctx.db.forkSignals.get(this.idBytes)
    return {
      epoch: this.row().epoch,
      cursor: this.ctx.db.cursors.get(this.idBytes, CursorKind.Group),
      maybeForked: forkDetails !== undefined,
      forkDetails: forkDetails ?? "",
    }
  }

  messageDisappearingSettings(): MessageDisappearingSettings | undefined {
    return disappearingSettingsOf(this.xmtpContext())
  }

  /** Two commits (from, then in); admins only under both presets, either member of a DM. */
  async updateMessageDisappearingSettings(fromNs: bigint, inNs: bigint): Promise<void> {
    await updateDisappearingSettings(this.ctx, this.idBytes, { fromNs, inNs })
  }

  async removeMessageDisappearingSettings(): Promise<void> {
    await updateDisappearingSettings(this.ctx, this.idBytes, REMOVED_DISAPPEARING_SETTINGS)
  }

  isMessageDisappearingEnabled(): boolean {
    return isDisappearingEnabled(this.messageDisappearingSettings())
  }

  consentState(): ConsentState {
    return this.ctx.db.consent.get(ConsentEntityType.ConversationId, this.id) as ConsentState
  }

  updateConsentState(state: ConsentState): void {
    this.ctx.db.consent.set(ConsentEntityType.ConversationId, this.id, state as StoredConsentState, nowNs())
  }

  protected row(): StoredGroup {
    // The row alone: decoding the MLS state here would make every accessor as slow as a full load.
    const row = this.ctx.db.groups.find(this.idBytes)
    if (!row) throw new GroupError("NotFound", `No conversation with id ${this.id} is stored.`)
    return row
  }

  protected mlsState(): ClientState {
    return loadGroup(this.ctx.db, this.idBytes).state
  }

  protected xmtpContext(): XmtpGroupContext {
    return readXmtpGroupContext(this.mlsState().groupContext.extensions)
  }
}
