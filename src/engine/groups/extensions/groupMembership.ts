// Extension 0xff01: protobuf GroupMembership { map<string, uint64> members; repeated bytes
// failed_installations }, inbox id to the identity-update sequence id the group has seen for it.
// Reference: libxmtp node-bindings-1.10.0 crates/xmtp_mls/src/groups/group_membership.rs and
// groups/mod.rs (build_starting_group_membership_extension: the creator starts at 0).
import { ProtoReader, ProtoWriter, WIRE_LENGTH_DELIMITED, WIRE_VARINT } from "./protoWire"

export interface GroupMembership {
  /** Inbox id to sequence id, in wire order so decoded bytes re-encode unchanged. */
  members: ReadonlyMap<string, bigint>
  /** Installation ids whose key packages failed when they were to be added. */
  failedInstallations: readonly Uint8Array[]
}

/** A new group's membership: only the creator, at the placeholder sequence id 0. */
export function startingGroupMembership(creatorInboxId: string): GroupMembership {
  return { members: new Map([[creatorInboxId, 0n]]), failedInstallations: [] }
}

export function encodeGroupMembership(membership: GroupMembership): Uint8Array {
  return new ProtoWriter()
    .map(1, membership.members, (entry, inboxId, sequenceId) => entry.string(1, inboxId).uint64(2, sequenceId))
    .repeatedBytes(2, membership.failedInstallations)
    .finish()
}

export function decodeGroupMembership(bytes: Uint8Array): GroupMembership {
  const reader = new ProtoReader(bytes)
  const members = new Map<string, bigint>()
  const failedInstallations: Uint8Array[] = []
  while (!reader.done()) {
    const key = reader.key()
    if (key.field === 1) {
      reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "GroupMembership.members")
      const [inboxId, sequenceId] = readMember(reader.nested(reader.lengthDelimited()))
      members.set(inboxId, sequenceId)
    } else if (key.field === 2) {
      reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "GroupMembership.failed_installations")
      failedInstallations.push(reader.lengthDelimited().slice())
    } else {
      reader.skip(key)
    }
  }
  return { members, failedInstallations }
}

function readMember(reader: ProtoReader): [string, bigint] {
  let inboxId = ""
  let sequenceId = 0n
  while (!reader.done()) {
    const key = reader.key()
    if (key.field === 1) {
      reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "a members entry's inbox id")
      inboxId = reader.string("a members entry's inbox id")
    } else if (key.field === 2) {
      reader.expectWireType(key, WIRE_VARINT, "a members entry's sequence id")
      sequenceId = reader.varint()
    } else {
      reader.skip(key)
    }
  }
  return [inboxId, sequenceId]
}
