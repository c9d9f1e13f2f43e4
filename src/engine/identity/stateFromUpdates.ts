// Association state from an inbox's identity-update log (libxmtp `get_state` / `apply_update`).
import type { AssociationTypes } from "../proto/index"
import type { AssociationState } from "./associationState"
import { applyVerifiedUpdate } from "./associationRules"
import { AssociationError } from "./errors"
import { verifyUpdateSignatures } from "./verifyUpdateSignatures"

/** Verifies and applies a whole log in order; the first invalid update fails the whole log. */
export async function stateFromUpdates(updates: AssociationTypes.IdentityUpdate[]): Promise<AssociationState> {
  let state: AssociationState | undefined
  for (const update of updates) state = applyVerifiedUpdate(state, await verifyUpdateSignatures(update))
  if (state === undefined) throw new AssociationError("NotCreated", "The identity-update log is empty: no inbox was created.")
  return state
}

/** Verifies one update and applies it on top of `state`. */
export async function applyIdentityUpdate(
  state: AssociationState | undefined,
  update: AssociationTypes.IdentityUpdate,
): Promise<AssociationState> {
  return applyVerifiedUpdate(state, await verifyUpdateSignatures(update))
}
