// The rules that turn verified identity actions into association state (libxmtp
// `association_log.rs`). Every action is checked against the state left by the previous one, and
// an update applies all of its actions or none.
import { AssociationState } from "./associationState"
import { AssociationError } from "./errors"
import { inboxIdFor } from "./inboxId"
import { type AccountIdentifier, type MemberIdentifier, type MemberKind, isAccountIdentifier, memberText, sameMember } from "./memberIdentifier"
import type { SignatureKind, VerifiedSignature } from "./verifiedSignature"

export type VerifiedAction =
  | { type: "createInbox"; nonce: bigint; accountIdentifier: AccountIdentifier; signature: VerifiedSignature }
  | {
      type: "addAssociation"
      newMember: MemberIdentifier
      existingMemberSignature: VerifiedSignature
      newMemberSignature: VerifiedSignature
    }
  | { type: "revokeAssociation"; revokedMember: MemberIdentifier; recoverySignature: VerifiedSignature }
  | { type: "changeRecoveryAddress"; newRecoveryIdentifier: AccountIdentifier; recoverySignature: VerifiedSignature }

export interface VerifiedIdentityUpdate {
  inboxId: string
  clientTimestampNs: bigint
  actions: VerifiedAction[]
}

/** Applies one verified update on top of `state` (undefined for an inbox not yet created). */
export function applyVerifiedUpdate(state: AssociationState | undefined, update: VerifiedIdentityUpdate): AssociationState {
  let next = state
  for (const action of update.actions) next = applyAction(next, action, update.clientTimestampNs)
  if (next === undefined) {
    throw new AssociationError("NotCreated", `Inbox ${update.inboxId} does not exist: its first update must create it.`)
  }
  if (next.inboxId !== update.inboxId) {
    throw new AssociationError(
      "WrongInboxId",
      `The update names inbox ${update.inboxId} but its actions apply to inbox ${next.inboxId}.`,
    )
  }
  return next.withSeenSignatures(update.actions.flatMap(signaturesOf).map((s) => s.rawBytes))
}

function signaturesOf(action: VerifiedAction): VerifiedSignature[] {
  switch (action.type) {
    case "createInbox":
      return [action.signature]
    case "addAssociation":
      return [action.existingMemberSignature, action.newMemberSignature]
    case "revokeAssociation":
    case "changeRecoveryAddress":
      return [action.recoverySignature]
  }
}

function applyAction(state: AssociationState | undefined, action: VerifiedAction, clientTimestampNs: bigint): AssociationState {
  if (action.type === "createInbox") return createInbox(state, action)
  if (state === undefined) {
    throw new AssociationError("NotCreated", "The inbox does not exist yet: create it before changing its members.")
  }
  for (const signature of signaturesOf(action)) {
    if (state.hasSeenSignature(signature.rawBytes)) {
      throw new AssociationError("Replay", "A signature in this update was already used by an earlier update of the inbox.")
    }
  }
  switch (action.type) {
    case "addAssociation":
      return addAssociation(state, action, clientTimestampNs)
    case "revokeAssociation":
      return revokeAssociation(state, action)
    case "changeRecoveryAddress":
      requireRecoverySigner(state, action.recoverySignature)
      return state.withRecoveryIdentifier(action.newRecoveryIdentifier)
  }
}

function createInbox(state: AssociationState | undefined, action: Extract<VerifiedAction, { type: "createInbox" }>): AssociationState {
  if (state !== undefined) {
    throw new AssociationError("MultipleCreate", `Inbox ${state.inboxId} already exists; it cannot be created again.`)
  }
  if (!sameMember(action.signature.signer, action.accountIdentifier)) {
    throw new AssociationError(
      "MissingExistingMember",
      `The create-inbox signature is from ${memberText(action.signature.signer)}, not from the owner ${memberText(action.accountIdentifier)}.`,
    )
  }
  requireSignatureFitsRole(action.accountIdentifier.kind, action.signature.kind)
  if (action.signature.kind === "legacyDelegated" && action.nonce !== 0n) {
    throw new AssociationError("LegacySignatureReuse", "A legacy (v2) key may only create the wallet's nonce-0 inbox.")
  }
  return AssociationState.create(inboxIdFor(action.accountIdentifier, action.nonce), action.accountIdentifier)
}

