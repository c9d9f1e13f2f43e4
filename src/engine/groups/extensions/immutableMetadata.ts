// Extension 0xf000 (OpenMLS ImmutableMetadata): protobuf GroupMetadataV1, fixed when the group is
// created. The extension data is OpenMLS's `Metadata { metadata: Vec<u8> }` in TLS form, that is
// the protobuf bytes behind an `opaque<V>` length prefix.
// Reference: libxmtp node-bindings-1.10.0 crates/xmtp_mls_common/src/group_metadata.rs,
// crates/xmtp_db/src/encrypted_store/group/convert.rs (ConversationType), proto commit 6d7c607c
// mls/message_contents/group_metadata.proto and oneshot.proto.
import { encodeOpaque, readOpaque } from "../../mls/keyPackageLayout"
import { GroupExtensionError } from "./errors"
import { MessageChunks, ProtoReader, ProtoWriter, WIRE_LENGTH_DELIMITED, WIRE_VARINT } from "./protoWire"

export type ConversationType = "group" | "dm" | "sync" | "oneshot"

const CONVERSATION_TYPE_VALUES: Record<ConversationType, number> = { group: 1, dm: 2, sync: 3, oneshot: 4 }
const CONVERSATION_TYPES = new Map(Object.entries(CONVERSATION_TYPE_VALUES).map(([name, value]) => [value, name as ConversationType]))

/** The two inboxes of a DM; libxmtp writes the creator first. */
export interface DmMembers {
  memberOneInboxId: string
  memberTwoInboxId: string
}

/** A fork-recovery request carried by a oneshot conversation (XIP-68). */
export interface ReaddRequest {
  groupId: Uint8Array
  latestCommitSequenceId: bigint
}

export interface OneshotMessage {
  readdRequest?: ReaddRequest
}

export interface GroupMetadata {
  conversationType: ConversationType
  creatorInboxId: string
  /** A legacy field libxmtp always writes empty; kept so decoded bytes re-encode unchanged. */
  creatorAccountAddress: string
  /** Present for DMs only. */
  dmMembers?: DmMembers
  /** Present for oneshot conversations only. */
  oneshotMessage?: OneshotMessage
}

/** The metadata libxmtp's build_protected_metadata_extension writes for a group (or sync group). */
export function newGroupMetadata(creatorInboxId: string, conversationType: "group" | "sync" | "oneshot" = "group", oneshotMessage?: OneshotMessage): GroupMetadata {
  return { conversationType, creatorInboxId, creatorAccountAddress: "", ...(oneshotMessage ? { oneshotMessage } : {}) }
}

/** build_dm_protected_metadata_extension: the creator is member one, the peer member two. */
export function newDmMetadata(creatorInboxId: string, peerInboxId: string): GroupMetadata {
  return {
    conversationType: "dm",
    creatorInboxId,
    creatorAccountAddress: "",
    dmMembers: { memberOneInboxId: creatorInboxId, memberTwoInboxId: peerInboxId },
  }
}

export function encodeGroupMetadata(metadata: GroupMetadata): Uint8Array {
  const writer = new ProtoWriter()
    .enumValue(1, CONVERSATION_TYPE_VALUES[metadata.conversationType])
    .string(2, metadata.creatorAccountAddress)
    .string(3, metadata.creatorInboxId)
  if (metadata.dmMembers) writer.message(4, encodeDmMembers(metadata.dmMembers))
  if (metadata.oneshotMessage) writer.message(5, encodeOneshotMessage(metadata.oneshotMessage))
  return writer.finish()
}

export function decodeGroupMetadata(bytes: Uint8Array): GroupMetadata {
  return readGroupMetadata(new ProtoReader(bytes))
}

/** The 0xf000 extension data: the protobuf as a TLS `opaque<V>`. */
export function encodeImmutableMetadataExtension(metadata: GroupMetadata): Uint8Array {
  return encodeOpaque(encodeGroupMetadata(metadata))
}

/** Reads 0xf000 extension data; OpenMLS ignores bytes after the `opaque<V>`, and so does this. */
export function decodeImmutableMetadataExtension(extensionData: Uint8Array): GroupMetadata {
  const protobuf = readOpaque(extensionData)
  if (!protobuf) throw new GroupExtensionError("MalformedTls", "immutable metadata (0xf000) is not a TLS opaque<V>")
  return decodeGroupMetadata(protobuf)
}

