// Reading a stored group with its MLS state, and the errors for a group that is missing or gone.
import { bytesToHex } from "@noble/hashes/utils.js"
import type { ClientState } from "ts-mls"
import { decodeClientState, encodeClientState } from "../mls/stateCodec"
import type { ClientDatabase } from "../storage/clientDatabase"
import type { StoredGroup } from "../storage/groups"
import { GroupError } from "./errors"

export interface LoadedGroup {
  row: StoredGroup
  state: ClientState
}

export function loadGroup(db: ClientDatabase, groupId: Uint8Array): LoadedGroup {
  const row = db.groups.find(groupId)
  if (!row) throw new GroupError("NotFound", `No conversation with id ${bytesToHex(groupId)} is stored.`)
  return { row, state: decodeClientState(row.mlsState) }
}

/** Stores a group's MLS state with the epoch and activity derived from it; call inside the transaction that produced it. */
export function saveGroupState(db: ClientDatabase, groupId: Uint8Array, state: ClientState): void {
  db.groups.updateMlsState(groupId, encodeClientState(state), state.groupContext.epoch, isActiveState(state))
}

export function isActiveState(state: ClientState): boolean {
  return state.groupActiveState.kind === "active"
}

export function assertActive(loaded: LoadedGroup): void {
  if (!isActiveState(loaded.state)) {
    throw new GroupError("GroupInactive", `This installation is no longer a member of conversation ${bytesToHex(loaded.row.id)}.`)
  }
}
