// A group's sync pipeline and the wait for an intent (libxmtp mls_sync.rs sync_with_conn and
// sync_until_intent_resolved): publish queued intents, receive and process new envelopes, run
// post-commit actions; errors of each step are collected and reported together, so one bad
// envelope does not stop the rest.
import { bytesToHex } from "@noble/hashes/utils.js"
import { IntentKind, IntentState } from "../storage/intents"
import { StoredConversationType } from "../storage/groups"
import { nowNs } from "../storage/rows"
import type { GroupContext } from "./context"
import { GroupError, type MessageProcessingError } from "./errors"
import { ensureNotPaused, stillPaused } from "./groupPause"
import { assertActive, loadGroup } from "./groupState"
import { encodeMembershipIntent, isEmptyMembershipIntent } from "./intentData"
import { membershipUpdateIntent } from "./membershipUpdate"
import { postCommit } from "./postCommit"
import { publishIntents } from "./publishIntents"
import { receiveMessages } from "./receiveMessages"

/** libxmtp MAX_GROUP_SYNC_RETRIES. */
export const MAX_GROUP_SYNC_RETRIES = 3
const SYNC_BACKOFF_MS = 50
/** SYNC_UPDATE_INSTALLATIONS_INTERVAL_NS (production): members' new installations are looked for every 30 minutes. */
export const SYNC_UPDATE_INSTALLATIONS_INTERVAL_NS = 30n * 60n * 1_000_000_000n
/** SEND_MESSAGE_UPDATE_INSTALLATIONS_INTERVAL_NS: and before sending, every 5 seconds. */
export const SEND_UPDATE_INSTALLATIONS_INTERVAL_NS = 5n * 1_000_000_000n
/** Group leaf keys are rotated (a KeyUpdate commit) before sending when older than 30 days. */
export const KEY_ROTATION_INTERVAL_NS = 30n * 24n * 60n * 60n * 1_000_000_000n

interface SyncOutcome {
  /** Envelopes refused while receiving: reported, never a reason to fail the sync. */
  failures: MessageProcessingError[]
  publishErrors: unknown[]
  postCommitErrors: unknown[]
  /** The receive step itself failed (the node could not be read). */
  other: unknown[]
}

/** What a sync that did not fail ran into (libxmtp SyncSummary): refused envelopes and the errors tolerated. */
export interface SyncSummary {
  failures: readonly MessageProcessingError[]
  errors: readonly unknown[]
}

const emptyOutcome = (): SyncOutcome => ({ failures: [], publishErrors: [], postCommitErrors: [], other: [] })

/**
 * One pass, under the group's lock. Throws GroupError("GroupInactive") for a group this
 * installation left; a paused group is not synced at all, and that is a success (SYNC-08, META-08).
 */
async function syncOnce(ctx: GroupContext, groupId: Uint8Array): Promise<SyncOutcome> {
  return ctx.locks.run(bytesToHex(groupId), async () => {
    assertActive(loadGroup(ctx.db, groupId))
    const outcome = emptyOutcome()
    if (stillPaused(ctx, groupId)) return outcome
    try {
      await publishIntents(ctx, groupId)
    } catch (error) {
      outcome.publishErrors.push(error)
    }
    try {
      outcome.failures.push(...(await receiveMessages(ctx, groupId)))
    } catch (error) {
      outcome.other.push(error)
    }
    try {
      await postCommit(ctx, groupId)
    } catch (error) {
      outcome.postCommitErrors.push(error)
    }
    return outcome
  })
}

const toleratedErrors = (outcome: SyncOutcome): unknown[] => [...outcome.publishErrors, ...outcome.postCommitErrors, ...outcome.other]

/**
 * libxmtp 1.10.0 SyncSummary::is_errored: the sync fails when receiving failed, or when both
 * publishing and the post-commit step did; refused envelopes alone never fail it.
 */
function throwIfFailed(groupId: Uint8Array, outcome: SyncOutcome): SyncSummary {
  const errored = outcome.other.length > 0 || (outcome.publishErrors.length > 0 && outcome.postCommitErrors.length > 0)
  const errors = toleratedErrors(outcome)
  if (!errored) return { failures: outcome.failures, errors }
  const reasons = errors.map((e) => (e instanceof Error ? e.message : String(e)))
  throw new GroupError("SyncFailed", `Syncing conversation ${bytesToHex(groupId)} failed: ${reasons.join("; ")}`, {
    failures: outcome.failures,
    cause: errors[0],
  })
}

/** group.sync(): one pass, then the periodic check for members' new or revoked installations. */
export async function syncGroup(ctx: GroupContext, groupId: Uint8Array): Promise<SyncSummary> {
  const summary = await syncGroupMessages(ctx, groupId)
  await maybeUpdateInstallations(ctx, groupId, SYNC_UPDATE_INSTALLATIONS_INTERVAL_NS)
  return summary
}

/** One pass (publish, receive, post-commit) without the installations check; throws GroupError("SyncFailed") as libxmtp's sync_with_conn fails. */
export async function syncGroupMessages(ctx: GroupContext, groupId: Uint8Array): Promise<SyncSummary> {
  return throwIfFailed(groupId, await syncOnce(ctx, groupId))
}

