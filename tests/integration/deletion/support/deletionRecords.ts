// What a client's database holds about deletions, read from its encrypted file beside the running
// client (as mlsStateOnDisk reads group state): the records naming a message, and a message's
// stored bytes as raw queries return them.
import { ClientDatabase } from "../../../../src/engine/storage/clientDatabase"
import type { StoredMessageDeletion } from "../../../../src/engine/storage/messageDeletions"
import type { StoredMessage } from "../../../../src/engine/storage/messages"
import type { ClientProfile } from "../../engine/support/engineHarness"

function read<T>(profile: ClientProfile, query: (db: ClientDatabase) => T): T {
  const db = ClientDatabase.open(profile.dbPath, profile.dbEncryptionKey)
  try {
    return query(db)
  } finally {
    db.close()
  }
}

/** Every deletion record naming the message (hex id), in the order they were stored. */
export function deletionRecords(profile: ClientProfile, messageId: string): StoredMessageDeletion[] {
  return read(profile, (db) => db.messageDeletions.forMessages([Buffer.from(messageId, "hex")]))
}

/** The message row as stored, undefined when the client has no message with this id. */
export function storedMessage(profile: ClientProfile, messageId: string): StoredMessage | undefined {
  return read(profile, (db) => db.messages.find(Buffer.from(messageId, "hex")))
}
