// Create a group: its name and description, the first members, and who may change it.
import { type FormEvent, useState } from "react"
import type { GroupPermissionPreset } from "../../../../shared/dto/permissions"
import { Dialog } from "../../components/Dialog"
import { Icon } from "../../components/Icon"
import { errorMessage } from "../../lib/errors"
import { shortHex } from "../../lib/names"
import { createGroup, resolveInbox } from "../../store/actions"
import "./NewGroupDialog.css"

interface Invitee {
  input: string
  inboxId: string
}

export function NewGroupDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState("")
  const [description, setDescription] = useState("")
  const [preset, setPreset] = useState<Exclude<GroupPermissionPreset, "customPolicy">>("default")
  const [invitees, setInvitees] = useState<Invitee[]>([])
  const [memberInput, setMemberInput] = useState("")
  const [memberError, setMemberError] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<"adding" | "creating" | null>(null)

  async function addInvitee() {
    const input = memberInput.trim()
    if (!input) return
    setBusy("adding")
    setMemberError(null)
    try {
      const inboxId = await resolveInbox(input)
      if (!invitees.some((invitee) => invitee.inboxId === inboxId)) setInvitees([...invitees, { input, inboxId }])
      setMemberInput("")
    } catch (caught) {
      setMemberError(errorMessage(caught))
    } finally {
      setBusy(null)
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy("creating")
    setError(null)
    try {
      await createGroup({
        memberInboxIds: invitees.map((invitee) => invitee.inboxId),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(description.trim() ? { description: description.trim() } : {}),
        permissions: preset,
      })
      onClose()
    } catch (caught) {
      setError(errorMessage(caught))
      setBusy(null)
    }
  }

  return (
    <Dialog
      title="New group"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="new-group-form" className="button button--primary" disabled={busy !== null}>
            {busy === "creating" ? "Creating…" : "Create group"}
          </button>
        </>
      }
    >
      <form id="new-group-form" onSubmit={(event) => void submit(event)}>
        {error && (
          <div className="form-error" role="alert">
            <Icon name="alert" size={16} />
            <span>{error}</span>
          </div>
        )}
        <div className="field">
          <label htmlFor="group-name">Group name</label>
          <input id="group-name" className="input" autoFocus maxLength={100} placeholder="Weekend trip" value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="group-description">Description (optional)</label>
          <textarea id="group-description" className="textarea" rows={2} maxLength={1000} value={description} onChange={(event) => setDescription(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="group-member">Members</label>
          <div className="new-group__add">
            <input
              id="group-member"
              className="input mono"
              spellCheck={false}
              autoComplete="off"
              placeholder="0x… address or inbox id"
              value={memberInput}
              onChange={(event) => setMemberInput(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault()
                  void addInvitee()
                }
              }}
            />
            <button type="button" className="button" disabled={busy !== null || memberInput.trim() === ""} onClick={() => void addInvitee()}>
              {busy === "adding" ? "Checking…" : "Add"}
            </button>
          </div>
          {memberError && (
            <span className="field__error" role="alert">
              {memberError}
            </span>
          )}
          {invitees.length > 0 ? (
            <ul className="new-group__invitees" aria-label="Members to add">
              {invitees.map((invitee) => (
                <li key={invitee.inboxId} className="chip">
                  <span className="mono">{shortHex(invitee.input, 8, 6)}</span>
                  <button type="button" className="icon-button icon-button--small" aria-label={`Remove ${invitee.input}`} onClick={() => setInvitees(invitees.filter((other) => other !== invitee))}>
                    <Icon name="close" size={14} />
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <span className="field__hint">You can also add people later.</span>
          )}
        </div>
        <fieldset className="field new-group__presets">
          <legend className="field__label">Who can manage the group</legend>
          <label className="radio-card">
            <input type="radio" name="preset" value="default" checked={preset === "default"} onChange={() => setPreset("default")} />
            <span>
              <strong>Everyone</strong>
              <span className="field__hint">All members can add people and edit the name and description; admins remove members.</span>
            </span>
          </label>
          <label className="radio-card">
            <input type="radio" name="preset" value="adminOnly" checked={preset === "adminOnly"} onChange={() => setPreset("adminOnly")} />
            <span>
              <strong>Admins only</strong>
              <span className="field__hint">Only admins add or remove people and edit the group.</span>
            </span>
          </label>
        </fieldset>
      </form>
    </Dialog>
  )
}
