// A conversation as the API hands it out (the shape of @xmtp/node-sdk's Conversation): a handle on
// a stored group, whose state is read from the database on each call.
import { bytesToHex } from "@noble/hashes/utils.js"
import type { ClientState } from "ts-mls"
import { textCodec, type EncodedContent } from "../content/index"
import { ConsentEntityType, type StoredConsentState } from "../storage/consent"
import { CursorKind } from "../storage/cursors"
import { StoredConversationType, StoredMembershipState, type StoredGroup } from "../storage/groups"
import { IntentState } from "../storage/intents"
import { nowNs } from "../storage/rows"
import type { GroupContext } from "./context"
import { toDecodedMessage, toStoredDeliveryStatus, toStoredKind } from "./decodedMessage"
import { readXmtpGroupContext, type XmtpGroupContext } from "./extensions/index"
import { loadGroup } from "./groupState"
import { syncGroup, syncUntilIntentResolved } from "./groupSync"
import { listMembers } from "./members"
import {
  ConversationType,
  GroupMembershipState,
  SortDirection,
  type ConsentState,
  type DecodedMessage,
  type GroupMember,
  type ListMessagesOptions,
  type SendMessageOptions,
} from "./publicTypes"
import { sendMessage } from "./sendMessage"

const MEMBERSHIP_STATES: Record<StoredMembershipState, GroupMembershipState> = {
  [StoredMembershipState.Allowed]: GroupMembershipState.Allowed,
  [StoredMembershipState.Rejected]: GroupMembershipState.Rejected,
  [StoredMembershipState.Pending]: GroupMembershipState.Pending,
  [StoredMembershipState.Restored]: GroupMembershipState.Restored,
  [StoredMembershipState.PendingRemove]: GroupMembershipState.PendingRemove,
}

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

  /** Publishes queued messages and changes, then processes what the group received. Throws GroupError. */
  async sync(): Promise<void> {
    await syncGroup(this.ctx, this.idBytes)
  }

  /** Sends content; returns the message id (hex). */
  async send(encoded: EncodedContent, options: SendMessageOptions = {}): Promise<string> {
    return sendMessage(this.ctx, this.idBytes, encoded, { shouldPush: options.shouldPush ?? false, optimistic: options.isOptimistic ?? false })
  }

  async sendText(text: string, isOptimistic = false): Promise<string> {
    return sendMessage(this.ctx, this.idBytes, textCodec.encode(text), { shouldPush: textCodec.shouldPush(text), optimistic: isOptimistic })
  }

  /** Publishes messages sent optimistically. */
  async publishMessages(): Promise<void> {
    const queued = this.ctx.db.intents.listByState(this.idBytes, [IntentState.ToPublish, IntentState.Published]).at(-1)
    if (queued) await syncUntilIntentResolved(this.ctx, this.idBytes, queued.id)
  }

  /** By sent time, oldest first unless `direction` says otherwise; a DM includes its duplicates. */
  async messages(options: ListMessagesOptions = {}): Promise<DecodedMessage[]> {
    const rows = this.ctx.db.messages.list(this.stitchedIds(), {
      ...(options.sentAfterNs === undefined ? {} : { sentAfterNs: options.sentAfterNs }),
      ...(options.sentBeforeNs === undefined ? {} : { sentBeforeNs: options.sentBeforeNs }),
      ...(options.kind === undefined ? {} : { kind: toStoredKind(options.kind) }),
      ...(options.deliveryStatus === undefined ? {} : { deliveryStatus: toStoredDeliveryStatus(options.deliveryStatus) }),
      ...(options.limit === undefined ? {} : { limit: options.limit }),
      direction: options.direction === SortDirection.Descending ? "descending" : "ascending",
    })
    return rows.map(toDecodedMessage)
  }

  async lastMessage(): Promise<DecodedMessage | undefined> {
    return (await this.messages({ limit: 1, direction: SortDirection.Descending }))[0]
  }

  async members(): Promise<GroupMember[]> {
    return listMembers(this.ctx, this.mlsState())
  }

  /** The group's MLS epoch and how far its envelopes have been processed (a subset of the SDK's debug info). */
  async debugInfo(): Promise<{ epoch: bigint; cursor: bigint }> {
    return { epoch: this.row().epoch, cursor: this.ctx.db.cursors.get(this.idBytes, CursorKind.Group) }
  }

  consentState(): ConsentState {
    return this.ctx.db.consent.get(ConsentEntityType.ConversationId, this.id) as ConsentState
  }

  updateConsentState(state: ConsentState): void {
    this.ctx.db.consent.set(ConsentEntityType.ConversationId, this.id, state as StoredConsentState, nowNs())
  }

  protected row(): StoredGroup {
    return loadGroup(this.ctx.db, this.idBytes).row
  }

  protected mlsState(): ClientState {
    return loadGroup(this.ctx.db, this.idBytes).state
  }

  protected xmtpContext(): XmtpGroupContext {
    return readXmtpGroupContext(this.mlsState().groupContext.extensions)
  }

  private stitchedIds(): Uint8Array[] {
    const dmId = this.row().dmId
    return dmId ? this.ctx.db.groups.findDms(dmId).map((g) => g.id) : [this.idBytes]
  }
}
