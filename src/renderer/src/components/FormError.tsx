// A form's error, announced as an alert; nothing when there is none.
import { Icon } from "./Icon"

export function FormError({ error }: { error: string | null }) {
  if (!error) return null
  return (
    <div className="form-error" role="alert">
      <Icon name="alert" size={16} />
      <span>{error}</span>
    </div>
  )
}