function readGroupMetadata(reader: ProtoReader): GroupMetadata {
  let conversationType = 0
  let creatorAccountAddress = ""
  let creatorInboxId = ""
  const dmMembers = new MessageChunks()
  const oneshot = new MessageChunks()
  while (!reader.done()) {
    const key = reader.key()
    switch (key.field) {
      case 1:
        reader.expectWireType(key, WIRE_VARINT, "GroupMetadataV1.conversation_type")
        conversationType = reader.int32()
        break
      case 2:
        reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "GroupMetadataV1.creator_account_address")
        creatorAccountAddress = reader.string("GroupMetadataV1.creator_account_address")
        break
      case 3:
        reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "GroupMetadataV1.creator_inbox_id")
        creatorInboxId = reader.string("GroupMetadataV1.creator_inbox_id")
        break
      case 4:
        reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "GroupMetadataV1.dm_members")
        dmMembers.add(reader.lengthDelimited())
        break
      case 5:
        reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "GroupMetadataV1.oneshot_message")
        oneshot.add(reader.lengthDelimited())
        break
      default:
        reader.skip(key)
    }
  }
  // prost decodes the whole message first, then libxmtp converts: wire errors win over these.
  const members = dmMembers.present ? readDmMembers(reader.nested(dmMembers.merged())) : undefined
  const oneshotMessage = oneshot.present ? readOneshotMessage(reader.nested(oneshot.merged())) : undefined
  const type = CONVERSATION_TYPES.get(conversationType)
  if (!type) throw new GroupExtensionError("InvalidConversationType", `conversation_type ${conversationType} is not 1-4 (group, dm, sync, oneshot)`)
  return {
    conversationType: type,
    creatorInboxId,
    creatorAccountAddress,
    ...(members ? { dmMembers: members } : {}),
    ...(oneshotMessage ? { oneshotMessage } : {}),
  }
}

function encodeDmMembers(members: DmMembers): Uint8Array {
  return new ProtoWriter()
    .message(1, encodeInbox(members.memberOneInboxId))
    .message(2, encodeInbox(members.memberTwoInboxId))
    .finish()
}

const encodeInbox = (inboxId: string) => new ProtoWriter().string(1, inboxId).finish()

function readDmMembers(reader: ProtoReader): DmMembers {
  const one = new MessageChunks()
  const two = new MessageChunks()
  while (!reader.done()) {
    const key = reader.key()
    if (key.field === 1 || key.field === 2) {
      reader.expectWireType(key, WIRE_LENGTH_DELIMITED, `DmMembers field ${key.field}`)
      ;(key.field === 1 ? one : two).add(reader.lengthDelimited())
    } else {
      reader.skip(key)
    }
  }
  const memberOne = one.present ? readInbox(reader.nested(one.merged())) : undefined
  const memberTwo = two.present ? readInbox(reader.nested(two.merged())) : undefined
  if (memberOne === undefined || memberTwo === undefined) {
    throw new GroupExtensionError("MissingField", `DmMembers lacks dm_member_${memberOne === undefined ? "one" : "two"}`)
  }
  return { memberOneInboxId: memberOne, memberTwoInboxId: memberTwo }
}

function readInbox(reader: ProtoReader): string {
  let inboxId = ""
  while (!reader.done()) {
    const key = reader.key()
    if (key.field === 1) {
      reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "Inbox.inbox_id")
      inboxId = reader.string("Inbox.inbox_id")
    } else {
      reader.skip(key)
    }
  }
  return inboxId
}

function encodeOneshotMessage(message: OneshotMessage): Uint8Array {
  const writer = new ProtoWriter()
  if (message.readdRequest) {
    writer.message(
      1,
      new ProtoWriter().bytes(1, message.readdRequest.groupId).uint64(2, message.readdRequest.latestCommitSequenceId).finish(),
    )
  }
  return writer.finish()
}

function readOneshotMessage(reader: ProtoReader): OneshotMessage {
  const readd = new MessageChunks()
  while (!reader.done()) {
    const key = reader.key()
    if (key.field === 1) {
      reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "OneshotMessage.readd_request")
      readd.add(reader.lengthDelimited())
    } else {
      reader.skip(key)
    }
  }
  return readd.present ? { readdRequest: readReaddRequest(reader.nested(readd.merged())) } : {}
}

function readReaddRequest(reader: ProtoReader): ReaddRequest {
  let groupId = new Uint8Array(0)
  let latestCommitSequenceId = 0n
  while (!reader.done()) {
    const key = reader.key()
    if (key.field === 1) {
      reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "ReaddRequest.group_id")
      groupId = reader.lengthDelimited().slice()
    } else if (key.field === 2) {
      reader.expectWireType(key, WIRE_VARINT, "ReaddRequest.latest_commit_sequence_id")
      latestCommitSequenceId = reader.varint()
    } else {
      reader.skip(key)
    }
  }
  return { groupId, latestCommitSequenceId }
}
