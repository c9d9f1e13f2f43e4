// When a disappearing message expires (libxmtp mls_sync.rs get_message_expire_at_ns, DISAP-06):
// the local clock at the moment the message is stored (received) or marked published (own), plus
// in_ns, read from the group's mutable metadata as the group is then. from_ns only takes part in
// the enabled flag; it is never compared with message times.
import type { ClientState } from "ts-mls"
import type { StoredMessage } from "../storage/messages"
import { nowNs } from "../storage/rows"
import { disappearingSettingsOf, isDisappearingEnabled } from "./disappearingSettings"
import { readXmtpGroupContext } from "./extensions/index"

/** undefined when the group's disappearing settings are unset or disabled: the message never expires. */
export function messageExpiryFor(state: ClientState, now: bigint = nowNs()): bigint | undefined {
  const settings = disappearingSettingsOf(readXmtpGroupContext(state.groupContext.extensions))
  if (!settings || !isDisappearingEnabled(settings)) return undefined
  // libxmtp adds two i64s in a release build, which wraps: a huge in_ns gives a past expiry.
  return BigInt.asIntN(64, now + settings.inNs)
}

/** The message with its expiry, when it has one. */
export function withExpiry(message: StoredMessage | undefined, expireAtNs: bigint | undefined): StoredMessage | undefined {
  return message && expireAtNs !== undefined ? { ...message, expireAtNs } : message
}
