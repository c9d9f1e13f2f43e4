// Opening an invite link: the request goes to the person who shared it as a message in your DM
// with them, and the group appears once their Parley adds you (at once, or after they approve).
import { type FormEvent, useState } from "react"
import { Dialog } from "../../components/Dialog"
import { DialogFormFooter } from "../../components/DialogFormFooter"
import { FormError } from "../../components/FormError"
import { Icon } from "../../components/Icon"
import { useAsyncAction } from "../../lib/useAsyncAction"
import { openInvite } from "./inviteActions"
import "./invites.css"

const MAX_NOTE = 280

export function JoinInviteDialog({ token, onClose }: { token: string; onClose: () => void }) {
  const [note, setNote] = useState("")
  const { busy, error, run } = useAsyncAction({ keepBusyOnSuccess: true })

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (await run(() => openInvite(token, note.trim() === "" ? null : note.trim()))) onClose()
  }

  return (
    <Dialog
      title="Join a group"
      onClose={onClose}
      footer={<DialogFormFooter formId="join-invite-form" onCancel={onClose} label="Ask to join" busyLabel="Sending request…" busy={busy} />}
    >
      <form id="join-invite-form" className="join-invite" onSubmit={(event) => void submit(event)}>
        <FormError error={error} />
        <p className="join-invite__lead">
          <Icon name="link" size={18} />
          <span>
            Someone shared an invite link to a group. Parley sends them your request in a direct message; the group appears in your chats as soon as they add
            you.
          </span>
        </p>
        <div className="field">
          <label htmlFor="join-invite-note">Note to the person who invited you (optional)</label>
          <textarea
            id="join-invite-note"
            className="textarea"
            rows={3}
            maxLength={MAX_NOTE}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            placeholder="Hi, it's Sam from the book club"
          />
          <span className="field__hint">
            {note.length}/{MAX_NOTE}
          </span>
        </div>
      </form>
    </Dialog>
  )
}
