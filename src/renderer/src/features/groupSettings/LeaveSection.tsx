// Notifications for this group, and leaving it (asked twice, because it cannot be undone from here).
// Leaving is a request, as in XMTP: the group stays open until a super admin's Parley removes the
// member, and super admins (who could never be removed) cannot ask.
import { useState } from "react"
import { FormError } from "../../components/FormError"
import { Icon } from "../../components/Icon"
import { leaveGroup, setMuted } from "../../store/actions"
import { useParley } from "../../store/store"
import type { Right } from "../../lib/groupRights"
import { useAsyncAction } from "../../lib/useAsyncAction"
import { DisabledReason } from "./DisabledReason"
import type { GroupSummary } from "./groupSummary"

/** libxmtp's leave_group refusals, said before the user tries. */
function leaveRight(group: GroupSummary): Right {
  if (group.isSuperAdmin) return { allowed: false, reason: "Super admins can't leave a group: ask another super admin to remove your super admin role first." }
  if (group.memberCount <= 1) return { allowed: false, reason: "You are the only member of this group, so there is nobody to remove you." }
  return { allowed: true }
}

export function LeaveSection({ group }: { group: GroupSummary }) {
  const muted = useParley((state) => state.settings?.mutedConversationIds.includes(group.id) ?? false)
  const [confirming, setConfirming] = useState(false)
  const action = useAsyncAction()
  const { busy, error } = action
  const canLeave = leaveRight(group)

  async function run(work: () => Promise<void>) {
    if (await action.run(work)) setConfirming(false)
  }

  return (
    <section className="group-settings__section" aria-label="Notifications and leaving">
      <FormError error={error} />
      <label className="toggle-row">
        <span>
          <strong>Mute notifications</strong>
          <span className="field__hint">Muted groups don't notify or count towards the badge.</span>
        </span>
        <input type="checkbox" role="switch" checked={muted} disabled={busy} onChange={(event) => void run(() => setMuted(group.id, event.target.checked))} />
      </label>
      {!group.isActive ? (
        <p className="group-settings__muted">You are no longer a member of this group.</p>
      ) : group.membershipState === "pendingRemove" ? (
        <p className="leave-pending" role="status">
          <Icon name="clock" size={15} />
          <span>You asked to leave. A super admin's Parley will remove you; until then you still receive this group's messages.</span>
        </p>
      ) : confirming ? (
        <div className="leave-confirm" role="group" aria-label="Confirm leaving">
          <p>Leave “{group.name || "this group"}”? A super admin's Parley removes you, then you stop receiving its messages; only a member can add you back.</p>
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
        <>
          <button
            type="button"
            className="button button--danger button--block"
            disabled={!canLeave.allowed}
            aria-describedby={canLeave.allowed ? undefined : "leave-reason"}
            onClick={() => setConfirming(true)}
          >
            <Icon name="logOut" size={16} /> Leave group
          </button>
          <DisabledReason id="leave-reason" right={canLeave} />
        </>
      )}
    </section>
  )
}
