import type { ConversationSummary } from "../../../../shared/dto/conversation"
import { Avatar } from "../../components/Avatar"
import { Icon } from "../../components/Icon"
import { messagePreview } from "../../lib/messagePreview"
import { conversationTitle } from "../../lib/names"
import { useInboxName } from "../../lib/useInboxName"
import { listTime } from "../../lib/time"
import { selectConversation } from "../../store/actions"
import { useParley } from "../../store/store"

export function ConversationListItem({ conversation, selected }: { conversation: ConversationSummary; selected: boolean }) {
  const addresses = useParley((state) => state.addresses)
  const muted = useParley((state) => state.settings?.mutedConversationIds.includes(conversation.id) ?? false)
  const title = conversationTitle(conversation, addresses)
  const name = useInboxName()
  const last = conversation.lastMessage
  const preview = last
    ? messagePreview(last, name, conversation.kind === "group")
    : conversation.kind === "group"
      ? `${conversation.memberCount} ${conversation.memberCount === 1 ? "member" : "members"}`
      : "No messages yet"
  const unread = conversation.unreadCount
  return (
    <li>
      <button
        type="button"
        className={`conversation-item${selected ? " conversation-item--selected" : ""}${unread > 0 ? " conversation-item--unread" : ""}`}
        aria-current={selected ? "true" : undefined}
        aria-label={`${title}${unread > 0 ? `, ${unread} unread` : ""}`}
        onClick={() => void selectConversation(conversation.id)}
      >
        <Avatar id={conversation.id} label={title} />
        <span className="conversation-item__text">
          <span className="conversation-item__top">
            <span className="conversation-item__name">
              {conversation.kind === "group" && <Icon name="users" size={13} className="conversation-item__kind" />}
              {title}
            </span>
            <span className="conversation-item__time">{listTime(last?.sentAtNs ?? conversation.createdAtNs)}</span>
          </span>
          <span className="conversation-item__bottom">
            <span className="conversation-item__preview">{preview}</span>
            {muted && <Icon name="bellOff" size={14} className="conversation-item__muted" aria-label="Muted" />}
            {unread > 0 && <span className="conversation-item__unread">{unread > 99 ? "99+" : unread}</span>}
          </span>
        </span>
      </button>
    </li>
  )
}
