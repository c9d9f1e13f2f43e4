// Conversions between the identity protobufs and the identity layer's own types. Malformed input
// fails with AssociationError("Malformed"), as libxmtp's ConversionError does.
import { hexToBytes } from "@noble/hashes/utils.js"
import { type AssociationTypes, Long, type SignatureTypes } from "../proto/index"
import { AssociationError } from "./errors"
import { type AccountIdentifier, ethereumMember, memberText, memberToProto, passkeyMember } from "./memberIdentifier"
import type { UnsignedAction } from "./signatureText"

/** The proto enum `IdentifierKind` (0 = unspecified, read as Ethereum). */
const PROTO_IDENTIFIER_KIND_ETHEREUM = 1
const PROTO_IDENTIFIER_KIND_PASSKEY = 2

type LongLike = { toString(): string } | number | bigint | string

/** A uint64 proto field as a bigint. */
export function uint64(value: LongLike | undefined): bigint {
  return value === undefined ? 0n : BigInt.asUintN(64, BigInt(value.toString()))
}

export function toLong(value: bigint): InstanceType<typeof Long> {
  return Long.fromString(BigInt.asUintN(64, value).toString(), true)
}

/** libxmtp `Identifier::from_proto`: Ethereum text is kept as given; a passkey is hex. */
export function accountIdentifierFromProto(text: string, kind: number, relyingParty: string | undefined): AccountIdentifier {
  if (kind !== PROTO_IDENTIFIER_KIND_PASSKEY) return ethereumMember(text)
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text)) {
    throw new AssociationError("Malformed", `Passkey identifier "${text}" is not hex.`)
  }
  return passkeyMember(hexToBytes(text), relyingParty)
}

export function accountIdentifierToProto(identifier: AccountIdentifier): {
  text: string
  kind: AssociationTypes.IdentifierKind
  relyingParty: string | undefined
} {
  return {
    text: memberText(identifier),
    kind: (identifier.kind === "passkey" ? PROTO_IDENTIFIER_KIND_PASSKEY : PROTO_IDENTIFIER_KIND_ETHEREUM) as AssociationTypes.IdentifierKind,
    relyingParty: identifier.kind === "passkey" ? identifier.relyingParty : undefined,
  }
}

/**
 * The proto of one action with its signatures in proto order: create [owner], add [existing
 * member, new member], revoke and change recovery [recovery identifier].
 */
export function identityActionToProto(
  action: UnsignedAction,
  [first, second]: (SignatureTypes.Signature | undefined)[],
): AssociationTypes.IdentityAction {
  switch (action.type) {
    case "createInbox": {
      const owner = accountIdentifierToProto(action.accountIdentifier)
      return {
        createInbox: {
          initialIdentifier: owner.text,
          nonce: toLong(action.nonce),
          initialIdentifierSignature: first,
          initialIdentifierKind: owner.kind,
          relyingParty: owner.relyingParty,
        },
      }
    }
    case "addAssociation":
      return {
        add: {
          newMemberIdentifier: memberToProto(action.newMember),
          existingMemberSignature: first,
          newMemberSignature: second,
          relyingParty: action.newMember.kind === "passkey" ? action.newMember.relyingParty : undefined,
        },
      }
    case "revokeAssociation":
      return { revoke: { memberToRevoke: memberToProto(action.revokedMember), recoveryIdentifierSignature: first } }
    case "changeRecoveryAddress": {
      const recovery = accountIdentifierToProto(action.newRecoveryIdentifier)
      return {
        changeRecoveryAddress: {
          newRecoveryIdentifier: recovery.text,
          existingRecoveryIdentifierSignature: first,
          newRecoveryIdentifierKind: recovery.kind,
          relyingParty: recovery.relyingParty,
        },
      }
    }
  }
}
