// For admins: members who asked to leave. A super admin's Parley removes them on its next full
// sync; until then an admin may remove them here (the transcript then says they left).
import type { InboxId } from "../../../../shared/dto/identifiers"
import { Icon } from "../../components/Icon"
import type { Right } from "../../lib/groupRights"
import { listTime } from "../../lib/time"
import type { LeaveRequest } from "./pendingLeaves"

interface Props {
  requests: readonly LeaveRequest[]
  name: (inboxId: InboxId) => string
  right: Right
  busy: boolean
  onRemove: (inboxIds: InboxId[]) => void
}

export function LeaveRequestsCallout({ requests, name, right, busy, onRemove }: Props) {
  return (
    <section className="leave-requests" aria-label="Leave requests">
      <h4 className="leave-requests__title">
        <Icon name="logOut" size={15} />
        {requests.length === 1 ? "1 member asked to leave" : `${requests.length} members asked to leave`}
      </h4>
      <ul className="leave-requests__list">
        {requests.map((request) => (
          <li key={request.inboxId} className="leave-requests__item">
            <span>
              <strong>{name(request.inboxId)}</strong> <span className="leave-requests__when">· asked {listTime(request.sentAtNs)}</span>
            </span>
            <button
              type="button"
              className="button button--small"
              disabled={!right.allowed || busy}
              aria-describedby={right.allowed ? undefined : "leave-requests-reason"}
              onClick={() => onRemove([request.inboxId])}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      {right.allowed ? (
        <p className="leave-requests__hint">A super admin's Parley also removes them when it next syncs the group.</p>
      ) : (
        <p id="leave-requests-reason" className="leave-requests__hint">
          {right.reason} A super admin's Parley removes them when it next syncs the group.
        </p>
      )}
    </section>
  )
}
