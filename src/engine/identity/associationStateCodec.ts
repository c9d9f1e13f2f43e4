// An AssociationState as bytes, for the association_state cache: libxmtp stores the same
// `AssociationState` protobuf there. Members keep their insertion order, so a restored state lists
// members exactly as the state it came from.
import { associations } from "../proto/index"
import { AssociationState, type Member } from "./associationState"
import { AssociationError } from "./errors"
import { memberFromProto, memberToProto } from "./memberIdentifier"
import { accountIdentifierFromProto, accountIdentifierToProto, toLong, uint64 } from "./protoConversion"

export function encodeAssociationState(state: AssociationState): Uint8Array {
  const recovery = accountIdentifierToProto(state.recoveryIdentifier)
  const members = state.asDiff().addedMembers.map((identifier) => {
    const member = state.get(identifier) as Member
    return {
      key: memberToProto(identifier),
      value: {
        identifier: memberToProto(identifier),
        addedByEntity: member.addedBy === undefined ? undefined : memberToProto(member.addedBy),
        clientTimestampNs: member.clientTimestampNs === undefined ? undefined : toLong(member.clientTimestampNs),
      },
    }
  })
  return associations.AssociationState.encode({
    inboxId: state.inboxId,
    members,
    recoveryIdentifier: recovery.text,
    recoveryIdentifierKind: recovery.kind,
    relyingParty: recovery.relyingParty,
    seenSignatures: state.seenSignatures,
  }).finish()
}

/** Throws AssociationError("Malformed") when `bytes` is not a state of `inboxId`. */
export function decodeAssociationState(bytes: Uint8Array, inboxId: string): AssociationState {
  let proto
  try {
    proto = associations.AssociationState.decode(bytes)
  } catch {
    throw new AssociationError("Malformed", `A stored association state of inbox ${inboxId} does not decode.`)
  }
  if (proto.inboxId !== inboxId) {
    throw new AssociationError("Malformed", `A stored association state for inbox ${inboxId} belongs to inbox "${proto.inboxId}".`)
  }
  const recovery = accountIdentifierFromProto(proto.recoveryIdentifier, proto.recoveryIdentifierKind, proto.relyingParty)
  let state = AssociationState.create(inboxId, recovery).withoutMember(recovery)
  for (const entry of proto.members) {
    const value = entry.value
    if (value === undefined) throw new AssociationError("Malformed", `A stored association state of inbox ${inboxId} has a member without a value.`)
    state = state.withMember({
      identifier: memberFromProto(value.identifier),
      ...(value.addedByEntity === undefined ? {} : { addedBy: memberFromProto(value.addedByEntity) }),
      ...(value.clientTimestampNs === undefined ? {} : { clientTimestampNs: uint64(value.clientTimestampNs) }),
    })
  }
  return state.withSeenSignatures(proto.seenSignatures.map((signature) => Uint8Array.from(signature)))
}
