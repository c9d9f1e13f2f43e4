// The invite requests the UI makes, and the refresh they share: a section reloads its links and
// requests when main says they changed (a request arrived, was decided, or a link was revoked).
import type { ConversationId } from "../../../../shared/dto/identifiers"
import type { InviteDto, InviteOptions, JoinRequestDto } from "../../../../shared/dto/invites"
import { onEvent, request } from "../../bridge/api"
import { notify } from "../../store/store"
import { selectConversation } from "../../store/actions"

export interface InviteState {
  invites: InviteDto[]
  requests: JoinRequestDto[]
}

export async function loadInviteState(conversationId: ConversationId): Promise<InviteState> {
  const [invites, requests] = await Promise.all([request("invites:list", conversationId), request("invites:requests", conversationId)])
  return { invites, requests }
}

export function createInvite(conversationId: ConversationId, options: InviteOptions): Promise<InviteDto> {
  return request("invites:create", conversationId, options)
}

export async function revokeInvite(inviteId: string): Promise<void> {
  await request("invites:revoke", inviteId)
}

export async function decideJoinRequest(requestId: string, decision: "approve" | "decline"): Promise<void> {
  await request("invites:decide", requestId, decision)
}

/** Calls `reload` whenever main reports a change to invites; returns the unsubscribe function. */
export function onInvitesChanged(reload: () => void): () => void {
  return onEvent("invites:changed", () => reload())
}

/** Opens a link: the group when already in it, otherwise the DM the request went to, with a notice. */
export async function openInvite(token: string, note: string | null): Promise<void> {
  const result = await request("invites:open", token, note)
  if (result.status === "member") {
    await selectConversation(result.conversationId)
    notify("info", "You are already in this group.")
    return
  }
  await selectConversation(result.dmConversationId)
  notify("info", "Request sent. The group appears here as soon as the person who shared the link adds you.")
}

