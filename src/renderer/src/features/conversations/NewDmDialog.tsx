// Start a direct message with an Ethereum address or an inbox id.
import { type FormEvent, useState } from "react"
import type { DmTarget } from "../../../../shared/dto/conversation"
import { Dialog } from "../../components/Dialog"
import { DialogFormFooter } from "../../components/DialogFormFooter"
import { FormError } from "../../components/FormError"
import { useAsyncAction } from "../../lib/useAsyncAction"
import { startDm } from "../../store/actions"
import { useParley } from "../../store/store"

/** A pasted group invite link opens the join dialog instead. */
const INVITE_LINK = /^parley:\/\/invite\/([A-Za-z0-9_-]{16,512})$/i

function targetOf(input: string): DmTarget | null {
  const value = input.trim()
  if (/^0x[0-9a-fA-F]{40}$/.test(value)) return { kind: "address", address: value }
  if (/^[0-9a-fA-F]{64}$/.test(value)) return { kind: "inboxId", inboxId: value.toLowerCase() }
  return null
}

export function NewDmDialog({ onClose }: { onClose: () => void }) {
  const [value, setValue] = useState("")
  const { busy, error, setError, run } = useAsyncAction({ keepBusyOnSuccess: true })

  async function submit(event: FormEvent) {
    event.preventDefault()
    const invite = INVITE_LINK.exec(value.trim())
    if (invite?.[1]) {
      useParley.setState({ dialog: "joinInvite", inviteToken: invite[1] })
      return
    }
    const target = targetOf(value)
    if (!target) {
      setError("Enter an Ethereum address (0x followed by 40 hex digits), an inbox id (64 hex digits) or a parley://invite link.")
      return
    }
    if (await run(() => startDm(target))) onClose()
  }

  return (
    <Dialog
      title="New message"
      onClose={onClose}
      footer={<DialogFormFooter formId="new-dm-form" onCancel={onClose} label="Start chat" busyLabel="Starting…" busy={busy} disabled={busy || value.trim() === ""} />}
    >
      <form id="new-dm-form" onSubmit={(event) => void submit(event)}>
        <FormError error={error} />
        <div className="field">
          <label htmlFor="dm-target">To</label>
          <input id="dm-target" className="input mono" autoFocus spellCheck={false} autoComplete="off" placeholder="0x… address or inbox id" value={value} onChange={(event) => setValue(event.target.value)} />
          <span className="field__hint">They need to have used an XMTP app at least once. A parley://invite link works here too.</span>
        </div>
      </form>
    </Dialog>
  )
}
