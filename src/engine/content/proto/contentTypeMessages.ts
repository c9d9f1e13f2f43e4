// The protobuf payloads of content types (proto commit 6d7c607c,
// mls/message_contents/content_types/{reaction,multi_remote_attachment,leave_request,delete_message}.proto),
// prost-exact. @xmtp/proto 3.89.0 has no codec for the last two, and ts-proto's readers accept
// what prost refuses (invalid UTF-8, wrong wire types), so all four are read and written here.
import {
  ContentProtoWriter,
  decodeProto,
  contentReader,
  type ProtoReader,
  readBytes,
  readFields,
  readString,
  readUint32,
  WIRE_LENGTH_DELIMITED,
  WIRE_VARINT,
} from "./contentWire"

export type ReactionAction = "unknown" | "added" | "removed"
export type ReactionSchema = "unknown" | "unicode" | "shortcode" | "custom"

/** ReactionV2; also the model a legacy (v1 JSON) reaction decodes into. */
export interface Reaction {
  /** Hex id of the message reacted to. */
  reference: string
  /** Inbox id of that message's sender; may be empty. */
  referenceInboxId: string
  action: ReactionAction
  content: string
  schema: ReactionSchema
}

/** RemoteAttachmentInfo: a remote attachment, alone or in a MultiRemoteAttachment. */
export interface RemoteAttachment {
  url: string
  /** Hex SHA-256 of the encrypted bytes at `url`. */
  contentDigest: string
  secret: Uint8Array
  salt: Uint8Array
  nonce: Uint8Array
  scheme: string
  /** Length of the encrypted bytes (uint32). */
  contentLength?: number
  filename?: string
}

export interface MultiRemoteAttachment {
  attachments: RemoteAttachment[]
}

export interface LeaveRequest {
  /** A serialized AuthenticatedNote; libxmtp 1.10 always leaves it out. */
  authenticatedNote?: Uint8Array
}

export interface DeleteMessage {
  /** Hex id of the message to delete. */
  messageId: string
}

const REACTION_ACTIONS: readonly ReactionAction[] = ["unknown", "added", "removed"]
const REACTION_SCHEMAS: readonly ReactionSchema[] = ["unknown", "unicode", "shortcode", "custom"]

// Unknown enum values are kept by prost but shown as Unknown by the node bindings; so here.
const actionOf = (value: number): ReactionAction => REACTION_ACTIONS[value] ?? "unknown"
const schemaOf = (value: number): ReactionSchema => REACTION_SCHEMAS[value] ?? "unknown"

export function encodeReactionMessage(reaction: Reaction): Uint8Array {
  return new ContentProtoWriter()
    .string(1, reaction.reference)
    .string(2, reaction.referenceInboxId)
    .enumValue(3, REACTION_ACTIONS.indexOf(reaction.action))
    .string(4, reaction.content)
    .enumValue(5, REACTION_SCHEMAS.indexOf(reaction.schema))
    .finish()
}

export function decodeReactionMessage(bytes: Uint8Array, contentType?: string): Reaction {
  return decodeProto(
    "MalformedProtobuf",
    "ReactionV2",
    () => {
      const reaction: Reaction = { reference: "", referenceInboxId: "", action: "unknown", content: "", schema: "unknown" }
      readFields(contentReader(bytes), (reader, key) => {
        switch (key.field) {
          case 1:
            reaction.reference = readString(reader, key, "ReactionV2.reference")
            return true
          case 2:
            reaction.referenceInboxId = readString(reader, key, "ReactionV2.reference_inbox_id")
            return true
          case 3:
            reader.expectWireType(key, WIRE_VARINT, "ReactionV2.action")
            reaction.action = actionOf(reader.int32())
            return true
          case 4:
            reaction.content = readString(reader, key, "ReactionV2.content")
            return true
          case 5:
            reader.expectWireType(key, WIRE_VARINT, "ReactionV2.schema")
            reaction.schema = schemaOf(reader.int32())
            return true
          default:
            return false
        }
      })
      return reaction
    },
    contentType,
  )
}

