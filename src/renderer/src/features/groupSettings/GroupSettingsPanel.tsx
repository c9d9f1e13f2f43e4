// The right pane for a group: its name and description, members and their roles, invite links,
// disappearing messages, permissions, notifications and leaving. Controls the user's role does not allow are disabled and say why.
import { useEffect } from "react"
import { Icon } from "../../components/Icon"
import { groupRights } from "../../lib/groupRights"
import { loadMembers, loadPermissions } from "../../store/actions"
import { useParley } from "../../store/store"
import { GroupProfileSection } from "./GroupProfileSection"
import type { GroupSummary } from "./groupSummary"
import { DisappearingSetting } from "../conversationDetails/DisappearingSetting"
import { InviteSection } from "../invites/InviteSection"
import { LeaveSection } from "./LeaveSection"
import { MembersSection } from "./MembersSection"
import { PermissionsSection } from "./PermissionsSection"
import "./GroupSettingsPanel.css"

export function GroupSettingsPanel({ group }: { group: GroupSummary }) {
  const permissions = useParley((state) => state.permissions[group.id])
  useEffect(() => {
    void loadMembers(group.id).catch(() => undefined)
  }, [group.id])
  // A permission change has no transcript of its own (libxmtp stores none for it), so the rules
  // are read again whenever the group moves on: opening the panel, a new message, a role change.
  const lastMessageId = group.lastMessage?.id
  useEffect(() => {
    void loadPermissions(group.id)
  }, [group.id, lastMessageId, group.isAdmin, group.isSuperAdmin, group.isActive])
  const rights = groupRights(group, permissions?.status === "ready" ? permissions.value : null)
  return (
    <div className="group-settings">
      <header className="group-settings__header">
        <h2>Group settings</h2>
        <button type="button" className="icon-button" aria-label="Close group settings" onClick={() => useParley.setState({ detailsOpen: false })}>
          <Icon name="close" />
        </button>
      </header>
      <div className="group-settings__scroll">
        <GroupProfileSection group={group} rights={rights} />
        <MembersSection group={group} rights={rights} />
        {group.isActive && <InviteSection group={group} rights={rights} />}
        <DisappearingSetting conversation={group} right={rights.disappearing} />
        <PermissionsSection group={group} rights={rights} permissions={permissions} />
        <LeaveSection group={group} />
      </div>
    </div>
  )
}
