// The composer of a group the user is no longer in: the same box, disabled, saying why.
import type { ConversationId } from "../../../../shared/dto/identifiers"
import { Icon } from "../../components/Icon"
import { useInboxName } from "../../lib/useInboxName"
import { useOwnInboxId, useParley } from "../../store/store"
import { sortMessages } from "../messages/messageRows"
import { inactiveReason } from "./inactiveReason"
import "./Composer.css"

export function InactiveComposer({ conversationId, label }: { conversationId: ConversationId; label: string }) {
  const messages = useParley((state) => state.messages[conversationId])
  const ownInboxId = useOwnInboxId()
  const name = useInboxName()
  const reason = inactiveReason(sortMessages(messages), ownInboxId, name)
  return (
    <div className="composer composer--inactive">
      <div className="composer__box">
        <button type="button" className="icon-button composer__attach" aria-label="Attach files" disabled>
          <Icon name="paperclip" size={18} />
        </button>
        <textarea className="composer__input" rows={1} aria-label={label} aria-describedby="composer-inactive-reason" placeholder="You can't write here" disabled />
        <button type="button" className="composer__send" aria-label="Send" disabled>
          <Icon name="send" size={18} />
        </button>
      </div>
      <p id="composer-inactive-reason" className="composer__inactive-reason" role="status">
        <Icon name="lock" size={13} />
        {reason}
      </p>
    </div>
  )
}
