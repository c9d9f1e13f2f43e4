// Disappearing messages in words: how long messages live ("1 day", "90 minutes"), the choices the
// settings offer, the sentence the header shows while they are on, and when one message goes.
import type { DisappearingSettings } from "../../../shared/dto/conversation"
import { DISAPPEARING_CHOICES, DISAPPEARING_DURATIONS, type DisappearingChoice } from "../../../shared/dto/disappearing"
import { dateFromNanos, type Nanos } from "../../../shared/dto/identifiers"

const SECOND_NS = 1_000_000_000n
const UNITS: readonly [bigint, string][] = [
  [7n * 86_400n * SECOND_NS, "week"],
  [86_400n * SECOND_NS, "day"],
  [3_600n * SECOND_NS, "hour"],
  [60n * SECOND_NS, "minute"],
  [SECOND_NS, "second"],
]

/**
 * A lifetime in the largest unit that divides it exactly ("2 weeks", "30 days", "90 minutes"); any
 * duration another client set reads sensibly, and a fraction of a second is rounded up.
 */
export function lifetimeText(inNs: bigint): string {
  for (const [size, unit] of UNITS) {
    if (inNs >= size && inNs % size === 0n) return count(inNs / size, unit)
  }
  return count(inNs <= SECOND_NS ? 1n : (inNs + SECOND_NS - 1n) / SECOND_NS, "second")
}

function count(value: bigint, unit: string): string {
  return `${value} ${unit}${value === 1n ? "" : "s"}`
}

/** The choices the settings offer, in order, with their labels ("Off", "1 hour" … "30 days"). */
export const DISAPPEARING_OPTIONS: readonly { value: DisappearingChoice; label: string }[] = DISAPPEARING_CHOICES.map((choice) => ({
  value: choice,
  label: choice === "off" ? "Off" : lifetimeText(DISAPPEARING_DURATIONS[choice]),
}))

/** "Messages disappear after 1 day", for the header while the setting is on. */
export function disappearingSentence(settings: DisappearingSettings): string {
  return `Messages disappear after ${lifetimeText(BigInt(settings.inNs))}`
}

/** When a message goes, for its tooltip: "Disappears Tue 12 Mar, 14:05". */
export function expiryText(expiresAtNs: Nanos): string {
  const when = dateFromNanos(expiresAtNs).toLocaleString(undefined, { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" })
  return `Disappears ${when}`
}
