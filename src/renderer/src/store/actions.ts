// What the UI asks of main, and how the answers land in the store. Components call these; failures
// are thrown as RemoteIpcError for the caller to show where the user acted (a dialog, a form), or
// posted as a notice when nothing on screen is waiting for them.
import type { ConsentState } from "../../../shared/dto/consent"
import type { CreateGroupRequest, DmTarget, GroupMetadataPatch } from "../../../shared/dto/conversation"
import type { DisappearingChoice } from "../../../shared/dto/disappearing"
import type { ConversationId, InboxId, MessageId } from "../../../shared/dto/identifiers"
import type { MemberRole } from "../../../shared/dto/member"
import type { PermissionUpdate } from "../../../shared/dto/permissions"
import type { AppSettingsPatch } from "../../../shared/dto/settings"
import { onEvent, request } from "../bridge/api"
import { outgoingFileProblem, outgoingMimeType } from "../features/attachments/attachmentFiles"
import { errorInfo, errorMessage } from "../lib/errors"
import { loadDrafts, saveDraftsOnLeave } from "./drafts"
import { isReadReceipt, loadReadTimes, noteReadReceipt } from "./readReceipts"
import {
  notify,
  removeConversation,
  removeMessage,
  setMembers,
  setMessagesLoad,
  setPermissions,
  upsertConversations,
  upsertMessages,
  useParley,
} from "./store"

const MESSAGE_PAGE = 200
const set = useParley.setState
const get = useParley.getState

/** Subscribes to main's events and loads what the first screen needs. Returns the unsubscribe function. */
export function startSession(): () => void {
  const unsubscribers = [
    onEvent("conversations:upserted", (summary) => {
      const isNew = get().conversations[summary.id] === undefined
      upsertConversations([summary])
      if (isNew && summary.kind === "dm") void loadDmPeers([summary.id])
      if (summary.lastMessage) upsertMessages(summary.id, [summary.lastMessage])
      if (summary.id === get().selectedId && summary.unreadCount > 0 && document.hasFocus()) void markRead(summary.id)
    }),
    onEvent("messages:upserted", (message) => (isReadReceipt(message) ? noteReadReceipt(message) : upsertMessages(message.conversationId, [message]))),
    onEvent("messages:removed", ({ conversationId, messageId }) => removeMessage(conversationId, messageId)),
    onEvent("members:changed", ({ conversationId, members }) => setMembers(conversationId, members)),
    onEvent("settings:changed", (settings) => set({ settings })),
    // Joining through an invite link moves the new group out of the requests (its consent changes).
    onEvent("invites:changed", () => void refreshConversations()),
  ]
  unsubscribers.push(saveDraftsOnLeave())
  void loadStartup()
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe())
}

async function loadStartup(): Promise<void> {
  try {
    const [appInfo, account, settings] = await Promise.all([request("app:getInfo"), request("account:get"), request("settings:get")])
    set({ appInfo, account, settings })
    if (account.state === "ready") await Promise.all([loadConversations(), loadDrafts()])
  } catch (error) {
    set({ startupError: errorMessage(error) })
  }
}

export async function createAccount(): Promise<void> {
  const account = await request("account:create")
  set({ account })
  await loadConversations()
}

export async function importAccount(keyText: string): Promise<void> {
  const account = await request("account:import", keyText)
  set({ account })
  await loadConversations()
}

/** Reads the list again without a loading state (after changes main reports only as a whole). */
async function refreshConversations(): Promise<void> {
  try {
    upsertConversations(await request("conversations:list", {}))
  } catch (error) {
    notify("error", errorMessage(error))
  }
}

export async function loadConversations(): Promise<void> {
  set({ conversationsLoad: { status: "loading" } })
  try {
    const summaries = await request("conversations:list", {})
    upsertConversations(summaries)
    for (const summary of summaries) if (summary.lastMessage) upsertMessages(summary.id, [summary.lastMessage])
    set({ conversationsLoad: { status: "ready", value: true } })
    void loadDmPeers(summaries.filter((summary) => summary.kind === "dm").map((summary) => summary.id))
  } catch (error) {
    const info = errorInfo(error)
    set({ conversationsLoad: { status: "failed", ...info } })
  }
}

/** DMs are named after the peer's address, which the member list carries. */
async function loadDmPeers(ids: ConversationId[]): Promise<void> {
  for (const id of ids) {
    if (get().members[id]) continue
    await loadMembers(id).catch(() => undefined)
  }
}

export async function selectConversation(id: ConversationId | null): Promise<void> {
  set({ selectedId: id })
  if (id === null) return
  const conversation = get().conversations[id]
  if (conversation?.consentState === "unknown") set({ tab: "requests" })
  else if (conversation) set({ tab: "chats" })
  const loads: Promise<unknown>[] = []
  if (get().messagesLoad[id]?.status !== "ready") loads.push(loadMessages(id))
  loads.push(loadMembers(id).catch((error: unknown) => notify("error", errorMessage(error))))
  loads.push(loadReadTimes(id))
  if (conversation && conversation.unreadCount > 0) loads.push(markRead(id))
  await Promise.all(loads)
}

export async function loadMessages(id: ConversationId): Promise<void> {
  setMessagesLoad(id, { status: "loading" })
  try {
    const messages = await request("messages:list", id, { limit: MESSAGE_PAGE })
    upsertMessages(id, messages)
    setMessagesLoad(id, { status: "ready", value: true })
  } catch (error) {
    setMessagesLoad(id, { status: "failed", ...errorInfo(error) })
  }
}

export async function loadMembers(id: ConversationId): Promise<void> {
  setMembers(id, await request("members:list", id))
}

