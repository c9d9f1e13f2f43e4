// Group settings: invite links (create one with an expiry and optional approval, copy, revoke) and
// the join requests that came in through them (approve or decline those that wait). A member the
// add-member policy does not allow sees the control disabled with the reason.
import { useCallback, useEffect, useId, useState } from "react"
import { dateFromNanos } from "../../../../shared/dto/identifiers"
import type { InviteDto, JoinRequestDto } from "../../../../shared/dto/invites"
import { FormError } from "../../components/FormError"
import { Icon } from "../../components/Icon"
import { errorMessage } from "../../lib/errors"
import type { GroupRights } from "../../lib/groupRights"
import { inboxLabel } from "../../lib/names"
import { dateTime } from "../../lib/time"
import { useAsyncAction } from "../../lib/useAsyncAction"
import { useParley } from "../../store/store"
import { DisabledReason } from "../groupSettings/DisabledReason"
import type { GroupSummary } from "../groupSettings/groupSummary"
import { createInvite, decideJoinRequest, loadInviteState, onInvitesChanged, revokeInvite, type InviteState } from "./inviteActions"
import "./invites.css"

const EXPIRY_CHOICES: Array<{ label: string; hours: number | null }> = [
  { label: "Never expires", hours: null },
  { label: "Expires in 1 hour", hours: 1 },
  { label: "Expires in 1 day", hours: 24 },
  { label: "Expires in 7 days", hours: 24 * 7 },
]

const STATE_TEXT: Record<JoinRequestDto["state"], string> = {
  pending: "Waiting for your approval",
  approved: "Approved, adding…",
  added: "Added",
  declined: "Declined",
  invalid: "Refused",
}

function expiryText(invite: InviteDto): string {
  if (invite.expiresAtNs === null) return "Never expires"
  return dateFromNanos(invite.expiresAtNs).getTime() <= Date.now() ? "Expired" : `Expires ${dateTime(invite.expiresAtNs)}`
}

export function InviteSection({ group, rights }: { group: GroupSummary; rights: GroupRights }) {
  const addresses = useParley((state) => state.addresses)
  const [state, setState] = useState<InviteState>({ invites: [], requests: [] })
  const [expiryIndex, setExpiryIndex] = useState(0)
  const [requireApproval, setRequireApproval] = useState(false)
  const action = useAsyncAction()
  const { busy, error, setError } = action
  const [copiedId, setCopiedId] = useState<string | null>(null)
  const reasonId = useId()
  const right = rights.addMembers

  const reload = useCallback(() => {
    loadInviteState(group.id).then(setState, (caught: unknown) => setError(errorMessage(caught)))
  }, [group.id, setError])
  useEffect(() => {
    reload()
    return onInvitesChanged(reload)
  }, [reload])

  async function run(work: () => Promise<unknown>) {
    if (await action.run(work)) reload()
  }

  function copy(invite: InviteDto) {
    void navigator.clipboard?.writeText(invite.url).then(() => setCopiedId(invite.inviteId))
  }

  const pending = state.requests.filter((request) => request.state === "pending")
  return (
    <section className="group-settings__section" aria-label="Invite links">
      <h3 className="group-settings__heading">
        <Icon name="link" size={15} /> Invite links
      </h3>
      <FormError error={error} />
      <div className="invite-options">
        <select className="select" aria-label="Link expiry" value={expiryIndex} disabled={!right.allowed || busy} onChange={(event) => setExpiryIndex(Number(event.target.value))}>
          {EXPIRY_CHOICES.map((choice, index) => (
            <option key={choice.label} value={index}>
              {choice.label}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={requireApproval} disabled={!right.allowed || busy} onChange={(event) => setRequireApproval(event.target.checked)} />
          Approve new members
        </label>
      </div>
      <button
        type="button"
        className="button button--small"
        disabled={!right.allowed || busy}
        aria-describedby={right.allowed ? undefined : reasonId}
        onClick={() => void run(() => createInvite(group.id, { expiresInHours: EXPIRY_CHOICES[expiryIndex]?.hours ?? null, requireApproval }))}
      >
        <Icon name="plus" size={14} /> Create invite link
      </button>
      <DisabledReason id={reasonId} right={right} />
      {state.invites.length > 0 && (
        <ul className="invite-list" aria-label="Active invite links">
          {state.invites.map((invite) => (
            <li key={invite.inviteId} className="invite-list__item">
              <div className="invite-list__url">
                <input className="input mono" readOnly value={invite.url} aria-label="Invite link" onFocus={(event) => event.target.select()} />
                <button type="button" className="icon-button icon-button--small" aria-label="Copy invite link" onClick={() => copy(invite)}>
                  <Icon name={copiedId === invite.inviteId ? "check" : "copy"} size={15} />
                </button>
                <button type="button" className="icon-button icon-button--small" aria-label="Revoke invite link" disabled={busy} onClick={() => void run(() => revokeInvite(invite.inviteId))}>
                  <Icon name="trash" size={15} />
                </button>
              </div>
              <p className="invite-list__meta">
                {expiryText(invite)} · {invite.requireApproval ? "you approve each request" : "people join at once"}
              </p>
            </li>
          ))}
        </ul>
      )}
      {state.requests.length > 0 && (
        <>
          <h4 className="group-settings__heading join-requests__heading">
            Join requests {pending.length > 0 && <span className="group-settings__count">{pending.length} waiting</span>}
          </h4>
          <ul className="join-requests" aria-label="Join requests">
            {state.requests.map((request) => (
              <li key={request.requestId} className="join-requests__item">
                <strong className="mono">{inboxLabel(request.requesterInboxId, addresses, null)}</strong>
                {request.note && <p className="join-requests__note">“{request.note}”</p>}
                <p className="join-requests__meta">
                  {STATE_TEXT[request.state]}
                  {request.reason ? `: ${request.reason}` : ""}
                </p>
                {request.state === "pending" && (
                  <div className="join-requests__actions">
                    <button type="button" className="button button--small button--primary" disabled={busy || !right.allowed} onClick={() => void run(() => decideJoinRequest(request.requestId, "approve"))}>
                      Approve
                    </button>
                    <button type="button" className="button button--small" disabled={busy} onClick={() => void run(() => decideJoinRequest(request.requestId, "decline"))}>
                      Decline
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
