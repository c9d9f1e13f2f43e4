// Publishing a group's queued intents (libxmtp mls_sync.rs publish_intents). Each payload is saved
// with the intent, together with the MLS state it leaves behind, before the network call; a
// payload whose send failed or was cut short by a crash is sent again, byte for byte (the node
// stores a message once per group and bytes), until it is read back or its attempts run out.
import { sha256 } from "@noble/hashes/sha2.js"
import { encodeClientState } from "../mls/stateCodec"
import { IntentKind, IntentState, type StoredIntent } from "../storage/intents"
import type { GroupContext } from "./context"
import { encodeSendWelcomes } from "./intentData"
import { buildPublishData, OwnCommitRejected } from "./intentPayloads"
import { loadGroup, saveGroupState } from "./groupState"
import { isGuardViolated } from "./metadataGuard"
import { encodeValidatedCommit } from "./validatedCommitTypes"

/** libxmtp MAX_INTENT_PUBLISH_ATTEMPTS. */
export const MAX_INTENT_PUBLISH_ATTEMPTS = 3

export const isCommitIntent = (intent: StoredIntent): boolean => intent.kind !== IntentKind.SendMessage

/** Call with the group's lock held. Throws the first publish failure (after recording it). */
export async function publishIntents(ctx: GroupContext, groupId: Uint8Array): Promise<void> {
  const inFlight = ctx.db.intents.listByState(groupId, [IntentState.Published])
  for (const intent of inFlight) {
    if (intent.publishedPayload) await send(ctx, intent, intent.publishedPayload)
  }
  const commitInFlight = inFlight.some(isCommitIntent)
  for (const intent of ctx.db.intents.listByState(groupId, [IntentState.ToPublish])) {
    // One commit per epoch from this installation: the next waits until this one is merged.
    if (isCommitIntent(intent) && commitInFlight) return
    const { state } = loadGroup(ctx.db, groupId)
    if (isGuardViolated(intent, state)) {
      // Terminal without spending publish attempts or stopping the other intents (META-03).
      ctx.db.intents.setSuperseded(intent.id)
      continue
    }
    let data
    try {
      data = await buildPublishData(ctx, intent, state)
    } catch (error) {
      if (error instanceof OwnCommitRejected) {
        ctx.db.transaction(() => {
          saveGroupState(ctx.db, groupId, error.stateIfDiscarded)
          ctx.db.intents.setError(intent.id, `CommitValidation:${error.reason.code}: ${error.reason.message}`)
        })
        continue
      }
      recordFailure(ctx, intent, error)
      throw error
    }
    if (!data) {
      ctx.db.intents.setProcessed(intent.id)
      continue
    }
    const published = data
    ctx.db.transaction(() => {
      saveGroupState(ctx.db, groupId, published.stateAfterPublish)
      ctx.db.intents.setPublished(intent.id, {
        payloadHash: sha256(published.payload),
        publishedPayload: published.payload,
        publishedInEpoch: published.epoch,
        ...(published.commit
          ? {
              stagedState: encodeClientState(published.commit.staged),
              commitSummary: encodeValidatedCommit(published.commit.summary),
              ...(published.commit.welcomes ? { postCommitData: encodeSendWelcomes(published.commit.welcomes) } : {}),
            }
          : {}),
      })
    })
    await send(ctx, { ...intent, state: IntentState.Published }, published.payload)
    if (published.commit) return
  }
}

async function send(ctx: GroupContext, intent: StoredIntent, payload: Uint8Array): Promise<void> {
  try {
    await ctx.api.mls.sendGroupMessages([{ data: payload, shouldPush: intent.shouldPush }])
  } catch (error) {
    recordFailure(ctx, intent, error)
    throw error
  }
}

/** One more failed attempt; at the limit the intent fails and its message is marked Failed. */
function recordFailure(ctx: GroupContext, intent: StoredIntent, error: unknown): void {
  ctx.db.transaction(() => {
    if (intent.publishAttempts + 1 >= MAX_INTENT_PUBLISH_ATTEMPTS) {
      ctx.db.intents.setError(intent.id, `PublishFailed: ${error instanceof Error ? error.message : String(error)}`)
      if (intent.messageId) ctx.db.messages.setFailed(intent.messageId)
    } else {
      ctx.db.intents.incrementPublishAttempts(intent.id)
    }
  })
}
