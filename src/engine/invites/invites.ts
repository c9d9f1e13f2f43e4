// Invite links to a group (Parley's own flow on top of XMTP): a member who may add people creates a
// link; whoever opens it sends a join request in a DM to that member; the member's client checks
// the invite (known, not revoked or expired, the group still active and the member still allowed to
// add) and adds the requester at once, or keeps the request for approval when the invite asks for
// it, and answers in the DM. Every step is a normal XMTP message or commit, validated by everyone
// as usual: a link grants nothing the inviter's own add would not.
//
// The inviter's installation that created the invite is the one that honours it; the inbox's other
// installations see the requests and leave them alone.
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js"
import type { Conversations } from "../conversations"
import { decodeEncodedContent } from "../content/proto/encodedContentMessage"
import { sameContentType } from "../content/contentTypeId"
import type { GroupContext } from "../groups/context"
import type { Group } from "../groups/group"
import { ConsentState, ConversationType } from "../groups/publicTypes"
import type { StoredInvite, StoredJoinRequest, StoredOutgoingJoinRequest } from "../storage/invites"
import { StoredContentType, type StoredMessage } from "../storage/messages"
import { StoredConversationType } from "../storage/groups"
import { nowNs } from "../storage/rows"
import { InviteError } from "./inviteErrors"
import { inviteRefusal } from "./invitePolicy"
import { decodeInviteToken, encodeInviteToken, newInviteId } from "./inviteToken"
import {
  JOIN_REQUEST_CONTENT_TYPE,
  JOIN_RESPONSE_CONTENT_TYPE,
  MAX_JOIN_NOTE_LENGTH,
  joinRequestCodec,
  joinResponseCodec,
  type JoinOutcome,
} from "./joinContent"

export interface CreateInviteOptions {
  /** When the link stops working; none: until revoked. */
  expiresAtNs?: bigint
  /** Requests wait for this member's approval instead of being added at once. */
  requireApproval?: boolean
}

export interface Invite {
  inviteId: string
  /** The token of the `parley://invite/<token>` link. */
  token: string
  conversationId: string
  createdAtNs: bigint
  expiresAtNs?: bigint
  requireApproval: boolean
}

export interface JoinRequest {
  /** Hex id of the request message. */
  requestId: string
  /** The DM it came in. */
  dmConversationId: string
  requesterInboxId: string
  /** The group the token names, when it could be read. */
  conversationId?: string
  note?: string
  state: StoredJoinRequest["state"]
  reason?: string
  receivedAtNs: bigint
}

export type JoinResult =
  | { status: "member"; conversationId: string }
  | { status: "requested"; requestId: string; dmConversationId: string }

export interface OutgoingJoinRequest {
  requestId: string
  conversationId: string
  inviterInboxId: string
  dmConversationId: string
  sentAtNs: bigint
  outcome?: JoinOutcome
  reason?: string
}

export type InviteChangeListener = () => void

export class Invites {
  private readonly listeners = new Set<InviteChangeListener>()
  private processing: Promise<void> = Promise.resolve()
  private closed = false

  constructor(
    private readonly ctx: GroupContext,
    private readonly conversations: Conversations,
    private readonly logError: (message: string, error: unknown) => void = () => {},
  ) {}

