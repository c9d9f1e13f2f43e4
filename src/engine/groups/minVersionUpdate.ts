// Raising the protocol version a group requires of its members (META-07; libxmtp groups/mod.rs
// update_group_min_version, whose guards are those at a53a97e): the version must parse, must not
// exceed this client's own (which would pause it), and must not lower the group's current floor
// (which would unpause members between the two). Only super admins may change the field: its
// policy in every preset, enforced when the commit is built.
import type { GroupContext } from "./context"
import { GroupError } from "./errors"
import { METADATA_FIELD, readXmtpGroupContext } from "./extensions/index"
import { ensureNotPaused, minimumVersionOf } from "./groupPause"
import { loadGroup } from "./groupState"
import { applyGroupUpdate } from "./groupUpdates"
import { compareProtocolVersions, PARLEY_PROTOCOL_VERSION, parseProtocolVersion } from "./protocolVersion"

export async function updateGroupMinVersion(ctx: GroupContext, groupId: Uint8Array, version: string): Promise<void> {
  ensureNotPaused(ctx, groupId)
  const requested = parseProtocolVersion(version)
  if (!requested) {
    throw new GroupError("InvalidMinVersion", `invalid min_version ${JSON.stringify(version)}: a version is MAJOR.MINOR.PATCH, e.g. 1.10.0`)
  }
  if (compareProtocolVersions(requested, parseProtocolVersion(PARLEY_PROTOCOL_VERSION)!) > 0) {
    throw new GroupError("MinVersionExceedsOwnVersion", `min_version ${version} exceeds own version ${PARLEY_PROTOCOL_VERSION}: this client would pause itself.`)
  }
  const current = minimumVersionOf(readXmtpGroupContext(loadGroup(ctx.db, groupId).state.groupContext.extensions))
  // Lenient on a floor that does not parse, so a group holding one can still be given a valid one.
  const floor = current ? parseProtocolVersion(current) : undefined
  if (current && floor && compareProtocolVersions(requested, floor) < 0) {
    throw new GroupError("MinVersionDowngrade", `min_version ${version} would downgrade existing floor ${current}.`)
  }
  await applyGroupUpdate(ctx, groupId, { kind: "metadata", fieldName: METADATA_FIELD.minimumSupportedProtocolVersion, fieldValue: version })
}
