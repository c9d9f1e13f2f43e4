// Typed failures of invite links: what went wrong with a token, an invite or a join request, in
// words the person who opened the link can act on.

export type InviteErrorCode =
  /** The token is not a Parley invite token (wrong length, version or encoding). */
  | "MalformedToken"
  /** The conversation is a DM (or not a group this client knows), which nobody can be invited to. */
  | "NotAGroup"
  /** This client is no longer an active member of the group. */
  | "GroupInactive"
  /** The group's policy does not let this member add people, so it cannot hand out links either. */
  | "NotPermitted"
  /** The token names an invite this client never created (or another installation's). */
  | "UnknownInvite"
  | "Revoked"
  | "Expired"
  /** The link was created by this inbox: there is nobody to ask. */
  | "OwnInvite"
  /** A join request this client has no record of, or one already decided. */
  | "RequestNotFound"
  /** An expiry in the past or a note over the size limit. */
  | "InvalidOptions"

export class InviteError extends Error {
  override readonly name = "InviteError"
  constructor(
    readonly code: InviteErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}
