// Invite links behind the contract: the engine's Invites answered in DTOs, with its changes pushed
// as `invites:changed` so open settings panels and request lists refresh themselves.
import type { Client, Invite, JoinRequest } from "../../engine/index"
import type { InviteDto, InviteOpenResult, InviteOptions, JoinRequestDto } from "../../shared/dto/invites"
import type { IpcHandlerRegistry } from "../ipcHandlers"
import { DEEP_LINK_SCHEME } from "../deepLinks"
import type { EventHub } from "./eventHub"

const HOUR_NS = 3_600_000_000_000n

export class InviteService {
  readonly #stop: () => void

  constructor(
    private readonly client: Client,
    events: EventHub,
  ) {
    this.#stop = client.invites.onChange(() => events.emit("invites:changed", { conversationId: null }))
  }

  async create(conversationId: string, options: InviteOptions): Promise<InviteDto> {
    const expiresAtNs = options.expiresInHours === null ? undefined : BigInt(Date.now()) * 1_000_000n + BigInt(options.expiresInHours) * HOUR_NS
    return inviteDto(await this.client.invites.create(conversationId, { requireApproval: options.requireApproval, ...(expiresAtNs === undefined ? {} : { expiresAtNs }) }))
  }

  list(conversationId: string): InviteDto[] {
    return this.client.invites.list(conversationId).map(inviteDto)
  }

  revoke(inviteId: string): void {
    this.client.invites.revoke(inviteId)
  }

  async open(token: string, note: string | null): Promise<InviteOpenResult> {
    const result = await this.client.invites.requestToJoin(token, note ?? undefined)
    return result.status === "member" ? result : { status: "requested", dmConversationId: result.dmConversationId }
  }

  /** Waiting requests first (oldest first), then decided ones (newest first). */
  requests(conversationId: string): JoinRequestDto[] {
    const all = this.client.invites.joinRequests(conversationId).map((request) => joinRequestDto({ ...request, conversationId }))
    const pending = all.filter((request) => request.state === "pending")
    const decided = all.filter((request) => request.state !== "pending").reverse()
    return [...pending, ...decided]
  }

  async decide(requestId: string, decision: "approve" | "decline"): Promise<void> {
    if (decision === "approve") await this.client.invites.approve(requestId)
    else await this.client.invites.decline(requestId)
  }

  close(): void {
    this.#stop()
  }
}

export function inviteUrl(token: string): string {
  return `${DEEP_LINK_SCHEME}://invite/${token}`
}

function inviteDto(invite: Invite): InviteDto {
  return {
    inviteId: invite.inviteId,
    conversationId: invite.conversationId,
    url: inviteUrl(invite.token),
    createdAtNs: invite.createdAtNs.toString(),
    expiresAtNs: invite.expiresAtNs === undefined ? null : invite.expiresAtNs.toString(),
    requireApproval: invite.requireApproval,
  }
}

function joinRequestDto(request: JoinRequest & { conversationId: string }): JoinRequestDto {
  return {
    requestId: request.requestId,
    conversationId: request.conversationId,
    dmConversationId: request.dmConversationId,
    requesterInboxId: request.requesterInboxId,
    note: request.note ?? null,
    state: request.state as JoinRequestDto["state"],
    reason: request.reason ?? null,
    receivedAtNs: request.receivedAtNs.toString(),
  }
}

/** The invite requests; each getter throws AccountError NoAccount before onboarding. */
export function registerInviteHandlers(registry: IpcHandlerRegistry, invites: () => InviteService): void {
  registry
    .register("invites:create", (id, options) => invites().create(id, options))
    .register("invites:list", (id) => invites().list(id))
    .register("invites:revoke", (inviteId) => {
      invites().revoke(inviteId)
      return null
    })
    .register("invites:open", (token, note) => invites().open(token, note))
    .register("invites:requests", (id) => invites().requests(id))
    .register("invites:decide", async (requestId, decision) => {
      await invites().decide(requestId, decision)
      return null
    })
}
