// Why a "delete for everyone" was refused before anything was sent (libxmtp groups/error.rs
// DeleteMessageError, checked in the order groups/mod.rs delete_message checks them, DEL-01).

export type DeleteMessageErrorCode =
  /** No message with this id is stored on this installation. */
  | "MessageNotFound"
  /** The message belongs to another conversation, or the caller is neither its sender nor a super admin. */
  | "NotAuthorized"
  /** A deletion of this message is already recorded. */
  | "MessageAlreadyDeleted"
  /** Transcripts, reactions, read receipts, deletes and other control messages cannot be deleted. */
  | "NonDeletableMessage"

export class DeleteMessageError extends Error {
  override readonly name = "DeleteMessageError"
  constructor(
    readonly code: DeleteMessageErrorCode,
    message: string,
  ) {
    super(message)
  }
}