export function encodeRemoteAttachmentInfo(info: RemoteAttachment): Uint8Array {
  return new ContentProtoWriter()
    .string(1, info.contentDigest)
    .bytes(2, info.secret)
    .bytes(3, info.nonce)
    .bytes(4, info.salt)
    .string(5, info.scheme)
    .string(6, info.url)
    .optionalUint32(7, info.contentLength)
    .optionalString(8, info.filename)
    .finish()
}

export function encodeMultiRemoteAttachmentMessage(multi: MultiRemoteAttachment): Uint8Array {
  return new ContentProtoWriter().repeatedMessage(1, multi.attachments.map(encodeRemoteAttachmentInfo)).finish()
}

export function decodeMultiRemoteAttachmentMessage(bytes: Uint8Array, contentType?: string): MultiRemoteAttachment {
  return decodeProto(
    "MalformedProtobuf",
    "MultiRemoteAttachment",
    () => {
      const attachments: RemoteAttachment[] = []
      readFields(contentReader(bytes), (reader, key) => {
        if (key.field !== 1) return false
        reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "MultiRemoteAttachment.attachments")
        attachments.push(readRemoteAttachmentInfo(reader.nested(reader.lengthDelimited())))
        return true
      })
      return { attachments }
    },
    contentType,
  )
}

function readRemoteAttachmentInfo(reader: ProtoReader): RemoteAttachment {
  const info: RemoteAttachment = {
    url: "",
    contentDigest: "",
    secret: new Uint8Array(),
    salt: new Uint8Array(),
    nonce: new Uint8Array(),
    scheme: "",
  }
  readFields(reader, (r, key) => {
    switch (key.field) {
      case 1:
        info.contentDigest = readString(r, key, "RemoteAttachmentInfo.content_digest")
        return true
      case 2:
        info.secret = readBytes(r, key, "RemoteAttachmentInfo.secret")
        return true
      case 3:
        info.nonce = readBytes(r, key, "RemoteAttachmentInfo.nonce")
        return true
      case 4:
        info.salt = readBytes(r, key, "RemoteAttachmentInfo.salt")
        return true
      case 5:
        info.scheme = readString(r, key, "RemoteAttachmentInfo.scheme")
        return true
      case 6:
        info.url = readString(r, key, "RemoteAttachmentInfo.url")
        return true
      case 7:
        r.expectWireType(key, WIRE_VARINT, "RemoteAttachmentInfo.content_length")
        info.contentLength = readUint32(r)
        return true
      case 8:
        info.filename = readString(r, key, "RemoteAttachmentInfo.filename")
        return true
      default:
        return false
    }
  })
  return info
}

export function encodeLeaveRequestMessage(request: LeaveRequest): Uint8Array {
  return new ContentProtoWriter().optionalBytes(1, request.authenticatedNote).finish()
}

export function decodeLeaveRequestMessage(bytes: Uint8Array, contentType?: string): LeaveRequest {
  return decodeProto(
    "MalformedProtobuf",
    "LeaveRequest",
    () => {
      let authenticatedNote: Uint8Array | undefined
      readFields(contentReader(bytes), (reader, key) => {
        if (key.field !== 1) return false
        authenticatedNote = readBytes(reader, key, "LeaveRequest.authenticated_note")
        return true
      })
      return authenticatedNote === undefined ? {} : { authenticatedNote }
    },
    contentType,
  )
}

export function encodeDeleteMessageMessage(request: DeleteMessage): Uint8Array {
  return new ContentProtoWriter().string(1, request.messageId).finish()
}

export function decodeDeleteMessageMessage(bytes: Uint8Array, contentType?: string): DeleteMessage {
  return decodeProto(
    "MalformedProtobuf",
    "DeleteMessage",
    () => {
      let messageId = ""
      readFields(contentReader(bytes), (reader, key) => {
        if (key.field !== 1) return false
        messageId = readString(reader, key, "DeleteMessage.message_id")
        return true
      })
      return { messageId }
    },
    contentType,
  )
}
