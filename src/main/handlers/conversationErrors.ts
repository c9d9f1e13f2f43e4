// Typed failures of conversation requests that the engine itself does not raise.

export type ConversationErrorCode =
  /** No conversation with that id on this installation. */
  | "NotFound"
  /** The request applies to groups, and the conversation is a DM. */
  | "NotAGroup"
  /** The Ethereum account has no XMTP inbox, so it cannot be messaged or added. */
  | "NoInbox"

export class ConversationError extends Error {
  override readonly name = "ConversationError"
  constructor(
    readonly code: ConversationErrorCode,
    message: string,
  ) {
    super(message)
  }
}
