// The middle pane: the conversation's header, its messages, and the composer (or, for a request,
// the choice to accept or block it; for a group the user is no longer in, a disabled composer that
// says why). Files dropped on it are sent to it.
import type { ConversationSummary } from "../../../../shared/dto/conversation"
import { conversationTitle } from "../../lib/names"
import { useParley } from "../../store/store"
import { AttachmentDropZone } from "../attachments/AttachmentDropZone"
import { Composer } from "../composer/Composer"
import { InactiveComposer } from "../composer/InactiveComposer"
import { RequestBanner } from "../requests/RequestBanner"
import { ConversationHeader } from "./ConversationHeader"
import { MessageList } from "./MessageList"
import "./ConversationView.css"

export function ConversationView({ conversation }: { conversation: ConversationSummary }) {
  const addresses = useParley((state) => state.addresses)
  const title = conversationTitle(conversation, addresses)

  let footer
  if (conversation.consentState !== "allowed") footer = <RequestBanner conversation={conversation} />
  else if (!conversation.isActive) footer = <InactiveComposer conversationId={conversation.id} label={`Message ${title}`} />
  else footer = <Composer conversationId={conversation.id} label={`Message ${title}`} />
  const canSend = conversation.consentState === "allowed" && conversation.isActive

  return (
    <section className="conversation" aria-label={title}>
      <ConversationHeader conversation={conversation} title={title} />
      <AttachmentDropZone conversationId={conversation.id} title={title} enabled={canSend}>
        <MessageList conversation={conversation} />
        {footer}
      </AttachmentDropZone>
    </section>
  )
}
