import { avatarHue, initials } from "../lib/names"
import "./Avatar.css"

/** A round badge with initials in a colour derived from `id`; decorative, the name is always shown beside it. */
export function Avatar({ id, label, size = 44 }: { id: string; label: string; size?: number }) {
  const hue = avatarHue(id)
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ width: size, height: size, fontSize: Math.round(size * 0.38), background: `hsl(${hue} 70% 92%)`, color: `hsl(${hue} 55% 32%)` }}
    >
      {initials(label)}
    </span>
  )
}
