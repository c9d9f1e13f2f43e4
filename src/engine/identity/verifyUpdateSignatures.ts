// Turns an IdentityUpdate proto into a verified update: decode every action (libxmtp
// `serialization.rs`), rebuild the signature text from the unsigned actions and verify every
// signature over it (libxmtp `unverified.rs`). Association rules are applied afterwards.
import type { AssociationTypes, SignatureTypes } from "../proto/index"
import type { VerifiedAction, VerifiedIdentityUpdate } from "./associationRules"
import { AssociationError } from "./errors"
import { isInstallationPublicKey } from "./installationKey"
import { memberFromProto } from "./memberIdentifier"
import { accountIdentifierFromProto, uint64 } from "./protoConversion"
import { type UnsignedAction, type UnsignedIdentityUpdate, signatureText } from "./signatureText"
import { verifySignature } from "./verifiedSignature"

type SignatureProto = SignatureTypes.Signature

interface DecodedAction {
  unsigned: UnsignedAction
  signatures: SignatureProto[]
}

/** The update with its signature text, before any signature is checked. */
function decodeIdentityUpdate(update: AssociationTypes.IdentityUpdate): {
  unsigned: UnsignedIdentityUpdate
  actions: DecodedAction[]
} {
  const actions = update.actions.map(decodeAction)
  return {
    unsigned: { inboxId: update.inboxId, clientTimestampNs: uint64(update.clientTimestampNs), actions: actions.map((a) => a.unsigned) },
    actions,
  }
}

export async function verifyUpdateSignatures(update: AssociationTypes.IdentityUpdate): Promise<VerifiedIdentityUpdate> {
  const { unsigned, actions } = decodeIdentityUpdate(update)
  const text = signatureText(unsigned)
  return {
    inboxId: unsigned.inboxId,
    clientTimestampNs: unsigned.clientTimestampNs,
    actions: actions.map(({ unsigned: action, signatures }) => verifyAction(action, signatures.map((s) => verifySignature(text, s)))),
  }
}

function verifyAction(action: UnsignedAction, verified: ReturnType<typeof verifySignature>[]): VerifiedAction {
  const [first, second] = verified as [ReturnType<typeof verifySignature>, ReturnType<typeof verifySignature>]
  switch (action.type) {
    case "createInbox":
      return { ...action, signature: first }
    case "addAssociation":
      return { ...action, existingMemberSignature: first, newMemberSignature: second }
    case "revokeAssociation":
    case "changeRecoveryAddress":
      return { ...action, recoverySignature: first }
  }
}

function decodeAction(action: AssociationTypes.IdentityAction): DecodedAction {
  if (action.createInbox) {
    const create = action.createInbox
    return {
      unsigned: {
        type: "createInbox",
        nonce: uint64(create.nonce),
        accountIdentifier: accountIdentifierFromProto(create.initialIdentifier, create.initialIdentifierKind, create.relyingParty),
      },
      signatures: [requireSignature(create.initialIdentifierSignature, "create-inbox")],
    }
  }
  if (action.add) {
    const add = action.add
    return {
      unsigned: { type: "addAssociation", newMember: memberFromProto(requireMember(add.newMemberIdentifier, "add")) },
      signatures: [
        requireSignature(add.existingMemberSignature, "existing member"),
        requireSignature(add.newMemberSignature, "new member"),
      ],
    }
  }
  if (action.revoke) {
    return {
      unsigned: { type: "revokeAssociation", revokedMember: memberFromProto(requireMember(action.revoke.memberToRevoke, "revoke")) },
      signatures: [requireSignature(action.revoke.recoveryIdentifierSignature, "recovery identifier")],
    }
  }
  if (action.changeRecoveryAddress) {
    const change = action.changeRecoveryAddress
    return {
      unsigned: {
        type: "changeRecoveryAddress",
        newRecoveryIdentifier: accountIdentifierFromProto(
          change.newRecoveryIdentifier,
          change.newRecoveryIdentifierKind,
          change.relyingParty,
        ),
      },
      signatures: [requireSignature(change.existingRecoveryIdentifierSignature, "recovery identifier")],
    }
  }
  throw new AssociationError("Malformed", "An identity action is empty: it is none of create, add, revoke or change recovery.")
}

function requireMember(member: AssociationTypes.MemberIdentifier | undefined, action: string): AssociationTypes.MemberIdentifier {
  if (!member) throw new AssociationError("Malformed", `The ${action} action names no member.`)
  return member
}

function requireSignature(signature: SignatureProto | undefined, role: string): SignatureProto {
  const present =
    signature?.erc191 ?? signature?.erc6492 ?? signature?.installationKey ?? signature?.delegatedErc191 ?? signature?.passkey
  if (!present) throw new AssociationError("Malformed", `The ${role} signature is missing.`)
  // libxmtp decodes the Ed25519 public key while parsing, before any signature is verified.
  if (signature?.installationKey && !isInstallationPublicKey(signature.installationKey.publicKey)) {
    throw new AssociationError("Malformed", "An installation signature carries a public key that is not an Ed25519 point.")
  }
  return signature!
}
