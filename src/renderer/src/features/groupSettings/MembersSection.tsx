// The member list with roles, adding people by address or inbox id, each member's actions
// (promote, demote, remove) as the group's policies allow them, and, for admins, the members who
// asked to leave and are waiting to be removed.
import { type FormEvent, useMemo, useState } from "react"
import type { Member, MemberRole } from "../../../../shared/dto/member"
import { Avatar } from "../../components/Avatar"
import { FormError } from "../../components/FormError"
import type { GroupRights, Right } from "../../lib/groupRights"
import { shortHex } from "../../lib/names"
import { useInboxName } from "../../lib/useInboxName"
import { useAsyncAction } from "../../lib/useAsyncAction"
import { addMembers, removeMembers, resolveInbox, setMemberRole } from "../../store/actions"
import { useOwnInboxId, useParley } from "../../store/store"
import { sortMessages } from "../messages/messageRows"
import { DisabledReason } from "./DisabledReason"
import type { GroupSummary } from "./groupSummary"
import { LeaveRequestsCallout } from "./LeaveRequestsCallout"
import { pendingLeaveRequests } from "./pendingLeaves"

const ROLE_ORDER: Record<MemberRole, number> = { superAdmin: 0, admin: 1, member: 2 }
const ROLE_LABEL: Record<MemberRole, string> = { superAdmin: "Super admin", admin: "Admin", member: "Member" }

export function MembersSection({ group, rights }: { group: GroupSummary; rights: GroupRights }) {
  const members = useParley((state) => state.members[group.id])
  const ownInboxId = useOwnInboxId()
  const [input, setInput] = useState("")
  const { busy, error, run } = useAsyncAction()
  const [openInboxId, setOpenInboxId] = useState<string | null>(null)
  const messages = useParley((state) => state.messages[group.id])
  const leaving = useMemo(() => pendingLeaveRequests(sortMessages(messages), members ?? []), [messages, members])
  const leavingIds = new Set(leaving.map((request) => request.inboxId))
  const name = useInboxName()

  function submitAdd(event: FormEvent) {
    event.preventDefault()
    void run(async () => {
      await addMembers(group.id, [await resolveInbox(input)])
      setInput("")
    })
  }

  const sorted = [...(members ?? [])].sort(
    (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || Number(b.inboxId === ownInboxId) - Number(a.inboxId === ownInboxId) || a.inboxId.localeCompare(b.inboxId),
  )
  return (
    <section className="group-settings__section" aria-labelledby="members-heading">
      <h3 id="members-heading" className="group-settings__heading">
        Members <span className="group-settings__count">{members?.length ?? group.memberCount}</span>
      </h3>
      <FormError error={error} />
      <form className="group-settings__add" onSubmit={submitAdd}>
        <label htmlFor="add-member" className="visually-hidden">
          Add a member by address or inbox id
        </label>
        <input
          id="add-member"
          className="input mono"
          placeholder="0x… address or inbox id"
          spellCheck={false}
          autoComplete="off"
          value={input}
          disabled={!rights.addMembers.allowed || busy}
          aria-describedby={rights.addMembers.allowed ? undefined : "add-member-reason"}
          onChange={(event) => setInput(event.target.value)}
        />
        <button type="submit" className="button" disabled={!rights.addMembers.allowed || busy || input.trim() === ""}>
          Add
        </button>
      </form>
      <DisabledReason id="add-member-reason" right={rights.addMembers} />
      {(group.isAdmin || group.isSuperAdmin) && leaving.length > 0 && (
        <LeaveRequestsCallout requests={leaving} name={name} right={rights.removeMembers} busy={busy} onRemove={(inboxIds) => void run(() => removeMembers(group.id, inboxIds))} />
      )}
      {!members ? (
        <p className="group-settings__muted">Loading members…</p>
      ) : (
        <ul className="member-list">
          {sorted.map((member) => (
            <MemberItem
              key={member.inboxId}
              member={member}
              label={name(member.inboxId)}
              isSelf={member.inboxId === ownInboxId}
              leaving={leavingIds.has(member.inboxId)}
              open={openInboxId === member.inboxId}
              onToggle={() => setOpenInboxId(openInboxId === member.inboxId ? null : member.inboxId)}
              rights={rights}
              busy={busy}
              onRole={(role) => void run(() => setMemberRole(group.id, member.inboxId, role))}
              onRemove={() => void run(() => removeMembers(group.id, [member.inboxId]))}
            />
          ))}
        </ul>
      )}
    </section>
  )
}

interface MemberItemProps {
  member: Member
  label: string
  isSelf: boolean
  /** Asked to leave and not removed yet. */
  leaving: boolean
  open: boolean
  onToggle: () => void
  rights: GroupRights
  busy: boolean
  onRole: (role: MemberRole) => void
  onRemove: () => void
}

function MemberItem({ member, label, isSelf, leaving, open, onToggle, rights, busy, onRole, onRemove }: MemberItemProps) {
  const address = member.accountIdentifiers.find((identifier) => identifier.kind === "ethereum")?.identifier
  const promote: Right = member.role === "member" ? rights.addAdmins : rights.removeAdmins
  const remove: Right = member.role === "superAdmin" ? { allowed: false, reason: "Super admins cannot be removed from a group." } : rights.removeMembers
  const actionsId = `member-actions-${member.inboxId}`
  return (
    <li className="member">
      <button type="button" className="member__summary" aria-expanded={isSelf ? undefined : open} aria-controls={isSelf ? undefined : actionsId} disabled={isSelf} onClick={onToggle}>
        <Avatar id={member.inboxId} label={label} size={34} />
        <span className="member__text">
          <span className="member__name">{isSelf ? "You" : label}</span>
          <span className="member__detail mono">{address ? shortHex(address, 10, 6) : shortHex(member.inboxId, 10, 6)}</span>
        </span>
        {leaving && <span className="badge badge--warning">Leaving</span>}
        {member.role !== "member" && <span className="badge badge--accent">{ROLE_LABEL[member.role]}</span>}
      </button>
      {open && !isSelf && (
        <div id={actionsId} className="member__actions">
          {member.role !== "superAdmin" && (
            <>
              <button type="button" className="button button--small" disabled={!promote.allowed || busy} title={promote.allowed ? undefined : promote.reason} onClick={() => onRole(member.role === "member" ? "admin" : "member")}>
                {member.role === "member" ? "Make admin" : "Remove admin"}
              </button>
              <button type="button" className="button button--small" disabled={!rights.editPermissions.allowed || busy} title={rights.editPermissions.allowed ? undefined : "Only super admins can make super admins."} onClick={() => onRole("superAdmin")}>
                Make super admin
              </button>
            </>
          )}
          {member.role === "superAdmin" && (
            <button type="button" className="button button--small" disabled={!rights.editPermissions.allowed || busy} title={rights.editPermissions.allowed ? undefined : "Only super admins can change super admins."} onClick={() => onRole("admin")}>
              Remove super admin
            </button>
          )}
          <button type="button" className="button button--small button--danger" disabled={!remove.allowed || busy} title={remove.allowed ? undefined : remove.reason} onClick={onRemove}>
            Remove from group
          </button>
          {!promote.allowed && member.role !== "superAdmin" && <p className="group-settings__reason">{promote.reason}</p>}
          {!rights.editPermissions.allowed && member.role === "superAdmin" && <p className="group-settings__reason">Only super admins can change super admins.</p>}
          {!remove.allowed && <p className="group-settings__reason">{remove.reason}</p>}
        </div>
      )}
    </li>
  )
}
