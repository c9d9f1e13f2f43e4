// Extension 0xff00: protobuf GroupMutableMetadataV1 { attributes map, admin_list, super_admin_list },
// the extension data being the bare protobuf (an OpenMLS unknown extension).
// Reference: libxmtp node-bindings-1.10.0 crates/xmtp_mls_common/src/group_mutable_metadata.rs
// (new_default, new_dm_default, the TryFrom conversions), crates/xmtp_mls/src/groups/mod.rs
// (build_mutable_metadata_extension_default, conversation_message_disappearing_settings_from_extensions).
import { GroupExtensionError } from "./errors"
import { DEFAULT_GROUP_DESCRIPTION, DEFAULT_GROUP_IMAGE_URL_SQUARE, DEFAULT_GROUP_NAME, METADATA_FIELD } from "./metadataFields"
import { MessageChunks, ProtoReader, ProtoWriter, WIRE_LENGTH_DELIMITED } from "./protoWire"

export interface GroupMutableMetadata {
  /**
   * Attribute name to value, in wire order so decoded bytes re-encode unchanged. libxmtp keeps a
   * HashMap, so its own order is random per process; receivers must not depend on it.
   */
  attributes: ReadonlyMap<string, string>
  adminList: readonly string[]
  superAdminList: readonly string[]
}

/** Nanosecond timestamps, libxmtp's i64s (MessageDisappearingSettings). */
export interface MessageDisappearingSettings {
  fromNs: bigint
  inNs: bigint
}

/** GroupMetadataOptions: what a caller may set when creating a group. */
export interface GroupMetadataOptions {
  name?: string
  description?: string
  imageUrlSquare?: string
  appData?: string
  messageDisappearingSettings?: MessageDisappearingSettings
}

/** The 32-byte Ed25519 secret a new group's commit log is signed with (ENABLE_COMMIT_LOG is on). */
export const COMMIT_LOG_SIGNER_LENGTH = 32

/**
 * GroupMutableMetadata::new_default: the four display attributes (defaults ""), disappearing
 * settings when given, the commit-log signer, no admins, and the creator as the only super admin.
 */
export function newGroupMutableMetadata(creatorInboxId: string, commitLogSigner: Uint8Array, options: GroupMetadataOptions = {}): GroupMutableMetadata {
  const attributes = new Map<string, string>([
    [METADATA_FIELD.groupName, options.name ?? DEFAULT_GROUP_NAME],
    [METADATA_FIELD.description, options.description ?? DEFAULT_GROUP_DESCRIPTION],
    [METADATA_FIELD.groupImageUrlSquare, options.imageUrlSquare ?? DEFAULT_GROUP_IMAGE_URL_SQUARE],
    [METADATA_FIELD.appData, options.appData ?? ""],
  ])
  addDisappearingAndSigner(attributes, options.messageDisappearingSettings, commitLogSigner)
  return { attributes, adminList: [], superAdminList: [creatorInboxId] }
}

/** GroupMutableMetadata::new_dm_default: no app_data attribute and no admins of either kind. */
export function newDmMutableMetadata(commitLogSigner: Uint8Array, messageDisappearingSettings?: MessageDisappearingSettings): GroupMutableMetadata {
  const attributes = new Map<string, string>([
    [METADATA_FIELD.groupName, DEFAULT_GROUP_NAME],
    [METADATA_FIELD.description, DEFAULT_GROUP_DESCRIPTION],
    [METADATA_FIELD.groupImageUrlSquare, DEFAULT_GROUP_IMAGE_URL_SQUARE],
  ])
  addDisappearingAndSigner(attributes, messageDisappearingSettings, commitLogSigner)
  return { attributes, adminList: [], superAdminList: [] }
}

function addDisappearingAndSigner(attributes: Map<string, string>, settings: MessageDisappearingSettings | undefined, signer: Uint8Array): void {
  if (settings) {
    attributes.set(METADATA_FIELD.messageDisappearFromNs, settings.fromNs.toString())
    attributes.set(METADATA_FIELD.messageDisappearInNs, settings.inNs.toString())
  }
  if (signer.length !== COMMIT_LOG_SIGNER_LENGTH) {
    throw new GroupExtensionError("InvalidValue", `the commit log signer must be ${COMMIT_LOG_SIGNER_LENGTH} bytes, not ${signer.length}`)
  }
  attributes.set(METADATA_FIELD.commitLogSigner, Buffer.from(signer).toString("hex"))
}

