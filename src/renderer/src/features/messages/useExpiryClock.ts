// Disappearing messages leave the screen when they expire. The engine deletes them from the
// database then, but the window holds what it was sent, so the list hides what is due and wakes up
// at the next expiry to hide that too.
import { useEffect, useState } from "react"
import type { Message } from "../../../../shared/dto/message"

/** setTimeout's longest delay; a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2_147_483_647

function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n
}

export function isExpired(message: Message, atNs: bigint): boolean {
  return message.expiresAtNs !== null && BigInt(message.expiresAtNs) <= atNs
}

/** The current time in nanoseconds, renewed when the next of `messages` expires. */
export function useExpiryClock(messages: Record<string, Message> | undefined): bigint {
  const [now, setNow] = useState(nowNs)
  useEffect(() => {
    let next: bigint | undefined
    for (const message of Object.values(messages ?? {})) {
      if (message.expiresAtNs === null) continue
      const at = BigInt(message.expiresAtNs)
      if (at > now && (next === undefined || at < next)) next = at
    }
    if (next === undefined) return
    const delayMs = Number((next - nowNs()) / 1_000_000n) + 1
    const timer = setTimeout(() => setNow(nowNs()), Math.min(Math.max(delayMs, 0), MAX_TIMER_MS))
    return () => clearTimeout(timer)
  }, [messages, now])
  return now
}
