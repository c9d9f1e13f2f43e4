// Where an all-messages stream starts following a conversation it found after it started (one
// joined while streaming). Not the group's cursor as it is then: another stream or sync of this
// client may have joined the group first and already processed its first messages, which this
// stream would then never see. Instead, from the earliest envelope stored for the group since the
// stream started: for a group joined by welcome, the commit that added this installation.
import { CursorKind } from "../storage/cursors"
import type { GroupContext } from "./context"

export function followCursorSince(ctx: GroupContext, groupId: Uint8Array, sinceNs: bigint): bigint {
  let cursor = ctx.db.cursors.get(groupId, CursorKind.Group)
  for (const message of ctx.db.messages.list([groupId], { insertedAfterNs: sinceNs, sortBy: "insertedAt" })) {
    if (message.sequenceId !== undefined && message.sequenceId < cursor) cursor = message.sequenceId
  }
  return cursor
}
