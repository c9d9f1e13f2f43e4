import type { Right } from "../../lib/groupRights"

/** The sentence that explains a disabled control, linked to it with aria-describedby. */
export function DisabledReason({ id, right }: { id: string; right: Right }) {
  if (right.allowed) return null
  return (
    <p id={id} className="group-settings__reason">
      {right.reason}
    </p>
  )
}
