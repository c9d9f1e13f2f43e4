// Typed failures of the identity layer. AssociationError codes name libxmtp's AssociationError and
// SignatureError variants, so a rejection can be traced to the reference rule that caused it.

export type AssociationErrorCode =
  /** A create-inbox action on an inbox that already exists. */
  | "MultipleCreate"
  /** An action other than create-inbox on an inbox that does not exist yet. */
  | "NotCreated"
  /** An installation tried to add an installation. */
  | "MemberNotAllowed"
  /** The signer is neither a member nor the recovery identifier, or does not own the inbox. */
  | "MissingExistingMember"
  /** A legacy (XMTP v2) delegated signature used outside a nonce-0 inbox of its own wallet. */
  | "LegacySignatureReuse"
  /** The new member's signature comes from someone else than the member being added. */
  | "NewMemberIdSignatureMismatch"
  /** The update's inbox_id is not the inbox its actions apply to. */
  | "WrongInboxId"
  /** The kind of signature does not fit the signer's role (e.g. a wallet signing with an installation key). */
  | "SignatureNotAllowed"
  /** A signature already used by an earlier update of this inbox. */
  | "Replay"
  /** A member adding itself (libxmtp: Generic "tried to add self"). */
  | "AddSelf"
  /** An Ethereum address that is not 0x followed by 40 hex digits. */
  | "InvalidAccountAddress"
  /** A missing or undecodable field (libxmtp: ConversionError / DeserializationError). */
  | "Malformed"
  /** A signature that does not verify, or whose key or encoding is invalid. */
  | "InvalidSignature"
  /** ERC-1271/6492 smart-contract-wallet signatures need a chain RPC, which Parley does not have. */
  | "SmartContractWalletUnsupported"

export class AssociationError extends Error {
  override readonly name = "AssociationError"
  constructor(
    readonly code: AssociationErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export type SignatureRequestErrorCode =
  /** A signature from someone the request does not wait for. */
  | "UnknownSigner"
  /** The update was built before every required signature was added. */
  | "MissingSigner"
  /** The inbox already has MAX_INSTALLATIONS_PER_INBOX installations. */
  | "TooManyInstallations"

export class SignatureRequestError extends Error {
  override readonly name = "SignatureRequestError"
  constructor(
    readonly code: SignatureRequestErrorCode,
    message: string,
  ) {
    super(message)
  }
}
