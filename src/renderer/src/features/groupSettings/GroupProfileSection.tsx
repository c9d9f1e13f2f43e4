import { type FormEvent, useState } from "react"
import type { GroupMetadataPatch } from "../../../../shared/dto/conversation"
import { Avatar } from "../../components/Avatar"
import { FormError } from "../../components/FormError"
import { Icon } from "../../components/Icon"
import type { GroupRights } from "../../lib/groupRights"
import { conversationTitle } from "../../lib/names"
import { useAsyncAction } from "../../lib/useAsyncAction"
import { updateGroupMetadata } from "../../store/actions"
import { DisabledReason } from "./DisabledReason"
import type { GroupSummary } from "./groupSummary"

export function GroupProfileSection({ group, rights }: { group: GroupSummary; rights: GroupRights }) {
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState(group.name)
  const [description, setDescription] = useState(group.description)
  const { busy, error, setError, run } = useAsyncAction()
  const canEdit = rights.rename.allowed || rights.describe.allowed

  function startEditing() {
    setName(group.name)
    setDescription(group.description)
    setError(null)
    setEditing(true)
  }

  async function save(event: FormEvent) {
    event.preventDefault()
    const patch: GroupMetadataPatch = {}
    if (name.trim() !== group.name) patch.name = name.trim()
    if (description.trim() !== group.description) patch.description = description.trim()
    if (Object.keys(patch).length === 0) {
      setEditing(false)
      return
    }
    if (await run(() => updateGroupMetadata(group.id, patch))) setEditing(false)
  }

  if (!editing) {
    return (
      <section className="group-settings__profile" aria-label="Group profile">
        <Avatar id={group.id} label={conversationTitle(group, {})} size={72} />
        <h3 className="group-settings__name">{group.name || "Unnamed group"}</h3>
        <p className="group-settings__description">{group.description || "No description"}</p>
        <button type="button" className="button button--small" disabled={!canEdit} aria-describedby={canEdit ? undefined : "edit-reason"} onClick={startEditing}>
          <Icon name="edit" size={14} /> Edit name and description
        </button>
        {!canEdit && <DisabledReason id="edit-reason" right={rights.rename} />}
      </section>
    )
  }
  return (
    <form className="group-settings__section" aria-label="Edit group" onSubmit={(event) => void save(event)}>
      <FormError error={error} />
      <div className="field">
        <label htmlFor="edit-group-name">Group name</label>
        <input
          id="edit-group-name"
          className="input"
          maxLength={100}
          value={name}
          disabled={!rights.rename.allowed || busy}
          aria-describedby={rights.rename.allowed ? undefined : "rename-reason"}
          onChange={(event) => setName(event.target.value)}
          autoFocus
        />
        <DisabledReason id="rename-reason" right={rights.rename} />
      </div>
      <div className="field">
        <label htmlFor="edit-group-description">Description</label>
        <textarea
          id="edit-group-description"
          className="textarea"
          rows={3}
          maxLength={1000}
          value={description}
          disabled={!rights.describe.allowed || busy}
          aria-describedby={rights.describe.allowed ? undefined : "describe-reason"}
          onChange={(event) => setDescription(event.target.value)}
        />
        <DisabledReason id="describe-reason" right={rights.describe} />
      </div>
      <div className="group-settings__row-end">
        <button type="button" className="button" disabled={busy} onClick={() => setEditing(false)}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  )
}
