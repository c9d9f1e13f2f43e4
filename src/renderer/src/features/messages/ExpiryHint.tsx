// A disappearing message's timer in its bubble: the icon, and when it goes in the tooltip and
// for screen readers.
import type { Nanos } from "../../../../shared/dto/identifiers"
import { Icon } from "../../components/Icon"
import { expiryText } from "../../lib/disappearing"
import "./ExpiryHint.css"

export function ExpiryHint({ expiresAtNs }: { expiresAtNs: Nanos | null }) {
  if (expiresAtNs === null) return null
  const text = expiryText(expiresAtNs)
  return (
    <span className="bubble__expiry" role="img" aria-label={text} title={text}>
      <Icon name="timer" size={12} />
    </span>
  )
}
