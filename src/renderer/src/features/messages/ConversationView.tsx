// The middle pane: the conversation's header, its messages, and the composer (or, for a request,
// the choice to accept or block it; for a group the user is no longer in, a disabled composer that
// says why). Files dropped on it are sent to it.
import type { ConversationSummary } from "../../../../shared/dto/conversation"
import { Avatar } from "../../components/Avatar"
import { Icon } from "../../components/Icon"
import { conversationTitle } from "../../lib/names"
import { useParley } from "../../store/store"
import { AttachmentDropZone } from "../attachments/AttachmentDropZone"
import { Composer } from "../composer/Composer"
import { InactiveComposer } from "../composer/InactiveComposer"
import { RequestBanner } from "../requests/RequestBanner"
import { MessageList } from "./MessageList"
import "./ConversationView.css"

export function ConversationView({ conversation }: { conversation: ConversationSummary }) {
  const addresses = useParley((state) => state.addresses)
  const detailsOpen = useParley((state) => state.detailsOpen)
  const title = conversationTitle(conversation, addresses)
  const subtitle =
    conversation.kind === "group"
      ? [`${conversation.memberCount} ${conversation.memberCount === 1 ? "member" : "members"}`, conversation.description].filter(Boolean).join(" · ")
      : (addresses[conversation.peerInboxId] ?? `Inbox ${conversation.peerInboxId}`)

  let footer
  if (conversation.consentState !== "allowed") footer = <RequestBanner conversation={conversation} />
  else if (!conversation.isActive) footer = <InactiveComposer conversationId={conversation.id} label={`Message ${title}`} />
  else footer = <Composer conversationId={conversation.id} label={`Message ${title}`} />
  const canSend = conversation.consentState === "allowed" && conversation.isActive

  return (
    <section className="conversation" aria-label={title}>
      <header className="conversation__header">
        <Avatar id={conversation.id} label={title} size={40} />
        <div className="conversation__heading">
          <h1 className="conversation__title">{title}</h1>
          <p className={`conversation__subtitle${conversation.kind === "dm" ? " mono" : ""}`}>{subtitle}</p>
        </div>
        {conversation.kind === "group" && (
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
        )}
      </header>
      <AttachmentDropZone conversationId={conversation.id} title={title} enabled={canSend}>
        <MessageList conversation={conversation} />
        {footer}
      </AttachmentDropZone>
    </section>
  )
}
