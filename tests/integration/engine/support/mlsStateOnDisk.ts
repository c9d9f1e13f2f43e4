// Reads a closed client's stored MLS state for a group straight from its encrypted database file,
// so a test can check what that state can and cannot decrypt.
import type { ClientState } from "ts-mls"
import { decodeClientState } from "../../../../src/engine/mls/stateCodec"
import { ClientDatabase } from "../../../../src/engine/storage/clientDatabase"
import type { ClientProfile } from "./engineHarness"

export function storedGroupState(profile: ClientProfile, groupIdHex: string): ClientState {
  const db = ClientDatabase.open(profile.dbPath, profile.dbEncryptionKey)
  try {
    const row = db.groups.find(Buffer.from(groupIdHex, "hex"))
    if (!row) throw new Error(`group ${groupIdHex} is not stored in ${profile.name}'s database`)
    return decodeClientState(row.mlsState)
  } finally {
    db.close()
  }
}
