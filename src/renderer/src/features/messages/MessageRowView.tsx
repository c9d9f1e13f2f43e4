// One row of the message list: a day separator, a group-update line, or a message bubble with its
// sender, reply quote, content, time, delivery status and reactions.
import type { ConversationSummary } from "../../../../shared/dto/conversation"
import { dateFromNanos } from "../../../../shared/dto/identifiers"
import type { Message, MessageReaction } from "../../../../shared/dto/message"
import { Avatar } from "../../components/Avatar"
import { ErrorBoundary } from "../../components/ErrorBoundary"
import { Icon } from "../../components/Icon"
import { groupUpdateLines } from "../../lib/groupUpdateText"
import { contentPreview } from "../../lib/messagePreview"
import { useInboxName } from "../../lib/useInboxName"
import { clockTime, dayLabel } from "../../lib/time"
import { errorMessage } from "../../lib/errors"
import { react } from "../../store/actions"
import { notify, useOwnInboxId } from "../../store/store"
import { MessageContentView } from "./content/MessageContentView"
import { ExpiryHint } from "./ExpiryHint"
import type { MessageRow } from "./messageRows"
import { MessageToolbar } from "./MessageToolbar"
import { SeenIndicator } from "./SeenIndicator"
import "./MessageRowView.css"

export function MessageRowView({ row, conversation }: { row: MessageRow; conversation: ConversationSummary }) {
  const name = useInboxName()
  if (row.kind === "day") {
    return (
      <div className="day-separator" role="separator">
        <span>{dayLabel(row.sentAtNs)}</span>
      </div>
    )
  }
  if (row.kind === "system") {
    const content = row.message.content
    const lines =
      content.type === "groupUpdated"
        ? groupUpdateLines(content.groupUpdated, name)
        : content.type === "leaveRequest"
          ? [`${name(row.message.senderInboxId)} asked to leave the group`]
          : [`${name(row.message.senderInboxId)}: ${contentPreview(content, name)}`]
    return (
      <div className="system-line">
        {lines.map((line, index) => (
          <span key={index}>{line}</span>
        ))}
      </div>
    )
  }
  return <Bubble message={row.message} continued={row.continued} conversation={conversation} name={name} />
}

/** Net reactions per emoji, in first-reaction order: a later "removed" by the same sender cancels an earlier "added". */
function netReactions(reactions: readonly MessageReaction[]): Map<string, string[]> {
  const latest = new Map<string, MessageReaction>()
  for (const reaction of [...reactions].sort((a, b) => (BigInt(a.sentAtNs) < BigInt(b.sentAtNs) ? -1 : 1))) {
    latest.set(`${reaction.senderInboxId}\u0000${reaction.reaction.content}`, reaction)
  }
  const byEmoji = new Map<string, string[]>()
  for (const reaction of latest.values()) {
    if (reaction.reaction.action !== "added") continue
    byEmoji.set(reaction.reaction.content, [...(byEmoji.get(reaction.reaction.content) ?? []), reaction.senderInboxId])
  }
  return byEmoji
}

function Bubble({ message, continued, conversation, name }: { message: Message; continued: boolean; conversation: ConversationSummary; name: (inboxId: string) => string }) {
  const ownInboxId = useOwnInboxId()
  const isGroup = conversation.kind === "group"
  const sender = name(message.senderInboxId)
  const own = message.senderInboxId === ownInboxId
  const showSender = isGroup && !own && !continued
  const deleted = message.content.type === "deleted"
  const reactions = netReactions(message.reactions)
  const ownReactions = new Set([...reactions].flatMap(([emoji, senders]) => (ownInboxId && senders.includes(ownInboxId) ? [emoji] : [])))
  const canAct = conversation.isActive && conversation.consentState === "allowed" && !deleted
  const canDelete = own || (conversation.kind === "group" && conversation.isSuperAdmin)
  return (
    <div className={`bubble-row${own ? " bubble-row--own" : ""}${continued ? " bubble-row--continued" : ""}`}>
      {isGroup && !own && <span className="bubble-row__avatar">{!continued && <Avatar id={message.senderInboxId} label={sender} size={30} />}</span>}
      <div className="bubble-row__column">
        {showSender && <span className="bubble__sender">{sender}</span>}
        {canAct && <MessageToolbar message={message} canDelete={canDelete} ownReactions={ownReactions} />}
        <div className={`bubble${own ? " bubble--own" : ""}${deleted ? " bubble--deleted" : ""}`}>
          <ErrorBoundary fallback={<span className="bubble__broken">This message could not be shown.</span>}>
            <MessageContentView message={message} name={name} />
          </ErrorBoundary>
          <span className="bubble__meta">
            {message.numReplies > 0 && <span className="bubble__replies">{message.numReplies === 1 ? "1 reply" : `${message.numReplies} replies`}</span>}
            <ExpiryHint expiresAtNs={message.expiresAtNs} />
            <time dateTime={dateFromNanos(message.sentAtNs).toISOString()}>{clockTime(message.sentAtNs)}</time>
            {own && <DeliveryStatus status={message.deliveryStatus} />}
          </span>
        </div>
        {reactions.size > 0 && <Reactions reactions={reactions} ownReactions={ownReactions} message={message} name={name} canReact={canAct} />}
        {own && <SeenIndicator conversation={conversation} messageId={message.id} />}
      </div>
    </div>
  )
}

function DeliveryStatus({ status }: { status: Message["deliveryStatus"] }) {
  if (status === "published") return <Icon name="check" size={14} className="bubble__status" aria-label="Sent" role="img" />
  if (status === "failed") return <Icon name="alert" size={14} className="bubble__status bubble__status--failed" aria-label="Not sent" role="img" />
  return <Icon name="clock" size={13} className="bubble__status" aria-label="Sending" role="img" />
}

interface ReactionsProps {
  reactions: Map<string, string[]>
  ownReactions: ReadonlySet<string>
  message: Message
  name: (inboxId: string) => string
  canReact: boolean
}

function Reactions({ reactions, ownReactions, message, name, canReact }: ReactionsProps) {
  const toggle = (emoji: string) =>
    void react(message.conversationId, message.id, emoji, ownReactions.has(emoji) ? "removed" : "added").catch((error: unknown) => notify("error", errorMessage(error)))
  return (
    <ul className="reactions" aria-label="Reactions">
      {[...reactions].map(([emoji, senders]) => (
        <li key={emoji}>
          <button
            type="button"
            className={`reactions__chip${ownReactions.has(emoji) ? " reactions__chip--mine" : ""}`}
            title={senders.map(name).join(", ")}
            aria-label={`${emoji} from ${senders.map(name).join(", ")}`}
            aria-pressed={ownReactions.has(emoji)}
            disabled={!canReact}
            onClick={() => toggle(emoji)}
          >
            <span>{emoji}</span>
            {senders.length > 1 && <span className="reactions__count">{senders.length}</span>}
          </button>
        </li>
      ))}
    </ul>
  )
}