async function markRead(id: ConversationId): Promise<void> {
  try {
    await request("conversations:markRead", id)
    const conversation = get().conversations[id]
    if (conversation) upsertConversations([{ ...conversation, unreadCount: 0 }])
  } catch (error) {
    // Unread counts are a convenience; a build without read markers keeps showing them.
    if (errorInfo(error).code !== "NotAvailable") notify("error", errorMessage(error))
  }
}

export async function sendText(id: ConversationId, text: string): Promise<void> {
  const message = await request("messages:sendText", id, text)
  upsertMessages(id, [message])
  const conversation = get().conversations[id]
  if (conversation) upsertConversations([{ ...conversation, lastMessage: message }])
}

export async function sendReply(id: ConversationId, messageId: MessageId, text: string): Promise<void> {
  const message = await request("messages:sendReply", id, messageId, text)
  upsertMessages(id, [message])
}

export async function react(id: ConversationId, messageId: MessageId, content: string, action: "added" | "removed"): Promise<void> {
  upsertMessages(id, [await request("messages:react", id, messageId, { content, action })])
}

export async function sendAttachment(id: ConversationId, file: File): Promise<void> {
  const problem = outgoingFileProblem(file)
  if (problem) throw new Error(problem)
  const data = new Uint8Array(await file.arrayBuffer())
  const message = await request("messages:sendAttachment", id, { filename: file.name, mimeType: outgoingMimeType(file), data })
  upsertMessages(id, [message])
  const conversation = get().conversations[id]
  if (conversation) upsertConversations([{ ...conversation, lastMessage: message }])
}

export async function deleteMessage(id: ConversationId, messageId: MessageId): Promise<void> {
  await request("messages:delete", id, messageId)
}

export async function startDm(target: DmTarget): Promise<void> {
  const summary = await request("conversations:createDm", target)
  upsertConversations([summary])
  // The dialog that asked closes as soon as the conversation exists; its history loads behind it.
  void selectConversation(summary.id).catch((error: unknown) => notify("error", errorMessage(error)))
}

export async function createGroup(group: CreateGroupRequest): Promise<void> {
  const summary = await request("conversations:createGroup", group)
  upsertConversations([summary])
  // The dialog that asked closes as soon as the conversation exists; its history loads behind it.
  void selectConversation(summary.id).catch((error: unknown) => notify("error", errorMessage(error)))
}

/** An inbox id as typed, or the inbox of an Ethereum address; throws a sentence the form shows. */
export async function resolveInbox(input: string): Promise<InboxId> {
  const value = input.trim()
  if (/^[0-9a-fA-F]{64}$/.test(value)) return value.toLowerCase()
  if (/^0x[0-9a-fA-F]{40}$/.test(value)) {
    const inboxId = await request("inboxes:lookup", value)
    if (!inboxId) throw new Error(`${value} has no XMTP inbox yet: they need to open an XMTP app once before they can be added.`)
    return inboxId
  }
  throw new Error("Enter an Ethereum address (0x followed by 40 hex digits) or an inbox id (64 hex digits).")
}

export async function setConsent(id: ConversationId, state: ConsentState): Promise<void> {
  const summary = await request("conversations:setConsent", id, state)
  upsertConversations([summary])
  set({ tab: state === "allowed" ? "chats" : get().tab, selectedId: state === "denied" ? null : get().selectedId })
  // Accepting the request on screen is reading it: now a read receipt may go out.
  if (state === "allowed" && get().selectedId === id) await markRead(id)
}

/** Turns disappearing messages off or on for everyone in a group or DM. */
export async function setDisappearing(id: ConversationId, choice: DisappearingChoice): Promise<void> {
  upsertConversations([await request("conversations:setDisappearing", id, choice)])
}

export async function updateGroupMetadata(id: ConversationId, patch: GroupMetadataPatch): Promise<void> {
  upsertConversations([await request("groups:updateMetadata", id, patch)])
}

export async function addMembers(id: ConversationId, inboxIds: InboxId[]): Promise<void> {
  setMembers(id, await request("members:add", id, inboxIds))
  await refreshConversation(id)
}

export async function removeMembers(id: ConversationId, inboxIds: InboxId[]): Promise<void> {
  setMembers(id, await request("members:remove", id, inboxIds))
  await refreshConversation(id)
}

export async function setMemberRole(id: ConversationId, inboxId: InboxId, role: MemberRole): Promise<void> {
  const updated = await request("members:setRole", id, inboxId, role)
  const members = get().members[id] ?? []
  setMembers(
    id,
    members.map((member) => (member.inboxId === updated.inboxId ? updated : member)),
  )
  await refreshConversation(id)
}

/** Loads (or, once loaded, quietly refreshes) a group's permission policies. */
export async function loadPermissions(id: ConversationId): Promise<void> {
  if (get().permissions[id]?.status !== "ready") setPermissions(id, { status: "loading" })
  try {
    setPermissions(id, { status: "ready", value: await request("groups:getPermissions", id) })
  } catch (error) {
    setPermissions(id, { status: "failed", ...errorInfo(error) })
  }
}

export async function updatePermission(id: ConversationId, update: PermissionUpdate): Promise<void> {
  setPermissions(id, { status: "ready", value: await request("groups:updatePermission", id, update) })
}

export async function leaveGroup(id: ConversationId): Promise<void> {
  await request("groups:leave", id)
  await refreshConversation(id).catch(() => removeConversation(id))
}

async function refreshConversation(id: ConversationId): Promise<void> {
  upsertConversations([await request("conversations:get", id)])
}

export async function updateSettings(patch: AppSettingsPatch): Promise<void> {
  set({ settings: await request("settings:update", patch) })
}

export async function setMuted(id: ConversationId, muted: boolean): Promise<void> {
  set({ settings: await request("settings:setConversationMuted", id, muted) })
}
