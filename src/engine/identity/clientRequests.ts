// The identity updates a client makes, as signature requests: register an inbox with its first
// installation, add another installation, revoke installations.
import type { AssociationState } from "./associationState"
import { DEFAULT_INBOX_NONCE, MAX_INSTALLATIONS_PER_INBOX } from "./constants"
import { SignatureRequestError } from "./errors"
import { inboxIdFor } from "./inboxId"
import { type AccountIdentifier, installationMember } from "./memberIdentifier"
import { type SignatureRequest, SignatureRequestBuilder } from "./signatureRequest"

export interface RequestOptions {
  /** Defaults to now. */
  clientTimestampNs?: bigint
}

/** Create inbox (owner = `account`) + grant the installation access; the wallet and the installation sign. */
export function registrationRequest(
  account: AccountIdentifier,
  installationPublicKey: Uint8Array,
  options: RequestOptions & { nonce?: bigint } = {},
): SignatureRequest {
  const nonce = options.nonce ?? DEFAULT_INBOX_NONCE
  return new SignatureRequestBuilder(inboxIdFor(account, nonce), options.clientTimestampNs)
    .createInbox(account, nonce)
    .addAssociation(installationMember(installationPublicKey), account)
    .build()
}

/** Grant a new installation access to an existing inbox, vouched for by one of its accounts. */
export function addInstallationRequest(
  state: AssociationState,
  account: AccountIdentifier,
  installationPublicKey: Uint8Array,
  options: RequestOptions = {},
): SignatureRequest {
  const count = state.installationKeys.length
  if (count >= MAX_INSTALLATIONS_PER_INBOX) {
    throw new SignatureRequestError(
      "TooManyInstallations",
      `Inbox ${state.inboxId} already has ${count}/${MAX_INSTALLATIONS_PER_INBOX} installations; revoke one before adding another.`,
    )
  }
  return new SignatureRequestBuilder(state.inboxId, options.clientTimestampNs)
    .addAssociation(installationMember(installationPublicKey), account)
    .build()
}

/** Revoke installations; only the inbox's recovery identifier may sign. */
export function revokeInstallationsRequest(
  state: AssociationState,
  installationPublicKeys: Uint8Array[],
  options: RequestOptions = {},
): SignatureRequest {
  const builder = new SignatureRequestBuilder(state.inboxId, options.clientTimestampNs)
  for (const key of installationPublicKeys) builder.revokeAssociation(state.recoveryIdentifier, installationMember(key))
  return builder.build()
}
