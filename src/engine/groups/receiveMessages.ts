// Receiving a group's new envelopes in order (libxmtp mls_sync.rs receive/process_messages): an
// envelope that fails for good is skipped (the cursor moves past it, while the group is active, so
// it is not fetched again); a transient failure stops the pass, because processing later
// envelopes first could fork the group.
import type { GroupMessage } from "../api/index"
import { CursorKind } from "../storage/cursors"
import type { GroupContext } from "./context"
import { MessageProcessingError } from "./errors"
import { processEnvelope } from "./processEnvelope"

/** Call with the group's lock held. Returns the envelopes that failed. */
export async function receiveMessages(ctx: GroupContext, groupId: Uint8Array): Promise<MessageProcessingError[]> {
  const afterCursor = ctx.db.cursors.get(groupId, CursorKind.Group)
  const envelopes = await ctx.api.mls.queryAllGroupMessages(groupId, { afterCursor })
  return processEnvelopes(ctx, groupId, envelopes)
}

export async function processEnvelopes(ctx: GroupContext, groupId: Uint8Array, envelopes: readonly GroupMessage[]): Promise<MessageProcessingError[]> {
  const failures: MessageProcessingError[] = []
  for (const envelope of envelopes) {
    if (!isActive(ctx, groupId)) break
    try {
      await processEnvelope(ctx, groupId, envelope)
    } catch (error) {
      if (!(error instanceof MessageProcessingError)) throw error
      // The group paused before this envelope: it and the rest wait for the pause to lift.
      if (error.code === "GroupPaused") break
      // INTENT-08: in ordered sync a message from an epoch this member never reached means the
      // group forked; the signal stays for debug info (libxmtp mark_group_as_maybe_forked).
      if (error.code === "FutureEpoch") ctx.db.forkSignals.set(groupId, error.detail)
      failures.push(error)
      if (error.retryable) break
      ctx.db.cursors.advance(groupId, CursorKind.Group, envelope.id)
    }
  }
  return failures
}

function isActive(ctx: GroupContext, groupId: Uint8Array): boolean {
  return ctx.db.groups.find(groupId)?.isActive ?? false
}
