// A conversation's disappearing-message setting behind the contract: read as the settings show it
// (null while off, as in the summary), and set as the SDK sets it, for groups and DMs alike; and a
// message's expiry for its DTO.
import type { Dm, Group } from "../../engine/index"
import type { DisappearingSettings } from "../../shared/dto/conversation"
import { type DisappearingChoice, disappearingDurationNs } from "../../shared/dto/disappearing"

/** The setting while messages disappear; null when it is unset or was removed (both values zero). */
export function disappearingDto(conversation: Group | Dm): DisappearingSettings | null {
  if (!conversation.isMessageDisappearingEnabled()) return null
  const settings = conversation.messageDisappearingSettings()
  return settings ? { fromNs: settings.fromNs.toString(), inNs: settings.inNs.toString() } : null
}

/**
 * "off" removes the setting; a duration applies to messages sent from now on (an SDK client sets
 * fromNs to the current time in the same way). A group's updateMessageDisappearingPolicy decides
 * who may: a refused change fails with the engine's GroupError("PermissionDenied").
 */
export async function applyDisappearingChoice(conversation: Group | Dm, choice: DisappearingChoice, nowNs: bigint = BigInt(Date.now()) * 1_000_000n): Promise<void> {
  const inNs = disappearingDurationNs(choice)
  if (inNs === null) await conversation.removeMessageDisappearingSettings()
  else await conversation.updateMessageDisappearingSettings(nowNs, inNs)
}

/**
 * A message's expiry for the DTO. libxmtp computes it with wrapping i64 arithmetic, so a huge
 * lifetime can give a negative time: that message is already due, which "0" says without
 * breaking the contract's unsigned timestamps.
 */
export function expiryDto(expiresAtNs: bigint | undefined): string | null {
  if (expiresAtNs === undefined) return null
  return expiresAtNs < 0n ? "0" : expiresAtNs.toString()
}
