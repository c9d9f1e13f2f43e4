// Deletion events (libxmtp LocalEvents::MessageDeleted, behind the node binding's
// streamMessageDeletions): each names the message a deletion took away, decoded as it was sent and
// not enriched, as libxmtp's DecodedMessage::try_from presents it. A DeleteMessage yields one when
// its record names a stored message: on receipt once accepted (process_delete_message), and for
// this installation's own only once the network has it (process_own_delete_message), so a deletion
// still queued locally streams nothing yet, and neither does one that arrived before its target.
import { decodeStoredMessage } from "../content/enrichmentDecode"
import type { ClientDatabase } from "../storage/clientDatabase"
import { StoredContentType, type StoredMessage } from "../storage/messages"
import type { DecodedMessage } from "./publicTypes"

export type DeletedMessageListener = (message: DecodedMessage) => void

export class MessageDeletionEvents {
  private readonly listeners = new Set<DeletedMessageListener>()

  /** Returns the unsubscribe function. */
  subscribe(listener: DeletedMessageListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Tells listeners about the message `stored` deletes, when it is a DeleteMessage whose deletion was recorded. */
  messageStored(db: ClientDatabase, stored: StoredMessage): void {
    if (stored.contentType !== StoredContentType.DeleteMessage || this.listeners.size === 0) return
    const deletion = db.messageDeletions.find(stored.id)
    const original = deletion && db.messages.find(deletion.deletedMessageId)
    const decoded = original && decodeStoredMessage(original)
    if (decoded) this.emit(decoded)
  }

  emit(message: DecodedMessage): void {
    for (const listener of [...this.listeners]) listener(message)
  }
}
