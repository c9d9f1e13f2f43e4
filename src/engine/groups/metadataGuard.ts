// The compare-and-swap guard of a metadata change (META-03; libxmtp a53a97e mls_sync.rs
// get_publish_intent_data): the value the caller expects a field to hold, checked against the
// group's committed value each time the change is about to be published.
import type { ClientState } from "ts-mls"
import { IntentKind, type StoredIntent } from "../storage/intents"
import { readXmtpGroupContext } from "./extensions/index"
import { decodeGroupUpdate } from "./groupUpdateIntents"

/**
 * True when a guarded metadata change's expected value is no longer the group's; checked at every
 * publish, the republish after a lost epoch race included.
 */
export function isGuardViolated(intent: StoredIntent, state: ClientState): boolean {
  if (intent.kind !== IntentKind.MetadataUpdate) return false
  const update = decodeGroupUpdate(intent.data)
  if (update.kind !== "metadata" || update.expectedFieldValue === undefined) return false
  return committedValue(state, update.fieldName) !== update.expectedFieldValue
}

/** The field as committed; undefined when the group never set it (which never matches an expectation). */
export function committedValue(state: ClientState, fieldName: string): string | undefined {
  return readXmtpGroupContext(state.groupContext.extensions).mutableMetadata.attributes.get(fieldName)
}
