// The open conversation's header: its avatar, title and subtitle, the disappearing-messages
// indicator while they are on, and the entry to its details (a group's settings pane, a DM's
// details dialog).
import { useState } from "react"
import type { ConversationSummary } from "../../../../shared/dto/conversation"
import { Avatar } from "../../components/Avatar"
import { Icon } from "../../components/Icon"
import { disappearingSentence } from "../../lib/disappearing"
import { useParley } from "../../store/store"
import { DmDetailsDialog } from "../conversationDetails/DmDetailsDialog"

export function ConversationHeader({ conversation, title }: { conversation: ConversationSummary; title: string }) {
  const addresses = useParley((state) => state.addresses)
  const detailsOpen = useParley((state) => state.detailsOpen)
  const [dmDetailsOpen, setDmDetailsOpen] = useState(false)
  const subtitle =
    conversation.kind === "group"
      ? [`${conversation.memberCount} ${conversation.memberCount === 1 ? "member" : "members"}`, conversation.description].filter(Boolean).join(" · ")
      : (addresses[conversation.peerInboxId] ?? `Inbox ${conversation.peerInboxId}`)
  return (
    <header className="conversation__header">
      <Avatar id={conversation.id} label={title} size={40} />
      <div className="conversation__heading">
        <h1 className="conversation__title">{title}</h1>
        <p className={`conversation__subtitle${conversation.kind === "dm" ? " mono" : ""}`}>{subtitle}</p>
        {conversation.disappearing && (
          <p className="conversation__disappearing">
            <Icon name="timer" size={13} />
            <span>{disappearingSentence(conversation.disappearing)}</span>
          </p>
        )}
      </div>
      {conversation.kind === "group" ? (
        <button
          type="button"
          className={`icon-button${detailsOpen ? " icon-button--active" : ""}`}
          aria-label="Group settings"
          aria-expanded={detailsOpen}
          title="Group settings"
          onClick={() => useParley.setState({ detailsOpen: !detailsOpen })}
        >
          <Icon name="info" />
        </button>
      ) : (
        <button type="button" className="icon-button" aria-label="Chat details" aria-haspopup="dialog" title="Chat details" onClick={() => setDmDetailsOpen(true)}>
          <Icon name="info" />
        </button>
      )}
      {conversation.kind === "dm" && dmDetailsOpen && <DmDetailsDialog dm={conversation} onClose={() => setDmDetailsOpen(false)} />}
    </header>
  )
}
