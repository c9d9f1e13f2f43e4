// The delivery node's gate for PublishIdentityUpdate: verify every signature of a new update and
// apply it on top of the inbox's accepted history, as libxmtp's identity service does.
import type { AssociationTypes } from "../proto/index"
import type { AssociationState } from "./associationState"
import { memberToProto } from "./memberIdentifier"
import { applyIdentityUpdate, stateFromUpdates } from "./stateFromUpdates"

/**
 * Validates `update` against the inbox's accepted `history` (in order) and returns the resulting
 * state and the members it adds and removes. Throws `AssociationError` (with a `code`) when the
 * update or the history is invalid.
 */
export async function verifyIdentityUpdate(
  history: AssociationTypes.IdentityUpdate[],
  update: AssociationTypes.IdentityUpdate,
): Promise<{
  state: AssociationState
  addedMembers: AssociationTypes.MemberIdentifier[]
  removedMembers: AssociationTypes.MemberIdentifier[]
}> {
  const previous = history.length === 0 ? undefined : await stateFromUpdates(history)
  const state = await applyIdentityUpdate(previous, update)
  const diff = previous === undefined ? state.asDiff() : previous.diff(state)
  return {
    state,
    addedMembers: diff.addedMembers.map(memberToProto),
    removedMembers: diff.removedMembers.map(memberToProto),
  }
}
