// Create a group: its name and description, the first members, and who may change it.
import { type FormEvent, useState } from "react"
import type { GroupPermissionPreset } from "../../../../shared/dto/permissions"
import { Dialog } from "../../components/Dialog"
import { DialogFormFooter } from "../../components/DialogFormFooter"
import { FormError } from "../../components/FormError"
import { Icon } from "../../components/Icon"
import { useAsyncAction } from "../../lib/useAsyncAction"
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
  const adding = useAsyncAction()
  const creating = useAsyncAction({ keepBusyOnSuccess: true })
  const busy = adding.busy || creating.busy

  async function addInvitee() {
    const input = memberInput.trim()
    if (!input) return
    await adding.run(async () => {
      const inboxId = await resolveInbox(input)
      if (!invitees.some((invitee) => invitee.inboxId === inboxId)) setInvitees([...invitees, { input, inboxId }])
      setMemberInput("")
    })
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const created = await creating.run(() =>
      createGroup({
        memberInboxIds: invitees.map((invitee) => invitee.inboxId),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(description.trim() ? { description: description.trim() } : {}),
        permissions: preset,
      }),
    )
    if (created) onClose()
  }

  return (
    <Dialog
      title="New group"
      onClose={onClose}
      footer={<DialogFormFooter formId="new-group-form" onCancel={onClose} label="Create group" busyLabel="Creating…" busy={creating.busy} disabled={busy} />}
    >
      <form id="new-group-form" onSubmit={(event) => void submit(event)}>
        <FormError error={creating.error} />
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
            <button type="button" className="button" disabled={busy || memberInput.trim() === ""} onClick={() => void addInvitee()}>
              {adding.busy ? "Checking…" : "Add"}
            </button>
          </div>
          {adding.error && (
            <span className="field__error" role="alert">
              {adding.error}
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
