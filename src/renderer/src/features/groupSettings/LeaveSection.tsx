// Notifications for this group, and leaving it (asked twice, because it cannot be undone from here).
import { useState } from "react"
import { Icon } from "../../components/Icon"
import { errorMessage } from "../../lib/errors"
import { leaveGroup, setMuted } from "../../store/actions"
import { useParley } from "../../store/store"
import type { GroupSummary } from "./groupSummary"

export function LeaveSection({ group }: { group: GroupSummary }) {
  const muted = useParley((state) => state.settings?.mutedConversationIds.includes(group.id) ?? false)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function run(work: () => Promise<void>) {
    setBusy(true)
    setError(null)
    try {
      await work()
      setConfirming(false)
    } catch (caught) {
      setError(errorMessage(caught))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="group-settings__section" aria-label="Notifications and leaving">
      {error && (
        <div className="form-error" role="alert">
          <Icon name="alert" size={16} />
          <span>{error}</span>
        </div>
      )}
      <label className="toggle-row">
        <span>
          <strong>Mute notifications</strong>
          <span className="field__hint">Muted groups don't notify or count towards the badge.</span>
        </span>
        <input type="checkbox" role="switch" checked={muted} disabled={busy} onChange={(event) => void run(() => setMuted(group.id, event.target.checked))} />
      </label>
      {!group.isActive ? (
        <p className="group-settings__muted">You are no longer a member of this group.</p>
      ) : confirming ? (
        <div className="leave-confirm" role="group" aria-label="Confirm leaving">
          <p>Leave “{group.name || "this group"}”? You will stop receiving its messages, and only a member can add you back.</p>
          <div className="group-settings__row-end">
            <button type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>
              Stay
            </button>
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void run(() => leaveGroup(group.id))}>
              {busy ? "Leaving…" : "Leave group"}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button button--danger button--block" onClick={() => setConfirming(true)}>
          <Icon name="logOut" size={16} /> Leave group
        </button>
      )}
    </section>
  )
}
