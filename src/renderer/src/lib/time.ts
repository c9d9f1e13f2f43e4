// Times as a messenger shows them: a clock time today, a weekday this week, a date before that.
import { dateFromNanos, type Nanos } from "../../../shared/dto/identifiers"

const DAY_MS = 86_400_000

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime()
}

export function clockTime(nanos: Nanos): string {
  return dateFromNanos(nanos).toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" })
}

/** For the conversation list: "14:05", "Tue", or "12 Mar". */
export function listTime(nanos: Nanos, now = new Date()): string {
  const date = dateFromNanos(nanos)
  const days = Math.round((startOfDay(now) - startOfDay(date)) / DAY_MS)
  if (days <= 0) return clockTime(nanos)
  if (days < 7) return date.toLocaleDateString(undefined, { weekday: "short" })
  return date.toLocaleDateString(undefined, { day: "numeric", month: "short", ...(date.getFullYear() === now.getFullYear() ? {} : { year: "numeric" }) })
}

/** The key of a message's calendar day, for separators. */
export function dayKey(nanos: Nanos): number {
  return startOfDay(dateFromNanos(nanos))
}

/** For day separators: "Today", "Yesterday", or a full date. */
export function dayLabel(nanos: Nanos, now = new Date()): string {
  const date = dateFromNanos(nanos)
  const days = Math.round((startOfDay(now) - startOfDay(date)) / DAY_MS)
  if (days === 0) return "Today"
  if (days === 1) return "Yesterday"
  return date.toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long", ...(date.getFullYear() === now.getFullYear() ? {} : { year: "numeric" }) })
}

/** A full date and time, for what is not a message: "12 Mar 2025, 14:05". */
export function dateTime(nanos: Nanos): string {
  return dateFromNanos(nanos).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
}
