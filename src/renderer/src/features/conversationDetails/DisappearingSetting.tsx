// Disappearing messages for a group or a DM: off, or how long new messages last, for everyone in
// the conversation. Disabled with the reason when the user may not change it (a group's policy,
// a request not accepted yet). A lifetime another app set that Parley does not offer is shown as it is.
import { useId, useState } from "react"
import type { ConversationSummary } from "../../../../shared/dto/conversation"
import { type DisappearingChoice, disappearingChoiceOf } from "../../../../shared/dto/disappearing"
import { FormError } from "../../components/FormError"
import { Icon } from "../../components/Icon"
import { DISAPPEARING_OPTIONS, lifetimeText } from "../../lib/disappearing"
import type { Right } from "../../lib/groupRights"
import { useAsyncAction } from "../../lib/useAsyncAction"
import { setDisappearing } from "../../store/actions"
import { DisabledReason } from "../groupSettings/DisabledReason"
import "./conversationDetails.css"

const OTHER = "other"

export function DisappearingSetting({ conversation, right }: { conversation: ConversationSummary; right: Right }) {
  const headingId = useId()
  const reasonId = useId()
  const { busy, error, run } = useAsyncAction()
  const inNs = conversation.disappearing ? BigInt(conversation.disappearing.inNs) : null
  const current = disappearingChoiceOf(inNs)
  // The choice shows while it is being saved (two commits), then the conversation's own setting again.
  const [saving, setSaving] = useState<DisappearingChoice | null>(null)
  const change = (choice: DisappearingChoice) => {
    setSaving(choice)
    void run(() => setDisappearing(conversation.id, choice)).finally(() => setSaving(null))
  }
  return (
    // Not a named region: the heading names the select, and one name should not stand for two things.
    <div className="group-settings__section disappearing-setting">
      <h3 id={headingId} className="group-settings__heading">
        <Icon name="timer" size={14} /> Disappearing messages
      </h3>
      <FormError error={error} />
      <select
        className="select"
        aria-labelledby={headingId}
        value={saving ?? current ?? OTHER}
        disabled={!right.allowed || busy}
        aria-describedby={right.allowed ? undefined : reasonId}
        onChange={(event) => change(event.target.value as DisappearingChoice)}
      >
        {current === undefined && inNs !== null && <option value={OTHER}>{lifetimeText(inNs)}</option>}
        {DISAPPEARING_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {busy && (
        <p className="group-settings__muted disappearing-setting__status" role="status">
          <span className="spinner" /> Saving for everyone…
        </p>
      )}
      <p className="disappearing-setting__hint">When on, new messages disappear for everyone in this {conversation.kind === "dm" ? "chat" : "group"} once that time has passed.</p>
      <DisabledReason id={reasonId} right={right} />
    </div>
  )
}
