// The actions on one message, shown when the pointer or focus is on it: quick reactions, reply,
// and delete (own messages, or anyone's for a group's super admins) with a confirmation.
import { useState } from "react"
import type { Message } from "../../../../shared/dto/message"
import { Icon } from "../../components/Icon"
import { errorMessage } from "../../lib/errors"
import { deleteMessage, react } from "../../store/actions"
import { notify, setReplyTo } from "../../store/store"
import "./MessageToolbar.css"

const QUICK_REACTIONS = ["👍", "❤️", "😂", "🎉"] as const

export function MessageToolbar({ message, canDelete, ownReactions }: { message: Message; canDelete: boolean; ownReactions: ReadonlySet<string> }) {
  const [confirming, setConfirming] = useState(false)
  const run = (work: () => Promise<void>) => void work().catch((error: unknown) => notify("error", errorMessage(error)))

  if (confirming) {
    return (
      <div className="message-toolbar message-toolbar--confirm" role="group" aria-label="Confirm deletion">
        <span>Delete for everyone?</span>
        <button type="button" className="button button--small" onClick={() => setConfirming(false)}>
          Keep
        </button>
        <button type="button" className="button button--small button--danger" onClick={() => run(() => deleteMessage(message.conversationId, message.id))}>
          Delete
        </button>
      </div>
    )
  }
  return (
    <div className="message-toolbar" role="toolbar" aria-label="Message actions">
      {QUICK_REACTIONS.map((emoji) => {
        const mine = ownReactions.has(emoji)
        return (
          <button
            key={emoji}
            type="button"
            className={`message-toolbar__emoji${mine ? " message-toolbar__emoji--mine" : ""}`}
            aria-label={mine ? `Remove reaction ${emoji}` : `React ${emoji}`}
            aria-pressed={mine}
            onClick={() => run(() => react(message.conversationId, message.id, emoji, mine ? "removed" : "added"))}
          >
            {emoji}
          </button>
        )
      })}
      <button type="button" className="icon-button icon-button--small" aria-label="Reply" title="Reply" onClick={() => setReplyTo(message.conversationId, message.id)}>
        <Icon name="reply" size={15} />
      </button>
      {canDelete && (
        <button type="button" className="icon-button icon-button--small" aria-label="Delete message" title="Delete" onClick={() => setConfirming(true)}>
          <Icon name="trash" size={15} />
        </button>
      )}
    </div>
  )
}
