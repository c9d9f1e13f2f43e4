// The placeholder that message lists show in place of a validly deleted message (libxmtp 1.10
// messages/enrichment.rs, content type xmtp.org/deletedMessage:1.0). It is never encoded or sent:
// each client derives it from a DeleteMessage it has checked.
import { CONTENT_TYPE_IDS } from "./ids"

export const DELETED_MESSAGE_CONTENT_TYPE = CONTENT_TYPE_IDS.deletedMessage

export type DeletedMessage =
  /** The message's own sender deleted it. */
  | { deletedBy: "sender" }
  /** A super admin deleted someone else's message. */
  | { deletedBy: "admin"; adminInboxId: string }
