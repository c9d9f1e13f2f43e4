// The renderer's state: plain, serialisable data pushed from main, in maps keyed by conversation id
// (as xmtp.chat keeps it), plus what the user is doing (selection, drafts, open panels). Only
// setters live here; store/actions.ts talks to main.
import { create } from "zustand"
import type { Account, AppInfo } from "../../../shared/contract"
import type { ConversationSummary } from "../../../shared/dto/conversation"
import type { ConversationId, InboxId, MessageId, Nanos } from "../../../shared/dto/identifiers"
import type { Member } from "../../../shared/dto/member"
import type { Message } from "../../../shared/dto/message"
import type { GroupPermissions } from "../../../shared/dto/permissions"
import type { AppSettings } from "../../../shared/dto/settings"

/** A value loaded from main: still loading, loaded, or failed with a message for the user. */
export type Loadable<T> = { status: "loading" } | { status: "ready"; value: T } | { status: "failed"; message: string; code: string }

export type ListTab = "chats" | "requests"
export type DialogName = "newDm" | "newGroup" | "settings" | "joinInvite"

export interface Notice {
  id: number
  tone: "error" | "info"
  text: string
}

export interface ParleyState {
  appInfo: AppInfo | null
  /** null until main has answered account:get. */
  account: Account | null
  startupError: string | null
  settings: AppSettings | null

  conversations: Record<ConversationId, ConversationSummary>
  conversationsLoad: Loadable<true>
  messages: Record<ConversationId, Record<MessageId, Message>>
  messagesLoad: Record<ConversationId, Loadable<true>>
  members: Record<ConversationId, Member[]>
  permissions: Record<ConversationId, Loadable<GroupPermissions>>
  /** What is known of each inbox's account address, from member lists. */
  addresses: Record<InboxId, string>
  drafts: Record<ConversationId, string>
  /** Per conversation, when each other member last sent a read receipt there. */
  readTimes: Record<ConversationId, Record<InboxId, Nanos>>
  /** The message the composer is replying to, per conversation. */
  replyTo: Record<ConversationId, MessageId>

  selectedId: ConversationId | null
  tab: ListTab
  search: string
  dialog: DialogName | null
  /** The token of the invite link the joinInvite dialog is about. */
  inviteToken: string | null
  detailsOpen: boolean
  notices: Notice[]
}

export const initialState: ParleyState = {
  appInfo: null,
  account: null,
  startupError: null,
  settings: null,
  conversations: {},
  conversationsLoad: { status: "loading" },
  messages: {},
  messagesLoad: {},
  members: {},
  permissions: {},
  addresses: {},
  drafts: {},
  readTimes: {},
  replyTo: {},
  selectedId: null,
  tab: "chats",
  search: "",
  dialog: null,
  inviteToken: null,
  detailsOpen: false,
  notices: [],
}

export const useParley = create<ParleyState>()(() => initialState)

const set = useParley.setState
const get = useParley.getState

export function upsertConversations(summaries: readonly ConversationSummary[]): void {
  if (summaries.length === 0) return
  set((state) => {
    const conversations = { ...state.conversations }
    for (const summary of summaries) conversations[summary.id] = summary
    return { conversations }
  })
}

export function removeConversation(id: ConversationId): void {
  set((state) => {
    const conversations = { ...state.conversations }
    delete conversations[id]
    return { conversations, selectedId: state.selectedId === id ? null : state.selectedId, detailsOpen: state.selectedId === id ? false : state.detailsOpen }
  })
}

export function upsertMessages(conversationId: ConversationId, messages: readonly Message[]): void {
  if (messages.length === 0) return
  set((state) => {
    const byId = { ...state.messages[conversationId] }
    for (const message of messages) byId[message.id] = message
    return { messages: { ...state.messages, [conversationId]: byId } }
  })
}

/** A message that is gone (it expired): out of the conversation, and no longer the one being replied to. */
export function removeMessage(conversationId: ConversationId, messageId: MessageId): void {
  set((state) => {
    if (state.messages[conversationId]?.[messageId] === undefined && state.replyTo[conversationId] !== messageId) return {}
    const byId = { ...state.messages[conversationId] }
    delete byId[messageId]
    const replyTo = { ...state.replyTo }
    if (replyTo[conversationId] === messageId) delete replyTo[conversationId]
    return { messages: { ...state.messages, [conversationId]: byId }, replyTo }
  })
}

export function setMessagesLoad(conversationId: ConversationId, load: Loadable<true>): void {
  set((state) => ({ messagesLoad: { ...state.messagesLoad, [conversationId]: load } }))
}

export function setMembers(conversationId: ConversationId, members: Member[]): void {
  set((state) => {
    const addresses = { ...state.addresses }
    for (const member of members) {
      const ethereum = member.accountIdentifiers.find((identifier) => identifier.kind === "ethereum")
      if (ethereum) addresses[member.inboxId] = ethereum.identifier
    }
    return { members: { ...state.members, [conversationId]: members }, addresses }
  })
}

export function setPermissions(conversationId: ConversationId, load: Loadable<GroupPermissions>): void {
  set((state) => ({ permissions: { ...state.permissions, [conversationId]: load } }))
}

export function setDraft(conversationId: ConversationId, text: string): void {
  set((state) => ({ drafts: { ...state.drafts, [conversationId]: text } }))
}

/** Keeps the later of the known and the given read times per inbox (receipts may arrive out of order). */
export function mergeReadTimes(conversationId: ConversationId, times: Record<InboxId, Nanos>): void {
  set((state) => {
    const known = state.readTimes[conversationId] ?? {}
    const merged = { ...known }
    for (const [inboxId, ns] of Object.entries(times)) if (known[inboxId] === undefined || BigInt(ns) > BigInt(known[inboxId])) merged[inboxId] = ns
    return { readTimes: { ...state.readTimes, [conversationId]: merged } }
  })
}

export function setReplyTo(conversationId: ConversationId, messageId: MessageId | null): void {
  set((state) => {
    const replyTo = { ...state.replyTo }
    if (messageId) replyTo[conversationId] = messageId
    else delete replyTo[conversationId]
    return { replyTo }
  })
}

let nextNoticeId = 1

export function notify(tone: Notice["tone"], text: string): void {
  const notice = { id: nextNoticeId++, tone, text }
  set((state) => ({ notices: [...state.notices.slice(-3), notice] }))
}

export function dismissNotice(id: number): void {
  set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }))
}

function selectOwnInboxId(state: ParleyState): InboxId | null {
  return state.account?.state === "ready" ? state.account.inboxId : null
}

export function ownInboxId(): InboxId | null {
  return selectOwnInboxId(get())
}

/** The user's inbox id once the account is ready, for components. */
export function useOwnInboxId(): InboxId | null {
  return useParley(selectOwnInboxId)
}
