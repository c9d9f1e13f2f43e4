// The account's public identifiers, its key backup and devices, notification and privacy preferences, the
// delivery node, the profiles, and facts about this installation.
import { useState } from "react"
import type { NotificationPreview } from "../../../../shared/dto/settings"
import { Dialog } from "../../components/Dialog"
import { FormError } from "../../components/FormError"
import { Icon } from "../../components/Icon"
import { useAsyncAction } from "../../lib/useAsyncAction"
import { updateSettings } from "../../store/actions"
import { useParley } from "../../store/store"
import { AccountKeyDialog } from "./AccountKeyDialog"
import { DevicesSection } from "./DevicesSection"
import { NetworkSection } from "./NetworkSection"
import { ProfilesSection } from "./ProfilesSection"
import "./SettingsDialog.css"

const PREVIEWS: { value: NotificationPreview; label: string }[] = [
  { value: "full", label: "Sender and message" },
  { value: "nameOnly", label: "Sender only" },
  { value: "hidden", label: "Nothing (just “New message”)" },
]

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const account = useParley((state) => state.account)
  const settings = useParley((state) => state.settings)
  const appInfo = useParley((state) => state.appInfo)
  const { error, run: save } = useAsyncAction()
  const [showingKey, setShowingKey] = useState(false)

  return (
    <>
      <Dialog
        title="Settings"
        onClose={onClose}
        footer={
          <button type="button" className="button button--primary" onClick={onClose}>
            Done
          </button>
        }
      >
        <FormError error={error} />
        {account?.state === "ready" && (
          <section className="settings__section" aria-labelledby="settings-account">
            <h3 id="settings-account">Account</h3>
            <Identifier label="Address" value={account.address} />
            <Identifier label="Inbox ID" value={account.inboxId} />
            <Identifier label="This installation" value={account.installationId} />
            <div className="settings__row">
              <span className="field__hint">Back up the key to restore this account elsewhere.</span>
              <button type="button" className="button button--small" onClick={() => setShowingKey(true)}>
                <Icon name="key" size={14} /> Show account key
              </button>
            </div>
          </section>
        )}
        {account?.state === "ready" && <DevicesSection />}
        {settings && (
          <section className="settings__section" aria-labelledby="settings-notifications">
            <h3 id="settings-notifications">Notifications</h3>
            <label className="toggle-row">
              <span>
                <strong>Show notifications</strong>
                <span className="field__hint">For new messages in conversations you have accepted.</span>
              </span>
              <input
                type="checkbox"
                role="switch"
                checked={settings.notifications.enabled}
                onChange={(event) => void save(() => updateSettings({ notifications: { enabled: event.target.checked } }))}
              />
            </label>
            <div className="field">
              <label htmlFor="settings-previews">Notification previews</label>
              <select
                id="settings-previews"
                className="select"
                value={settings.notifications.previews}
                disabled={!settings.notifications.enabled}
                onChange={(event) => void save(() => updateSettings({ notifications: { previews: event.target.value as NotificationPreview } }))}
              >
                {PREVIEWS.map((preview) => (
                  <option key={preview.value} value={preview.value}>
                    {preview.label}
                  </option>
                ))}
              </select>
            </div>
          </section>
        )}
        {settings && (
          <section className="settings__section" aria-labelledby="settings-privacy">
            <h3 id="settings-privacy">Privacy</h3>
            <label className="toggle-row">
              <span>
                <strong>Send read receipts</strong>
                <span className="field__hint">Let people in conversations you have accepted see when you have read their messages.</span>
              </span>
              <input
                type="checkbox"
                role="switch"
                checked={settings.sendReadReceipts}
                onChange={(event) => void save(() => updateSettings({ sendReadReceipts: event.target.checked }))}
              />
            </label>
          </section>
        )}
        {settings && appInfo && <NetworkSection settings={settings} appInfo={appInfo} />}
        {appInfo && <ProfilesSection appInfo={appInfo} />}
        {appInfo && (
          <section className="settings__section" aria-labelledby="settings-about">
            <h3 id="settings-about">About</h3>
            <dl className="settings__facts">
              <dt>Version</dt>
              <dd>{appInfo.version}</dd>
              <dt>Profile</dt>
              <dd>{appInfo.profile}</dd>
              <dt>Delivery node</dt>
              <dd className="mono">{appInfo.nodeAddress || "not running"}</dd>
            </dl>
          </section>
        )}
      </Dialog>
      {showingKey && <AccountKeyDialog onClose={() => setShowingKey(false)} />}
    </>
  )
}

function Identifier({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false)
  return (
    <div className="settings__identifier">
      <span className="settings__identifier-label">{label}</span>
      <span className="settings__identifier-value mono">{value}</span>
      <button
        type="button"
        className="icon-button icon-button--small"
        aria-label={`Copy ${label}`}
        title={copied ? "Copied" : "Copy"}
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => setCopied(true))
        }}
      >
        <Icon name={copied ? "check" : "copy"} size={14} />
      </button>
    </div>
  )
}
