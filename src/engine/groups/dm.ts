// A DM (the shape of @xmtp/node-sdk's Dm): a conversation of exactly two inboxes.
import { Conversation } from "./conversation"
import { dmPeerInboxId } from "./dmRules"

export class Dm extends Conversation {
  get peerInboxId(): string {
    return dmPeerInboxId(this.row().dmId ?? "", this.ctx.inboxId)
  }
}
