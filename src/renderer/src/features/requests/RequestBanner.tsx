// A conversation the user has not accepted (a message request) or has blocked: say who started it
// and offer to accept, block or unblock. Nothing is sent until the user accepts.
import type { ConversationSummary } from "../../../../shared/dto/conversation"
import type { ConsentState } from "../../../../shared/dto/consent"
import { FormError } from "../../components/FormError"
import { Icon } from "../../components/Icon"
import { inboxLabel } from "../../lib/names"
import { useAsyncAction } from "../../lib/useAsyncAction"
import { setConsent } from "../../store/actions"
import { useParley } from "../../store/store"
import "./RequestBanner.css"

export function RequestBanner({ conversation }: { conversation: ConversationSummary }) {
  const addresses = useParley((state) => state.addresses)
  const { busy, error, run } = useAsyncAction()
  const inviter = inboxLabel(conversation.kind === "dm" ? conversation.peerInboxId : conversation.addedByInboxId, addresses, null)

  const choose = (state: ConsentState) => run(() => setConsent(conversation.id, state))

  const blocked = conversation.consentState === "denied"
  return (
    <div className="request-banner" role="region" aria-label={blocked ? "Blocked conversation" : "Message request"}>
      <FormError error={error} />
      <p className="request-banner__text">
        <Icon name={blocked ? "shield" : "inbox"} size={18} />
        {blocked ? (
          <span>You blocked this conversation. You won't see new messages from it until you unblock it.</span>
        ) : conversation.kind === "group" ? (
          <span>
            <strong>{inviter}</strong> added you to this group. Accept to join the conversation, or block it.
          </span>
        ) : (
          <span>
            <strong>{inviter}</strong> wants to message you. They won't know you've seen this until you reply.
          </span>
        )}
      </p>
      <div className="request-banner__actions">
        {blocked ? (
          <button type="button" className="button" disabled={busy} onClick={() => void choose("allowed")}>
            Unblock
          </button>
        ) : (
          <>
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void choose("denied")}>
              Block
            </button>
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void choose("allowed")}>
              Accept
            </button>
          </>
        )}
      </div>
    </div>
  )
}
