// Paused groups (libxmtp node-bindings-1.10.0 groups/mls_sync.rs handle_group_paused and
// post_process_message, groups/mod.rs ensure_not_paused, welcomes/xmtp_welcome.rs): a group whose
// minimum supported protocol version is above this client's is paused, at the welcome or at the
// commit that raised it. While paused its sync does nothing and every change or send fails; the
// pause lifts at the next sync once this client's version satisfies it.
import type { GroupContext } from "./context"
import { GroupError } from "./errors"
import { METADATA_FIELD, type XmtpGroupContext } from "./extensions/index"
import { PARLEY_PROTOCOL_VERSION, unmetMinimumVersion } from "./protocolVersion"

export function minimumVersionOf(context: XmtpGroupContext): string | undefined {
  return context.mutableMetadata.attributes.get(METADATA_FIELD.minimumSupportedProtocolVersion)
}

/** The version a group requires of this client and this client lacks (pause for it), if any. */
export function versionToPauseFor(context: XmtpGroupContext): string | undefined {
  return unmetMinimumVersion(minimumVersionOf(context))
}

export function pausedMessage(minVersion: string): string {
  return `Group is paused until version ${minVersion} is available (this client implements ${PARLEY_PROTOCOL_VERSION}).`
}

/** Throws GroupError("GroupPausedUntilUpdate") while the group is paused (ensure_not_paused). */
export function ensureNotPaused(ctx: GroupContext, groupId: Uint8Array): void {
  const minVersion = ctx.db.pausedGroups.get(groupId)
  if (minVersion !== undefined) throw new GroupError("GroupPausedUntilUpdate", pausedMessage(minVersion))
}

/** Lifts the pause when this client now satisfies it; true while the group stays paused. */
export function stillPaused(ctx: GroupContext, groupId: Uint8Array): boolean {
  const minVersion = ctx.db.pausedGroups.get(groupId)
  if (minVersion === undefined) return false
  if (unmetMinimumVersion(minVersion) !== undefined) return true
  ctx.db.pausedGroups.clear(groupId)
  return false
}

/** Lifts every pause this client's version now satisfies (unstick_paused_groups). */
export function unstickPausedGroups(ctx: GroupContext): void {
  for (const { groupId } of ctx.db.pausedGroups.list()) stillPaused(ctx, groupId)
}
