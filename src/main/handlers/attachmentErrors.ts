// Typed failures of loading a message's attachment that the engine itself does not raise.

export type AttachmentErrorCode =
  /** The message is not a remote attachment, or has no attachment at that index. */
  "NotAnAttachment"

export class AttachmentError extends Error {
  override readonly name = "AttachmentError"
  constructor(
    readonly code: AttachmentErrorCode,
    message: string,
  ) {
    super(message)
  }
}
