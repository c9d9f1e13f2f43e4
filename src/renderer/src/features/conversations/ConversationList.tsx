import type { ConversationSummary } from "../../../../shared/dto/conversation"
import { EmptyState } from "../../components/EmptyState"
import { type ListTab, type Loadable, useParley } from "../../store/store"
import { loadConversations } from "../../store/actions"
import { ConversationListItem } from "./ConversationListItem"

export function ConversationList({ conversations, tab, load, searching }: { conversations: ConversationSummary[]; tab: ListTab; load: Loadable<true>; searching: boolean }) {
  const selectedId = useParley((state) => state.selectedId)
  if (load.status === "loading" && conversations.length === 0) {
    return (
      <div className="sidebar__status" role="status">
        <span className="spinner" /> Loading conversations…
      </div>
    )
  }
  if (load.status === "failed" && conversations.length === 0) {
    return (
      <EmptyState icon="alert" title="Conversations could not be loaded">
        <p role="alert">{load.message}</p>
        <div className="button-row">
          <button type="button" className="button" onClick={() => void loadConversations()}>
            Try again
          </button>
        </div>
      </EmptyState>
    )
  }
  if (conversations.length === 0) {
    if (searching) return <EmptyState icon="search" title="No matches">Nothing here matches your search.</EmptyState>
    return tab === "chats" ? (
      <EmptyState icon="message" title="No conversations yet">
        <p>Start a direct message or create a group. People who add you appear under Requests first.</p>
        <div className="button-row">
          <button type="button" className="button button--primary" onClick={() => useParley.setState({ dialog: "newDm" })}>
            New message
          </button>
        </div>
      </EmptyState>
    ) : (
      <EmptyState icon="inbox" title="No requests">
        When someone new messages you or adds you to a group, it waits here until you accept it.
      </EmptyState>
    )
  }
  return (
    <ul className="conversation-list">
      {conversations.map((conversation) => (
        <ConversationListItem key={conversation.id} conversation={conversation} selected={conversation.id === selectedId} />
      ))}
    </ul>
  )
}
