// The clear part of a group message as the delivery node sees it: which group, which epoch, and
// whether it is a handshake message. Mirrors what the reference node asks the validation service
// (libxmtp apps/mls_validation_service/src/handlers.rs, validate_group_message): the bytes must be
// an MLSMessage whose body is a PublicMessage or PrivateMessage; nothing is decrypted. Stricter
// than the service in one way: it reads with tls_deserialize and ignores bytes after the message,
// which this refuses (no client sends them, and storing them would hand receivers junk).
import { encode, mlsMessageDecoder, mlsMessageEncoder, wireformats, type MlsMessage } from "ts-mls"
import { GroupMessageError } from "./errors.js"

export type GroupMessageWireFormat = "private" | "public"
export type GroupMessageContentType = "application" | "proposal" | "commit"

export interface GroupMessageHeader {
  groupId: Uint8Array
  epoch: bigint
  wireFormat: GroupMessageWireFormat
  contentType: GroupMessageContentType
  /**
   * True for commits and proposals, the reference's `is_commit` (handlers.rs matches
   * `ContentType::Commit | ContentType::Proposal`): both change what the next commit applies, so
   * the node treats them alike.
   */
  isCommit: boolean
}

const MLS10 = 1
const contentTypeNames = { 1: "application", 2: "proposal", 3: "commit" } as const
const nonGroupWireFormats: ReadonlyMap<number, string> = new Map([
  [wireformats.mls_welcome, "Welcome"],
  [wireformats.mls_group_info, "GroupInfo"],
  [wireformats.mls_key_package, "KeyPackage"],
])

/** Reads the clear header of a TLS-serialised MLSMessage carrying a group message. */
export function parseGroupMessageHeader(bytes: Uint8Array): GroupMessageHeader {
  if (bytes.length < 4) {
    throw new GroupMessageError("Malformed", `group message is truncated (${bytes.length} bytes)`)
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const version = view.getUint16(0)
  if (version !== MLS10) {
    throw new GroupMessageError("UnsupportedProtocolVersion", `MLSMessage version ${version} is not mls10 (1)`)
  }
  const wireFormat = view.getUint16(2)
  const other = nonGroupWireFormats.get(wireFormat)
  if (other !== undefined) {
    throw new GroupMessageError("UnexpectedWireFormat", `expected a group message, got an MLS ${other}`)
  }
  if (wireFormat !== wireformats.mls_private_message && wireFormat !== wireformats.mls_public_message) {
    throw new GroupMessageError("Malformed", `unknown MLS wire format ${wireFormat}`)
  }

  const message = decodeWhole(bytes)
  switch (message.wireformat) {
    case wireformats.mls_private_message: {
      const { groupId, epoch, contentType } = message.privateMessage
      return header(groupId, epoch, "private", contentType)
    }
    case wireformats.mls_public_message: {
      const { groupId, epoch, contentType } = message.publicMessage.content
      return header(groupId, epoch, "public", contentType)
    }
    default:
      // Unreachable: the wire format was checked above; kept so a decoder change cannot slip through.
      throw new GroupMessageError("UnexpectedWireFormat", `expected a group message, got wire format ${message.wireformat}`)
  }
}

function decodeWhole(bytes: Uint8Array): MlsMessage {
  let decoded: [MlsMessage, number] | undefined
  try {
    decoded = mlsMessageDecoder(bytes, 0)
  } catch (cause) {
    throw new GroupMessageError("Malformed", `group message does not decode: ${(cause as Error).message}`)
  }
  if (decoded === undefined) {
    throw new GroupMessageError("Malformed", "group message is truncated or holds an invalid field")
  }
  const [message, length] = decoded
  if (length !== bytes.length) {
    throw new GroupMessageError("TrailingBytes", `group message has ${bytes.length - length} bytes after its end`)
  }
  // tls_codec (under OpenMLS) requires minimal length prefixes; re-encoding reproduces the input
  // only if they were.
  const reencoded = encode(mlsMessageEncoder, message)
  if (reencoded.length !== bytes.length || reencoded.some((byte, i) => byte !== bytes[i])) {
    throw new GroupMessageError("Malformed", "group message is not canonically encoded (a length prefix is not minimal)")
  }
  return message
}

function header(
  groupId: Uint8Array,
  epoch: bigint,
  wireFormat: GroupMessageWireFormat,
  contentType: keyof typeof contentTypeNames,
): GroupMessageHeader {
  const name = contentTypeNames[contentType]
  return { groupId, epoch, wireFormat, contentType: name, isCommit: name !== "application" }
}
