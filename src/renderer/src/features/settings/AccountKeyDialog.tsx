// Showing the account key for a backup: a warning first, the key only after the user confirms it,
// and nothing kept once the dialog closes (the key lives in this component's state alone).
import { useState } from "react"
import { Dialog } from "../../components/Dialog"
import { FormError } from "../../components/FormError"
import { Icon } from "../../components/Icon"
import { request } from "../../bridge/api"
import { useAsyncAction } from "../../lib/useAsyncAction"

export function AccountKeyDialog({ onClose }: { onClose: () => void }) {
  const [key, setKey] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const { busy, error, run } = useAsyncAction()

  const reveal = () => run(async () => setKey(await request("account:exportKey", { acknowledgedRisk: true })))

  return (
    <Dialog
      title="Account key"
      onClose={onClose}
      footer={
        key === null ? (
          <>
            <button key="cancel" type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button key="reveal" type="button" className="button button--danger" disabled={busy} onClick={() => void reveal()}>
              I understand, show the key
            </button>
          </>
        ) : (
          <button key="done" type="button" className="button button--primary" onClick={onClose}>
            Done
          </button>
        )
      }
    >
      <div className="account-key__warning" role="alert">
        <Icon name="alert" size={18} />
        <p>
          <strong>Anyone with this key can read and send as you.</strong> Keep it somewhere only you can reach, such as a password manager, and never paste it into a chat or a
          website. It restores your account on a new installation.
        </p>
      </div>
      <FormError error={error} />
      {key !== null && (
        <div className="field">
          <label className="field__label" htmlFor="settings-account-key">
            Your account key
          </label>
          <div className="account-key__value">
            <input id="settings-account-key" className="input mono" readOnly value={key} spellCheck={false} autoComplete="off" onFocus={(event) => event.target.select()} />
            <button
              type="button"
              className="icon-button"
              aria-label="Copy account key"
              title={copied ? "Copied" : "Copy"}
              onClick={() => void navigator.clipboard?.writeText(key).then(() => setCopied(true))}
            >
              <Icon name={copied ? "check" : "copy"} size={16} />
            </button>
          </div>
        </div>
      )}
    </Dialog>
  )
}
