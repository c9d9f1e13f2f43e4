// Disappearing messages as the user picks them: off, or one of the durations a messenger offers.
// The engine stores any (fromNs, inNs) pair another client may have set; Parley offers these and
// shows whatever a conversation has.
import { z } from "zod"

const SECOND_NS = 1_000_000_000n
const HOUR_NS = 3_600n * SECOND_NS
const DAY_NS = 24n * HOUR_NS

/** The durations offered, shortest first, each with how long a message lives in nanoseconds. */
export const DISAPPEARING_DURATIONS = {
  oneHour: HOUR_NS,
  oneDay: DAY_NS,
  oneWeek: 7n * DAY_NS,
  thirtyDays: 30n * DAY_NS,
} as const satisfies Record<string, bigint>

export type DisappearingDuration = keyof typeof DISAPPEARING_DURATIONS

export const DISAPPEARING_CHOICES = ["off", ...(Object.keys(DISAPPEARING_DURATIONS) as DisappearingDuration[])] as const
/** What `conversations:setDisappearing` takes: "off" removes the setting, a duration turns it on from now. */
export const disappearingChoiceSchema = z.enum(DISAPPEARING_CHOICES)
export type DisappearingChoice = z.infer<typeof disappearingChoiceSchema>

/** How long messages live for a choice; null for "off". */
export function disappearingDurationNs(choice: DisappearingChoice): bigint | null {
  return choice === "off" ? null : DISAPPEARING_DURATIONS[choice]
}

/** The offered choice a lifetime matches, or undefined when another client set a duration Parley does not offer. */
export function disappearingChoiceOf(inNs: bigint | null): DisappearingChoice | undefined {
  if (inNs === null) return "off"
  return (Object.keys(DISAPPEARING_DURATIONS) as DisappearingDuration[]).find((choice) => DISAPPEARING_DURATIONS[choice] === inNs)
}
