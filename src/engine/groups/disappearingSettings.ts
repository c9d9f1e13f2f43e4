// A conversation's disappearing-message settings, read from its mutable metadata (libxmtp
// groups/mod.rs disappearing_settings, node conversation/disappearing_messages.rs): unset means
// undefined (DISAP-05), removal writes zeros (DISAP-04), and they are enabled only when both
// values are positive (DISAP-01).
import { messageDisappearingSettingsOf, type XmtpGroupContext } from "./extensions/index"
import type { MessageDisappearingSettings } from "./publicTypes"

export function disappearingSettingsOf(context: XmtpGroupContext): MessageDisappearingSettings | undefined {
  return messageDisappearingSettingsOf(context.mutableMetadata)
}

export function isDisappearingEnabled(settings: MessageDisappearingSettings | undefined): boolean {
  return settings !== undefined && settings.fromNs > 0n && settings.inNs > 0n
}

export const REMOVED_DISAPPEARING_SETTINGS: MessageDisappearingSettings = { fromNs: 0n, inNs: 0n }