export function encodeGroupMutableMetadata(metadata: GroupMutableMetadata): Uint8Array {
  return new ProtoWriter()
    .map(1, metadata.attributes, (entry, key, value) => entry.string(1, key).string(2, value))
    .message(2, encodeInboxes(metadata.adminList))
    .message(3, encodeInboxes(metadata.superAdminList))
    .finish()
}

export function decodeGroupMutableMetadata(bytes: Uint8Array): GroupMutableMetadata {
  const reader = new ProtoReader(bytes)
  const attributes = new Map<string, string>()
  const admins = new MessageChunks()
  const superAdmins = new MessageChunks()
  while (!reader.done()) {
    const key = reader.key()
    switch (key.field) {
      case 1: {
        reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "GroupMutableMetadataV1.attributes")
        const [name, value] = readAttribute(reader.nested(reader.lengthDelimited()))
        attributes.set(name, value)
        break
      }
      case 2:
      case 3:
        reader.expectWireType(key, WIRE_LENGTH_DELIMITED, key.field === 2 ? "admin_list" : "super_admin_list")
        ;(key.field === 2 ? admins : superAdmins).add(reader.lengthDelimited())
        break
      default:
        reader.skip(key)
    }
  }
  const adminList = admins.present ? readInboxes(reader.nested(admins.merged())) : undefined
  const superAdminList = superAdmins.present ? readInboxes(reader.nested(superAdmins.merged())) : undefined
  // libxmtp's MissingMetadataField: both lists must be present, even when empty.
  if (!adminList) throw new GroupExtensionError("MissingField", "GroupMutableMetadataV1 lacks admin_list")
  if (!superAdminList) throw new GroupExtensionError("MissingField", "GroupMutableMetadataV1 lacks super_admin_list")
  return { attributes, adminList, superAdminList }
}

/**
 * Both disappearing attributes parsed as Rust parses an i64, or undefined when either is absent
 * or unparsable (libxmtp then treats the group as having no disappearing settings).
 */
export function messageDisappearingSettingsOf(metadata: GroupMutableMetadata): MessageDisappearingSettings | undefined {
  const fromNs = parseI64(metadata.attributes.get(METADATA_FIELD.messageDisappearFromNs))
  const inNs = parseI64(metadata.attributes.get(METADATA_FIELD.messageDisappearInNs))
  return fromNs === undefined || inNs === undefined ? undefined : { fromNs, inNs }
}

/** The commit-log signer secret, or undefined when absent or not hex (commit_log_signer()). */
export function commitLogSignerOf(metadata: GroupMutableMetadata): Uint8Array | undefined {
  const hex = metadata.attributes.get(METADATA_FIELD.commitLogSigner)
  if (hex === undefined || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined
  return new Uint8Array(Buffer.from(hex, "hex"))
}

const I64_MIN = -(1n << 63n)
const I64_MAX = (1n << 63n) - 1n

function parseI64(text: string | undefined): bigint | undefined {
  if (text === undefined || !/^[+-]?[0-9]+$/.test(text)) return undefined
  const value = BigInt(text)
  return value < I64_MIN || value > I64_MAX ? undefined : value
}

const encodeInboxes = (inboxIds: readonly string[]) => new ProtoWriter().repeatedString(1, inboxIds).finish()

function readInboxes(reader: ProtoReader): string[] {
  const inboxIds: string[] = []
  while (!reader.done()) {
    const key = reader.key()
    if (key.field === 1) {
      reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "Inboxes.inbox_ids")
      inboxIds.push(reader.string("Inboxes.inbox_ids"))
    } else {
      reader.skip(key)
    }
  }
  return inboxIds
}

function readAttribute(reader: ProtoReader): [string, string] {
  let name = ""
  let value = ""
  while (!reader.done()) {
    const key = reader.key()
    if (key.field === 1 || key.field === 2) {
      reader.expectWireType(key, WIRE_LENGTH_DELIMITED, `attributes entry field ${key.field}`)
      const text = reader.string(key.field === 1 ? "an attribute name" : "an attribute value")
      if (key.field === 1) name = text
      else value = text
    } else {
      reader.skip(key)
    }
  }
  return [name, value]
}
