// Start a direct message with an Ethereum address or an inbox id.
import { type FormEvent, useState } from "react"
import type { DmTarget } from "../../../../shared/dto/conversation"
import { Dialog } from "../../components/Dialog"
import { Icon } from "../../components/Icon"
import { errorMessage } from "../../lib/errors"
import { startDm } from "../../store/actions"

function targetOf(input: string): DmTarget | null {
  const value = input.trim()
  if (/^0x[0-9a-fA-F]{40}$/.test(value)) return { kind: "address", address: value }
  if (/^[0-9a-fA-F]{64}$/.test(value)) return { kind: "inboxId", inboxId: value.toLowerCase() }
  return null
}

export function NewDmDialog({ onClose }: { onClose: () => void }) {
  const [value, setValue] = useState("")
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    const target = targetOf(value)
    if (!target) {
      setError("Enter an Ethereum address (0x followed by 40 hex digits) or an inbox id (64 hex digits).")
      return
    }
    setBusy(true)
    setError(null)
    try {
      await startDm(target)
      onClose()
    } catch (caught) {
      setError(errorMessage(caught))
      setBusy(false)
    }
  }

  return (
    <Dialog
      title="New message"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="new-dm-form" className="button button--primary" disabled={busy || value.trim() === ""}>
            {busy ? "Starting…" : "Start chat"}
          </button>
        </>
      }
    >
      <form id="new-dm-form" onSubmit={(event) => void submit(event)}>
        {error && (
          <div className="form-error" role="alert">
            <Icon name="alert" size={16} />
            <span>{error}</span>
          </div>
        )}
        <div className="field">
          <label htmlFor="dm-target">To</label>
          <input id="dm-target" className="input mono" autoFocus spellCheck={false} autoComplete="off" placeholder="0x… address or inbox id" value={value} onChange={(event) => setValue(event.target.value)} />
          <span className="field__hint">They need to have used an XMTP app at least once.</span>
        </div>
      </form>
    </Dialog>
  )
}