  /** Called when anything here changes (a request arrives or is decided, an answer comes back). Returns the unsubscribe function. */
  onChange(listener: InviteChangeListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async create(conversationId: string, options: CreateInviteOptions = {}): Promise<Invite> {
    if (options.expiresAtNs !== undefined && options.expiresAtNs <= nowNs()) {
      throw new InviteError("InvalidOptions", "An invite link cannot expire in the past.")
    }
    const group = await this.group(conversationId)
    const refusal = this.refusalFor(group)
    if (refusal) throw new InviteError(group.isActive ? "NotPermitted" : "GroupInactive", refusal)
    const stored: StoredInvite = {
      inviteId: newInviteId(),
      groupId: group.id,
      createdAtNs: nowNs(),
      requireApproval: options.requireApproval ?? false,
      ...(options.expiresAtNs === undefined ? {} : { expiresAtNs: options.expiresAtNs }),
    }
    this.ctx.db.invites.insertInvite(stored)
    return this.inviteOf(stored)
  }

  /** The group's links that were not revoked, newest first. */
  list(conversationId: string): Invite[] {
    return this.ctx.db.invites.listInvites(conversationId.toLowerCase()).map((stored) => this.inviteOf(stored))
  }

  revoke(inviteId: string): void {
    if (!this.ctx.db.invites.revokeInvite(inviteId.toLowerCase(), nowNs())) {
      throw new InviteError("UnknownInvite", "That invite link does not exist here or was already revoked.")
    }
    this.changed()
  }

  /**
   * Opens a link: nothing to do when this inbox is already in the group; otherwise a join request
   * goes to the inviter in the DM with them (found or created).
   */
  async requestToJoin(token: string, note?: string): Promise<JoinResult> {
    const parsed = decodeInviteToken(token)
    if (note !== undefined && note.length > MAX_JOIN_NOTE_LENGTH) {
      throw new InviteError("InvalidOptions", `A note to the inviter is at most ${MAX_JOIN_NOTE_LENGTH} characters.`)
    }
    if (parsed.inviterInboxId === this.ctx.inboxId) throw new InviteError("OwnInvite", "This is your own invite link: share it with the people you want to invite.")
    const existing = await this.conversations.getConversationById(parsed.groupId)
    if (existing?.isActive) return { status: "member", conversationId: existing.id }
    const dm = await this.conversations.createDm(parsed.inviterInboxId)
    const requestId = await dm.send(joinRequestCodec.encode({ token, ...(note ? { note } : {}) }), { shouldPush: true })
    this.ctx.db.invites.insertOutgoing({ requestId: hexToBytes(requestId), groupId: parsed.groupId, inviterInboxId: parsed.inviterInboxId, dmId: hexToBytes(dm.id), sentAtNs: nowNs() })
    this.changed()
    return { status: "requested", requestId, dmConversationId: dm.id }
  }

  /** Requests for this installation's invites: those awaiting approval, and all of a group's when asked. */
  joinRequests(conversationId?: string): JoinRequest[] {
    const states = conversationId === undefined ? (["pending"] as const) : (["pending", "approved", "added", "declined", "invalid"] as const)
    return this.ctx.db.invites
      .joinRequestsIn(states)
      .filter((request) => conversationId === undefined || request.groupId === conversationId.toLowerCase())
      .map(joinRequestOf)
  }

  outgoingRequests(): OutgoingJoinRequest[] {
    return this.ctx.db.invites.listOutgoing().map(outgoingOf)
  }

  /** Adds the requester of a pending request (as this member's own add, under the group's policy). */
  async approve(requestId: string): Promise<void> {
    const request = this.pendingRequest(requestId)
    this.ctx.db.invites.setJoinRequestState(request.requestId, ["pending"], "approved", { atNs: nowNs() })
    this.changed()
    await this.enqueue()
  }

  async decline(requestId: string): Promise<void> {
    const request = this.pendingRequest(requestId)
    if (this.ctx.db.invites.setJoinRequestState(request.requestId, ["pending"], "declined", { atNs: nowNs() })) {
      this.changed()
      await this.answer(request, "declined")
    }
  }

  /**
   * The engine's hook for every stored message: join requests and answers in DMs are recorded in
   * the same transaction as the message; the work they call for runs after it.
   */
  messageStored(message: StoredMessage): void {
    // Every stored message passes here: the row's own content-type fields rule out all but Parley's
    // custom types before anything is decoded or looked up.
    if (message.senderInboxId === this.ctx.inboxId) return
    if (message.contentType !== StoredContentType.Unknown || message.authorityId !== JOIN_REQUEST_CONTENT_TYPE.authorityId) return
    let encoded
    try {
      encoded = decodeEncodedContent(message.decryptedMessageBytes)
    } catch {
      return
    }
    const type = encoded.type
    if (!type || !this.isDm(message.groupId)) return
    try {
      if (sameContentType(type, JOIN_REQUEST_CONTENT_TYPE)) {
        const request = joinRequestCodec.decode(encoded)
        const inserted = this.ctx.db.invites.insertJoinRequest({
          requestId: message.id,
          dmId: message.groupId,
          requesterInboxId: message.senderInboxId,
          token: request.token,
          ...(request.note ? { note: request.note } : {}),
          receivedAtNs: message.sentAtNs,
        })
        if (inserted) setImmediate(() => void this.enqueue())
      } else if (sameContentType(type, JOIN_RESPONSE_CONTENT_TYPE)) {
        const response = joinResponseCodec.decode(encoded)
        if (this.ctx.db.invites.answerOutgoing(hexToBytes(response.requestId), message.senderInboxId, response.outcome, response.reason, message.sentAtNs)) {
          const joined = response.outcome === "added"
          setImmediate(() => void this.allowJoinedGroups(joined).finally(() => this.changed()))
        }
      }
    } catch {
      // A malformed request or answer stays a message shown by its fallback; nothing else happens.
    }
  }

  /** Works through requests not yet decided (also those left by a restart). Resolves when done. */
  async resume(): Promise<void> {
    await this.allowJoinedGroups()
    await this.enqueue()
  }

  /**
   * A group this inbox asked to join is one it wants: once the inviter says it was added and the
   * welcome is in, its consent becomes Allowed (unless the user decided otherwise already), so it
   * opens among the chats rather than as a message request.
   */
  async allowJoinedGroups(fetchWelcomes = false): Promise<void> {
    const joined = this.ctx.db.invites.listOutgoing().filter((request) => request.outcome === "added")
    // The inviter answers after its commit and welcome went out, so a missing group's welcome is
    // on the node already, whichever stream delivers first.
    if (fetchWelcomes && joined.some((request) => this.ctx.db.groups.find(hexToBytes(request.groupId)) === undefined)) {
      await this.conversations.syncWelcomes().catch((error: unknown) => this.logError("Welcomes could not be fetched after a join", error))
    }
    for (const request of joined) {
      const group = await this.conversations.getConversationById(request.groupId)
      if (group?.consentState() === ConsentState.Unknown) group.updateConsentState(ConsentState.Allowed)
    }
  }

  /** Stops taking new work and waits for the request being processed. */
  async close(): Promise<void> {
    this.closed = true
    this.listeners.clear()
    await this.processing
  }

  private enqueue(): Promise<void> {
    if (this.closed) return this.processing
    this.processing = this.processing.then(() => this.processAll()).catch((error: unknown) => this.logError("Join requests could not be processed", error))
    return this.processing
  }

  private async processAll(): Promise<void> {
    for (const request of this.ctx.db.invites.joinRequestsIn(["received", "approved"])) {
      if (this.closed || !this.ctx.db.isOpen) return
      await this.process(request)
    }
  }

  private async process(request: StoredJoinRequest): Promise<void> {
    let decision: { state: "pending" | "added" | "invalid" | "ignored"; groupId?: string; reason?: string }
    try {
      decision = await this.decide(request)
    } catch (error) {
      decision = { state: "invalid", reason: error instanceof InviteError ? error.message : "The group could not add you; ask for a new link." }
      if (!(error instanceof InviteError)) this.logError("A join request could not be carried out", error)
    }
    const moved = this.ctx.db.invites.setJoinRequestState(request.requestId, [request.state], decision.state, { ...decision, atNs: nowNs() })
    if (!moved) return
    this.changed()
    if (decision.state === "added" || decision.state === "invalid") await this.answer(request, decision.state, decision.reason)
  }

  private async decide(request: StoredJoinRequest): Promise<{ state: "pending" | "added" | "invalid" | "ignored"; groupId?: string; reason?: string }> {
    const token = decodeInviteToken(request.token)
    if (token.inviterInboxId !== this.ctx.inboxId) throw new InviteError("UnknownInvite", "That invite link belongs to someone else.")
    const invite = this.ctx.db.invites.findInvite(token.inviteId)
    // Another installation of this inbox made it (or nobody did): that one answers.
    if (!invite) return { state: "ignored", groupId: token.groupId }
    if (invite.groupId !== token.groupId) throw new InviteError("UnknownInvite", "That invite link does not match any group.")
    if (invite.revokedAtNs !== undefined) throw new InviteError("Revoked", "That invite link was revoked.")
    if (invite.expiresAtNs !== undefined && invite.expiresAtNs <= request.receivedAtNs) throw new InviteError("Expired", "That invite link has expired.")
    const group = await this.group(invite.groupId)
    const refusal = this.refusalFor(group)
    if (refusal) throw new InviteError(group.isActive ? "NotPermitted" : "GroupInactive", "The person who invited you can no longer add members to that group.")
    if (invite.requireApproval && request.state === "received") return { state: "pending", groupId: invite.groupId }
    const members = await group.members()
    if (!members.some((member) => member.inboxId === request.requesterInboxId)) await group.addMembers([request.requesterInboxId])
    return { state: "added", groupId: invite.groupId }
  }

  private async answer(request: StoredJoinRequest, outcome: JoinOutcome, reason?: string): Promise<void> {
    try {
      const dm = await this.conversations.getConversationById(bytesToHex(request.dmId))
      await dm?.send(joinResponseCodec.encode({ requestId: bytesToHex(request.requestId), outcome, ...(reason ? { reason } : {}) }), { shouldPush: true })
    } catch (error) {
      // The decision stands; the requester sees the welcome (or nothing) without the note.
      this.logError("The answer to a join request could not be sent", error)
    }
  }

  private pendingRequest(requestId: string): StoredJoinRequest {
    let id: Uint8Array
    try {
      id = hexToBytes(requestId)
    } catch {
      throw new InviteError("RequestNotFound", "There is no such join request.")
    }
    const request = this.ctx.db.invites.findJoinRequest(id)
    if (!request || request.state !== "pending") throw new InviteError("RequestNotFound", "That join request is not waiting for a decision (any more).")
    return request
  }

  private async group(conversationId: string): Promise<Group> {
    const conversation = await this.conversations.getConversationById(conversationId)
    if (!conversation || (await conversation.metadata()).conversationType !== ConversationType.Group) {
      throw new InviteError("NotAGroup", "Invite links are for groups this account is in; this is not one.")
    }
    return conversation as Group
  }

  private refusalFor(group: Group): string | undefined {
    return inviteRefusal(group.permissions(), { isActive: group.isActive, isAdmin: group.isAdmin(this.ctx.inboxId), isSuperAdmin: group.isSuperAdmin(this.ctx.inboxId) })
  }

  private isDm(groupId: Uint8Array): boolean {
    return this.ctx.db.groups.find(groupId)?.conversationType === StoredConversationType.Dm
  }

  private inviteOf(stored: StoredInvite): Invite {
    return {
      inviteId: stored.inviteId,
      token: encodeInviteToken({ groupId: stored.groupId, inviterInboxId: this.ctx.inboxId, inviteId: stored.inviteId }),
      conversationId: stored.groupId,
      createdAtNs: stored.createdAtNs,
      requireApproval: stored.requireApproval,
      ...(stored.expiresAtNs === undefined ? {} : { expiresAtNs: stored.expiresAtNs }),
    }
  }

  private changed(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener()
      } catch (error) {
        this.logError("An invite listener failed", error)
      }
    }
  }
}

function joinRequestOf(stored: StoredJoinRequest): JoinRequest {
  return {
    requestId: bytesToHex(stored.requestId),
    dmConversationId: bytesToHex(stored.dmId),
    requesterInboxId: stored.requesterInboxId,
    state: stored.state,
    receivedAtNs: stored.receivedAtNs,
    ...(stored.groupId ? { conversationId: stored.groupId } : {}),
    ...(stored.note ? { note: stored.note } : {}),
    ...(stored.reason ? { reason: stored.reason } : {}),
  }
}

function outgoingOf(stored: StoredOutgoingJoinRequest): OutgoingJoinRequest {
  return {
    requestId: bytesToHex(stored.requestId),
    conversationId: stored.groupId,
    inviterInboxId: stored.inviterInboxId,
    dmConversationId: bytesToHex(stored.dmId),
    sentAtNs: stored.sentAtNs,
    ...(stored.outcome ? { outcome: stored.outcome as JoinOutcome } : {}),
    ...(stored.reason ? { reason: stored.reason } : {}),
  }
}