/** Syncs until the intent is done (Processed), up to MAX_GROUP_SYNC_RETRIES passes. */
export async function syncUntilIntentResolved(ctx: GroupContext, groupId: Uint8Array, intentId: number): Promise<void> {
  // A paused group's sync does nothing, so its intents would never resolve.
  ensureNotPaused(ctx, groupId)
  let last: SyncOutcome | undefined
  for (let attempt = 0; attempt < MAX_GROUP_SYNC_RETRIES; attempt++) {
    last = await syncOnce(ctx, groupId)
    const intent = ctx.db.intents.find(intentId)
    if (!intent || intent.state === IntentState.Processed) return
    if (intent.state === IntentState.Error) throw intentError(groupId, intent.error ?? "unknown error", last)
    if (intent.state === IntentState.Superseded) throw new IntentSupersededError(groupId, intentId)
    // Paused by what this pass received: the intent waits for the pause to lift.
    ensureNotPaused(ctx, groupId)
    await new Promise((resolve) => setTimeout(resolve, SYNC_BACKOFF_MS * 2 ** attempt))
  }
  throw new GroupError("SyncFailedToWait", `The change to conversation ${bytesToHex(groupId)} was not confirmed after ${MAX_GROUP_SYNC_RETRIES} syncs; it stays queued.`, {
    failures: last?.failures ?? [],
    cause: last && toleratedErrors(last)[0],
  })
}

/** A guarded intent abandoned because what it guarded changed (INTENT-02: Superseded); the caller says how. */
export class IntentSupersededError extends GroupError {
  constructor(
    groupId: Uint8Array,
    readonly intentId: number,
  ) {
    super("IntentFailed", `The change to conversation ${bytesToHex(groupId)} was superseded by another member's change and not sent.`)
  }
}

function intentError(groupId: Uint8Array, error: string, outcome: SyncOutcome): GroupError {
  const options = { failures: outcome.failures, cause: toleratedErrors(outcome)[0] }
  if (error.startsWith("CommitValidation:InsufficientPermissions")) {
    return new GroupError("PermissionDenied", `The group's permissions do not allow this change (${error}).`, options)
  }
  return new GroupError("IntentFailed", `The change to conversation ${bytesToHex(groupId)} failed: ${error}`, options)
}

export interface QueuedMessage {
  messageId: Uint8Array
  insert: () => void
}

/**
 * Queues an intent (libxmtp QueueIntent): a message is stored with it in one transaction, and a key
 * rotation goes first when the group's leaf key is due; any other intent counts as a rotation.
 */
export function queueIntent(
  ctx: GroupContext,
  groupId: Uint8Array,
  intent: { kind: IntentKind; data: Uint8Array; shouldPush: boolean; message?: QueuedMessage },
): number {
  return ctx.db.transaction(() => {
    ensureNotPaused(ctx, groupId)
    const row = loadGroup(ctx.db, groupId).row
    const now = nowNs()
    if (intent.kind === IntentKind.SendMessage) {
      if (now - row.rotatedAtNs > KEY_ROTATION_INTERVAL_NS) {
        ctx.db.intents.insert({ kind: IntentKind.KeyUpdate, groupId, data: new Uint8Array(), shouldPush: false })
        ctx.db.groups.setRotatedAt(groupId, now)
      }
    } else {
      ctx.db.groups.setRotatedAt(groupId, now)
    }
    intent.message?.insert()
    return ctx.db.intents.insert({
      kind: intent.kind,
      groupId,
      data: intent.data,
      shouldPush: intent.shouldPush,
      ...(intent.message ? { messageId: intent.message.messageId } : {}),
    })
  })
}

/** A membership commit bringing every member's installations up to date, when one is due (MEMB-09). */
export async function maybeUpdateInstallations(ctx: GroupContext, groupId: Uint8Array, intervalNs: bigint): Promise<void> {
  const { row, state } = loadGroup(ctx.db, groupId)
  if (row.conversationType === StoredConversationType.Sync || row.conversationType === StoredConversationType.Oneshot) return
  // A paused group sends nothing until the pause lifts.
  if (ctx.db.pausedGroups.get(groupId) !== undefined) return
  const now = nowNs()
  if (now - row.installationsLastCheckedNs <= intervalNs || !row.isActive) return
  const data = await membershipUpdateIntent(ctx, state, [], [])
  if (!isEmptyMembershipIntent(data)) {
    const intentId = queueIntent(ctx, groupId, { kind: IntentKind.UpdateGroupMembership, data: encodeMembershipIntent(data), shouldPush: false })
    await syncUntilIntentResolved(ctx, groupId, intentId)
  }
  ctx.db.groups.setInstallationsChecked(groupId, now)
}

/** group.updateInstallations() (libxmtp update_installations): the same check now, whatever the interval; a paused group refuses it. */
export async function updateInstallations(ctx: GroupContext, groupId: Uint8Array): Promise<void> {
  ensureNotPaused(ctx, groupId)
  // Any time since the last check is long enough.
  await maybeUpdateInstallations(ctx, groupId, -1n)
}