function addAssociation(
  state: AssociationState,
  action: Extract<VerifiedAction, { type: "addAssociation" }>,
  clientTimestampNs: bigint,
): AssociationState {
  const newSigner = action.newMemberSignature.signer
  const existingSigner = action.existingMemberSignature.signer
  if (!sameMember(newSigner, action.newMember)) {
    throw new AssociationError(
      "NewMemberIdSignatureMismatch",
      `The new member's signature is from ${memberText(newSigner)}, not from ${memberText(action.newMember)}.`,
    )
  }
  if (sameMember(newSigner, existingSigner)) {
    throw new AssociationError("AddSelf", `${memberText(newSigner)} cannot add itself.`)
  }
  const usesLegacy = isLegacy(action.newMemberSignature) || isLegacy(action.existingMemberSignature)
  if (usesLegacy && isAccountIdentifier(existingSigner) && state.inboxId !== inboxIdFor(existingSigner, 0n)) {
    throw new AssociationError("LegacySignatureReuse", "A legacy (v2) key may only act on its wallet's nonce-0 inbox.")
  }
  requireSignatureFitsRole(action.newMember.kind, action.newMemberSignature.kind)
  const addedBy = state.get(existingSigner)?.identifier ?? recoveryAsAdder(state, action.existingMemberSignature)
  requireSignatureFitsRole(addedBy.kind, action.existingMemberSignature.kind)
  if (existingSigner.kind === "installation" && action.newMember.kind === "installation") {
    throw new AssociationError("MemberNotAllowed", "An installation cannot add another installation; a wallet must sign.")
  }
  return state.withMember({ identifier: newSigner, addedBy, clientTimestampNs })
}

/** A signer that is not a member may still add members when it is the recovery identifier. */
function recoveryAsAdder(state: AssociationState, signature: VerifiedSignature): MemberIdentifier {
  if (!sameMember(signature.signer, state.recoveryIdentifier)) {
    throw new AssociationError(
      "MissingExistingMember",
      `${memberText(signature.signer)} is not a member of inbox ${state.inboxId} nor its recovery identifier.`,
    )
  }
  if (isLegacy(signature)) {
    throw new AssociationError("LegacySignatureReuse", "The recovery identifier must sign with its wallet, not a legacy key.")
  }
  return state.recoveryIdentifier
}

function revokeAssociation(state: AssociationState, action: Extract<VerifiedAction, { type: "revokeAssociation" }>): AssociationState {
  requireRecoverySigner(state, action.recoverySignature)
  // Revoking a wallet also revokes the installations it added (not wallets it added).
  const orphanedInstallations = state
    .membersAddedBy(action.revokedMember)
    .filter((member) => member.identifier.kind === "installation")
  return orphanedInstallations.reduce(
    (next, installation) => next.withoutMember(installation.identifier),
    state.withoutMember(action.revokedMember),
  )
}

function requireRecoverySigner(state: AssociationState, signature: VerifiedSignature): void {
  if (isLegacy(signature)) {
    throw new AssociationError("SignatureNotAllowed", "A legacy (v2) key cannot sign as the recovery identifier.")
  }
  if (!sameMember(signature.signer, state.recoveryIdentifier)) {
    throw new AssociationError(
      "MissingExistingMember",
      `Only the recovery identifier ${memberText(state.recoveryIdentifier)} may do this; the signature is from ${memberText(signature.signer)}.`,
    )
  }
}

const SIGNATURES_FOR_ROLE: Record<MemberKind, SignatureKind[]> = {
  ethereum: ["erc191", "erc1271", "legacyDelegated"],
  installation: ["installationKey"],
  passkey: ["p256"],
}

function requireSignatureFitsRole(role: MemberKind, kind: SignatureKind): void {
  if (!SIGNATURES_FOR_ROLE[role].includes(kind)) {
    throw new AssociationError("SignatureNotAllowed", `A ${role} member cannot sign with a ${kind} signature.`)
  }
}

function isLegacy(signature: VerifiedSignature): boolean {
  return signature.kind === "legacyDelegated"
}
