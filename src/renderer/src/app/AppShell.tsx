// The three panes: conversations on the left, the open conversation in the middle, and the group's
// details on the right when asked for.
import { ErrorBoundary } from "../components/ErrorBoundary"
import { EmptyState } from "../components/EmptyState"
import { Icon } from "../components/Icon"
import { ConversationView } from "../features/messages/ConversationView"
import { NewDmDialog } from "../features/conversations/NewDmDialog"
import { NewGroupDialog } from "../features/conversations/NewGroupDialog"
import { Sidebar } from "../features/conversations/Sidebar"
import { GroupSettingsPanel } from "../features/groupSettings/GroupSettingsPanel"
import { JoinInviteDialog } from "../features/invites/JoinInviteDialog"
import { SettingsDialog } from "../features/settings/SettingsDialog"
import { useParley } from "../store/store"

export function AppShell() {
  const selected = useParley((state) => (state.selectedId ? state.conversations[state.selectedId] : undefined))
  const detailsOpen = useParley((state) => state.detailsOpen)
  const dialog = useParley((state) => state.dialog)
  const inviteToken = useParley((state) => state.inviteToken)
  const closeDialog = () => useParley.setState({ dialog: null, inviteToken: null })
  return (
    <div className="shell">
      <aside className="shell__sidebar" aria-label="Conversations">
        <ErrorBoundary fallback={<p role="alert">The conversation list failed to show.</p>}>
          <Sidebar />
        </ErrorBoundary>
      </aside>
      <main className="shell__main">
        {selected ? (
          <ErrorBoundary key={selected.id} fallback={<p role="alert">This conversation failed to show.</p>}>
            <ConversationView conversation={selected} />
          </ErrorBoundary>
        ) : (
          <div className="shell__placeholder">
            <EmptyState icon="message" title="Pick a conversation">
              <p>Choose a chat on the left, or start a new one. Everything you send is end-to-end encrypted with XMTP.</p>
              <div className="button-row">
                <button type="button" className="button button--primary" onClick={() => useParley.setState({ dialog: "newDm" })}>
                  <Icon name="message" size={16} /> New message
                </button>
                <button type="button" className="button" onClick={() => useParley.setState({ dialog: "newGroup" })}>
                  <Icon name="users" size={16} /> New group
                </button>
              </div>
            </EmptyState>
          </div>
        )}
      </main>
      {selected?.kind === "group" && detailsOpen && (
        <aside className="shell__details" aria-label="Group settings">
          <ErrorBoundary key={selected.id} fallback={<p role="alert">The group settings failed to show.</p>}>
            <GroupSettingsPanel group={selected} />
          </ErrorBoundary>
        </aside>
      )}
      {dialog === "newDm" && <NewDmDialog onClose={closeDialog} />}
      {dialog === "newGroup" && <NewGroupDialog onClose={closeDialog} />}
      {dialog === "settings" && <SettingsDialog onClose={closeDialog} />}
      {dialog === "joinInvite" && inviteToken && <JoinInviteDialog token={inviteToken} onClose={closeDialog} />}
    </div>
  )
}
