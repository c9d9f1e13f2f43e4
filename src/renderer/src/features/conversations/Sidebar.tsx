// The left pane: who you are, search, the Chats and Requests tabs, and the conversation list.
import { useMemo } from "react"
import { Avatar } from "../../components/Avatar"
import { Icon } from "../../components/Icon"
import { conversationTitle, shortHex } from "../../lib/names"
import { useParley } from "../../store/store"
import { ConversationList } from "./ConversationList"
import { contentPreview } from "../../lib/messagePreview"
import "./Sidebar.css"

export function Sidebar() {
  const account = useParley((state) => state.account)
  const conversations = useParley((state) => state.conversations)
  const addresses = useParley((state) => state.addresses)
  const tab = useParley((state) => state.tab)
  const search = useParley((state) => state.search)
  const load = useParley((state) => state.conversationsLoad)

  const { chats, requests } = useMemo(() => {
    const query = search.trim().toLowerCase()
    const all = Object.values(conversations)
      .filter((conversation) => {
        if (!query) return true
        const title = conversationTitle(conversation, addresses).toLowerCase()
        const preview = conversation.lastMessage ? contentPreview(conversation.lastMessage.content, () => "").toLowerCase() : ""
        const peer = conversation.kind === "dm" ? `${conversation.peerInboxId} ${addresses[conversation.peerInboxId] ?? ""}` : ""
        return title.includes(query) || preview.includes(query) || peer.includes(query)
      })
      .sort((a, b) => compareNanos(b.lastMessage?.sentAtNs ?? b.createdAtNs, a.lastMessage?.sentAtNs ?? a.createdAtNs))
    return {
      chats: all.filter((conversation) => conversation.consentState === "allowed"),
      requests: all.filter((conversation) => conversation.consentState === "unknown"),
    }
  }, [conversations, addresses, search])

  const address = account?.state === "ready" ? account.address : ""
  const requestCount = requests.length
  return (
    <div className="sidebar">
      <header className="sidebar__header">
        <div className="sidebar__me">
          <Avatar id={address} label={address} size={36} />
          <div className="sidebar__me-text">
            <span className="sidebar__app">Parley</span>
            <span className="sidebar__address mono" title={address}>
              {shortHex(address, 8, 6)}
            </span>
          </div>
        </div>
        <div className="sidebar__tools">
          <button type="button" className="icon-button" aria-label="New message" title="New message" onClick={() => useParley.setState({ dialog: "newDm" })}>
            <Icon name="edit" />
          </button>
          <button type="button" className="icon-button" aria-label="New group" title="New group" onClick={() => useParley.setState({ dialog: "newGroup" })}>
            <Icon name="users" />
          </button>
          <button type="button" className="icon-button" aria-label="Settings" title="Settings" onClick={() => useParley.setState({ dialog: "settings" })}>
            <Icon name="settings" />
          </button>
        </div>
      </header>
      <div className="sidebar__search">
        <Icon name="search" size={16} />
        <input
          className="sidebar__search-input"
          type="search"
          placeholder="Search conversations"
          aria-label="Search conversations"
          value={search}
          onChange={(event) => useParley.setState({ search: event.target.value })}
        />
      </div>
      <div className="sidebar__tabs" role="tablist" aria-label="Conversation folders">
        <button type="button" role="tab" id="tab-chats" aria-selected={tab === "chats"} aria-controls="conversation-list" className="sidebar__tab" onClick={() => useParley.setState({ tab: "chats" })}>
          Chats
        </button>
        <button type="button" role="tab" id="tab-requests" aria-selected={tab === "requests"} aria-controls="conversation-list" className="sidebar__tab" onClick={() => useParley.setState({ tab: "requests" })}>
          Requests
          {requestCount > 0 && <span className="sidebar__tab-count">{requestCount}</span>}
        </button>
      </div>
      <div id="conversation-list" role="tabpanel" aria-labelledby={tab === "chats" ? "tab-chats" : "tab-requests"} className="sidebar__list">
        <ConversationList conversations={tab === "chats" ? chats : requests} tab={tab} load={load} searching={search.trim() !== ""} />
      </div>
    </div>
  )
}

function compareNanos(a: string, b: string): number {
  const x = BigInt(a)
  const y = BigInt(b)
  return x < y ? -1 : x > y ? 1 : 0
}
