// app_data with an optional compare-and-swap guard (META-03; libxmtp groups/mod.rs update_app_data
// and mls_sync.rs get_publish_intent_data at a53a97e, the node binding's
// updateAppData({value, expectedValue})). Without an expected value the last writer wins. With one,
// the call fails at once when the group's value differs, and the queued change is abandoned
// (Superseded, nothing sent) when another member's commit changes the value before it is published.
import type { GroupContext } from "./context"
import { GroupError } from "./errors"
import { METADATA_FIELD } from "./extensions/index"
import { ensureNotPaused } from "./groupPause"
import { loadGroup } from "./groupState"
import { IntentSupersededError } from "./groupSync"
import { applyGroupUpdate, assertNotDm } from "./groupUpdates"
import { committedValue } from "./metadataGuard"
import { exceededMetadataLimit, tooManyCharactersMessage } from "./metadataLimits"

export async function updateAppData(ctx: GroupContext, groupId: Uint8Array, value: string, expectedValue?: string): Promise<void> {
  ensureNotPaused(ctx, groupId)
  const limit = exceededMetadataLimit(METADATA_FIELD.appData, value)
  if (limit !== undefined) throw new GroupError("TooManyCharacters", tooManyCharactersMessage(limit))
  assertNotDm(ctx, groupId)
  if (expectedValue !== undefined) {
    const actual = committedValue(loadGroup(ctx.db, groupId).state, METADATA_FIELD.appData)
    if (actual !== expectedValue) throw superseded(expectedValue, actual ?? "")
  }
  try {
    await applyGroupUpdate(ctx, groupId, {
      kind: "metadata",
      fieldName: METADATA_FIELD.appData,
      fieldValue: value,
      ...(expectedValue !== undefined ? { expectedFieldValue: expectedValue } : {}),
    })
  } catch (error) {
    if (expectedValue === undefined || !(error instanceof IntentSupersededError)) throw error
    throw superseded(expectedValue, committedValue(loadGroup(ctx.db, groupId).state, METADATA_FIELD.appData) ?? "")
  }
}

function superseded(expected: string, actual: string): GroupError {
  return new GroupError(
    "AppDataSuperseded",
    `app data update was superseded; expected ${JSON.stringify(expected)} but the committed value is ${JSON.stringify(actual)}`,
  )
}
