// XMTP identity: inbox ids, signers, signature texts, signature verification, association state
// and the identity updates a client builds.
export { AssociationState, type Member, type StateDiff } from "./associationState"
export { addInstallationRequest, registrationRequest, revokeInstallationsRequest, type RequestOptions } from "./clientRequests"
export { DEFAULT_INBOX_NONCE, INSTALLATION_KEY_SIGNATURE_CONTEXT, MAX_INSTALLATIONS_PER_INBOX } from "./constants"
export { AssociationError, type AssociationErrorCode, SignatureRequestError, type SignatureRequestErrorCode } from "./errors"
export { inboxIdFor } from "./inboxId"
export { createInstallationKey, type InstallationKey, verifyInstallationSignature } from "./installationKey"
export {
  type AccountIdentifier,
  type MemberIdentifier,
  type MemberKind,
  ethereumMember,
  installationMember,
  memberFromProto,
  memberKey,
  memberText,
  memberToProto,
  passkeyMember,
  sameMember,
} from "./memberIdentifier"
export { SignatureRequest, SignatureRequestBuilder } from "./signatureRequest"
export { signatureText, type UnsignedAction, type UnsignedIdentityUpdate } from "./signatureText"
export { createEoaSigner, type EoaSigner, IdentifierKind, type Signer, signPersonalMessage } from "./signers"
export { applyIdentityUpdate, stateFromUpdates } from "./stateFromUpdates"
export { type SignatureKind, type VerifiedSignature, verifySignature } from "./verifiedSignature"
export { verifyIdentityUpdate } from "./verifyIdentityUpdate"
