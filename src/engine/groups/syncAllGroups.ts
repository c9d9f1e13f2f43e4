// The group half of syncAll (libxmtp node-bindings-1.10.0 groups/welcome_sync.rs
// sync_all_welcomes_and_groups, filter_groups_needing_sync, sync_groups_in_batches): of the
// conversations listed, only those whose newest envelope on the node is past the local cursor are
// synced, ten at a time; a group counts as synced when it is active and its sync and installation
// check both succeed. Refused envelopes do not fail a group's sync (SYNC-08), so they do not lower
// the count either.
import { CursorKind } from "../storage/cursors"
import type { StoredGroup } from "../storage/groups"
import type { GroupContext } from "./context"
import { carryOutLeaveRequests } from "./conversationSync"
import { syncGroup } from "./groupSync"

/** libxmtp's max_concurrency for sync_all_welcomes_and_groups. */
export const SYNC_ALL_CONCURRENCY = 10

/** Syncs the listed groups that have something new; returns how many active groups synced without error. */
export async function syncGroupsNeedingSync(ctx: GroupContext, rows: readonly StoredGroup[]): Promise<number> {
  const eligible = await groupsNeedingSync(ctx, rows)
  let synced = 0
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < eligible.length) {
      const row = eligible[next++]!
      if (await syncOne(ctx, row)) synced++
    }
  }
  await Promise.all(Array.from({ length: Math.min(SYNC_ALL_CONCURRENCY, eligible.length) }, worker))
  return synced
}

/** A group whose newest envelope is past its cursor; one with no envelope on the node has nothing to fetch. */
async function groupsNeedingSync(ctx: GroupContext, rows: readonly StoredGroup[]): Promise<StoredGroup[]> {
  if (rows.length === 0) return []
  const newest = await ctx.api.mls.getNewestGroupMessage(rows.map((row) => row.id))
  return rows.filter((row, i) => {
    const message = newest[i]
    return message !== undefined && message.id > ctx.db.cursors.get(row.id, CursorKind.Group)
  })
}

async function syncOne(ctx: GroupContext, row: StoredGroup): Promise<boolean> {
  // Read again: another sync may have left the group since it was listed.
  if (!ctx.db.groups.find(row.id)?.isActive) return false
  try {
    await syncGroup(ctx, row.id)
  } catch {
    return false
  }
  // Parley's stand-in for libxmtp's pending-removal worker; its outcome is not the sync's.
  await carryOutLeaveRequests(ctx, row.id).catch(() => undefined)
  return true
}

