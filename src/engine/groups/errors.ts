// Typed failures of conversations. Codes follow libxmtp's GroupError, GroupMessageProcessingError
// and CommitValidationError variants (node-bindings-1.10.0) so a failure can be traced to the rule
// the reference applies.

export type GroupErrorCode =
  /** No conversation with that id is stored. */
  | "NotFound"
  /** This installation was removed from the group: it can read what it has, not sync or send. */
  | "GroupInactive"
  /** An inbox id with no identity updates on the network (libxmtp MissingSequenceId). */
  | "UnknownInbox"
  /** None of the added inboxes' installations had a usable key package. */
  | "FailedToVerifyInstallations"
  /** The group's rules do not let this member make this change. */
  | "PermissionDenied"
  /** A DM only ever has its two members. */
  | "DmMembershipForbidden"
  /** A welcome's tree does not match the inboxes its membership names (libxmtp InvalidGroupMembership). */
  | "InvalidGroupMembership"
  /** A DM welcome that breaks the DM rules (libxmtp DmValidationError). */
  | "InvalidDm"
  /** A welcome that cannot be opened with any of this installation's key packages. */
  | "NoMatchingKeyPackage"
  /** A welcome for a group this installation is already in at that epoch or later. */
  | "WelcomeAlreadyProcessed"
  /** A welcome Parley cannot open (a welcome pointer without an X-Wing key, an unknown version). */
  | "UnsupportedWelcome"
  /** A welcome that does not decrypt, decode or join. */
  | "InvalidWelcome"
  /** Syncing processed the group but some envelopes failed; `failures` says which and why. */
  | "SyncFailed"
  /** An outgoing intent failed for good (its publish attempts ran out, or its commit was invalid). */
  | "IntentFailed"
  /** An intent was still unresolved after the bounded number of syncs. */
  | "SyncFailedToWait"
  /** An argument is not valid (a malformed inbox or conversation id). */
  | "InvalidArgument"
  /** A metadata value longer (in UTF-8 bytes) than its field allows (CONST-02). */
  | "TooManyCharacters"
  /** A DM's name, description, image, app data, admins and permissions never change (DM-05). */
  | "DmGroupMetadataForbidden"
  /** A metadata permission update that names no metadata field (PERM-13). */
  | "InvalidPermissionUpdate"
  /** DoesNotExist and Other describe stored policies; they cannot be chosen (PERM-15). */
  | "InvalidPermissionPolicyOption"
  /** Only a member can ask to leave (LEAVE-01). */
  | "NotAGroupMember"
  /** The only member of a group cannot ask to leave it (LEAVE-01). */
  | "SingleMemberLeaveRejected"
  /** Neither member of a DM can leave it (DM-06). */
  | "DmLeaveForbidden"
  /** A super admin must be demoted before asking to leave (LEAVE-01). */
  | "SuperAdminLeaveForbidden"
  /** Adding by identifier would take the group past 250 members (CONST-01). */
  | "UserLimitExceeded"
  /** An identifier to add has no inbox on the network (MEMB-03). */
  | "AddressNotFound"
  /** The group requires a newer protocol version than this client's (META-08); `pausedForVersion()` says which. */
  | "GroupPausedUntilUpdate"
  /** A minimum protocol version that is not MAJOR.MINOR.PATCH (META-07). */
  | "InvalidMinVersion"
  /** A minimum protocol version above this client's own, which would pause it (META-07). */
  | "MinVersionExceedsOwnVersion"
  /** A minimum protocol version below the group's current one (META-07). */
  | "MinVersionDowngrade"
  /** A guarded app data update whose expected value no longer matches the group's (META-03). */
  | "AppDataSuperseded"

export class GroupError extends Error {
  override readonly name = "GroupError"
  /** For SyncFailed (and intent failures met while syncing): the envelopes that were refused. */
  readonly failures: readonly MessageProcessingError[]

  constructor(
    readonly code: GroupErrorCode,
    message: string,
    options?: { cause?: unknown; failures?: readonly MessageProcessingError[] },
  ) {
    super(message, options)
    this.failures = options?.failures ?? []
  }
}

export type MessageProcessingErrorCode =
  /** Not a TLS MLSMessage, or not a PrivateMessage of this group. */
  | "MalformedEnvelope"
  /** An MLS wire format XMTP does not send to groups (PublicMessage, Welcome, ...). */
  | "UnsupportedMessageType"
  /** The ciphertext does not decrypt or verify with this member's keys (tampered, or not for it). */
  | "Undecryptable"
  /** From an epoch this member no longer keeps keys for (more than 3 epochs old). */
  | "OldEpoch"
  /** From an epoch this member has not reached: the group may be forked. */
  | "FutureEpoch"
  /** The application payload is not a PlaintextEnvelope this client reads. */
  | "InvalidPayload"
  /** The sender's leaf is not in the group. */
  | "InvalidSender"
  /** A commit that fails XMTP's validation; `commitError` says which rule. */
  | "CommitValidation"
  /** A standalone proposal: this group does not take proposals. */
  | "ProposalsNotEnabled"
  /** A transient failure (network, identity lookup); the envelope will be processed again. */
  | "Retryable"
  /** A commit requiring a newer protocol version: the group pauses before it (META-08). */
  | "GroupPaused"

export class MessageProcessingError extends Error {
  override readonly name = "MessageProcessingError"
  constructor(
    readonly code: MessageProcessingErrorCode,
    /** The envelope's network id. */
    readonly cursor: bigint,
    /** What went wrong, without the envelope prefix. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`envelope ${cursor}: ${detail}`, options)
  }

  get retryable(): boolean {
    return this.code === "Retryable"
  }

  get commitError(): CommitValidationError | undefined {
    return this.cause instanceof CommitValidationError ? this.cause : undefined
  }
}

export type CommitValidationErrorCode =
  | "ActorNotMember"
  | "SubjectDoesNotExist"
  | "InboxValidationFailed"
  | "InsufficientPermissions"
  | "SequenceIdDecreased"
  | "UnexpectedInstallationAdded"
  | "UnexpectedInstallationsRemoved"
  | "NoPSKSupport"
  | "UnsupportedProposalType"
  | "InvalidExtensions"
  | "ImmutableMetadataChanged"
  | "TooManyCharacters"
  /** A minimum supported protocol version that does not parse. */
  | "InvalidVersionFormat"

export class CommitValidationError extends Error {
  override readonly name = "CommitValidationError"
  constructor(
    readonly code: CommitValidationErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}
