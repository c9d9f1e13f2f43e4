// A stored message as the API returns it on its own (getMessageById, streams): enriched alone, as
// libxmtp's message_v2 does (ENR-06), so it carries the reactions, reply count, reply target and
// deletion state known when it is read. Undefined when its bytes are not an EncodedContent (the
// SDK's getMessageById returns undefined for those too).
import { enrichMessages } from "../content/enrichment"
import type { ClientDatabase } from "../storage/clientDatabase"
import type { StoredMessage } from "../storage/messages"
import { conversationGroupIds } from "./messageQueryOptions"
import type { DecodedMessage } from "./publicTypes"

export function toDecodedMessage(db: ClientDatabase, message: StoredMessage): DecodedMessage | undefined {
  return enrichMessages(db, message.groupId, conversationGroupIds(db, message.groupId), [message])[0]
}
