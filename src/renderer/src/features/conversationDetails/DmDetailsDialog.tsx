// A DM's details, opened from its header: who it is with, and its disappearing messages (either
// side of a DM may change them). A request is accepted before its settings can change.
import type { ConversationSummary } from "../../../../shared/dto/conversation"
import { Avatar } from "../../components/Avatar"
import { Dialog } from "../../components/Dialog"
import type { Right } from "../../lib/groupRights"
import { conversationTitle } from "../../lib/names"
import { useParley } from "../../store/store"
import { DisappearingSetting } from "./DisappearingSetting"

type DmSummary = Extract<ConversationSummary, { kind: "dm" }>

function dmRight(dm: DmSummary): Right {
  if (!dm.isActive) return { allowed: false, reason: "This chat is no longer active on this installation." }
  if (dm.consentState !== "allowed") return { allowed: false, reason: "Accept this chat first to change its settings." }
  return { allowed: true }
}

export function DmDetailsDialog({ dm, onClose }: { dm: DmSummary; onClose: () => void }) {
  const addresses = useParley((state) => state.addresses)
  const title = conversationTitle(dm, addresses)
  return (
    <Dialog
      title="Chat details"
      onClose={onClose}
      footer={
        <button type="button" className="button button--primary" onClick={onClose}>
          Done
        </button>
      }
    >
      <div className="dm-details">
        <div className="dm-details__identity">
          <Avatar id={dm.id} label={title} size={48} />
          <dl>
            <dt>Address</dt>
            <dd className="mono">{addresses[dm.peerInboxId] ?? "Not known yet"}</dd>
            <dt>Inbox ID</dt>
            <dd className="mono">{dm.peerInboxId}</dd>
          </dl>
        </div>
        <DisappearingSetting conversation={dm} right={dmRight(dm)} />
      </div>
    </Dialog>
  )
}
