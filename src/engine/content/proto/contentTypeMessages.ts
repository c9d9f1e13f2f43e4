// The protobuf payloads of content types (proto commit 6d7c607c,
// mls/message_contents/content_types/{reaction,multi_remote_attachment,leave_request,delete_message}.proto),
// prost-exact. @xmtp/proto 3.89.0 has no codec for the last two, and ts-proto's readers accept
// what prost refuses (invalid UTF-8, wrong wire types), so all four are read and written here.
import {
  ContentProtoWriter,
  decodeContentMessage,
  type ProtoReader,
  readBytes,
  readInt32Field,
  readKnownFields,
  readNested,
  readString,
  readUint32Field,
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
  return decodeContentMessage(bytes, "ReactionV2", contentType, (reader) => {
    const reaction: Reaction = { reference: "", referenceInboxId: "", action: "unknown", content: "", schema: "unknown" }
    readKnownFields(reader, {
      1: (r, key) => (reaction.reference = readString(r, key, "ReactionV2.reference")),
      2: (r, key) => (reaction.referenceInboxId = readString(r, key, "ReactionV2.reference_inbox_id")),
      3: (r, key) => (reaction.action = actionOf(readInt32Field(r, key, "ReactionV2.action"))),
      4: (r, key) => (reaction.content = readString(r, key, "ReactionV2.content")),
      5: (r, key) => (reaction.schema = schemaOf(readInt32Field(r, key, "ReactionV2.schema"))),
    })
    return reaction
  })
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
  return decodeContentMessage(bytes, "MultiRemoteAttachment", contentType, (reader) => {
    const attachments: RemoteAttachment[] = []
    readKnownFields(reader, {
      1: (r, key) => attachments.push(readRemoteAttachmentInfo(readNested(r, key, "MultiRemoteAttachment.attachments"))),
    })
    return { attachments }
  })
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
  readKnownFields(reader, {
    1: (r, key) => (info.contentDigest = readString(r, key, "RemoteAttachmentInfo.content_digest")),
    2: (r, key) => (info.secret = readBytes(r, key, "RemoteAttachmentInfo.secret")),
    3: (r, key) => (info.nonce = readBytes(r, key, "RemoteAttachmentInfo.nonce")),
    4: (r, key) => (info.salt = readBytes(r, key, "RemoteAttachmentInfo.salt")),
    5: (r, key) => (info.scheme = readString(r, key, "RemoteAttachmentInfo.scheme")),
    6: (r, key) => (info.url = readString(r, key, "RemoteAttachmentInfo.url")),
    7: (r, key) => (info.contentLength = readUint32Field(r, key, "RemoteAttachmentInfo.content_length")),
    8: (r, key) => (info.filename = readString(r, key, "RemoteAttachmentInfo.filename")),
  })
  return info
}

export function encodeLeaveRequestMessage(request: LeaveRequest): Uint8Array {
  return new ContentProtoWriter().optionalBytes(1, request.authenticatedNote).finish()
}

export function decodeLeaveRequestMessage(bytes: Uint8Array, contentType?: string): LeaveRequest {
  return decodeContentMessage(bytes, "LeaveRequest", contentType, (reader) => {
    let authenticatedNote: Uint8Array | undefined
    readKnownFields(reader, { 1: (r, key) => (authenticatedNote = readBytes(r, key, "LeaveRequest.authenticated_note")) })
    return authenticatedNote === undefined ? {} : { authenticatedNote }
  })
}

export function encodeDeleteMessageMessage(request: DeleteMessage): Uint8Array {
  return new ContentProtoWriter().string(1, request.messageId).finish()
}

export function decodeDeleteMessageMessage(bytes: Uint8Array, contentType?: string): DeleteMessage {
  return decodeContentMessage(bytes, "DeleteMessage", contentType, (reader) => {
    let messageId = ""
    readKnownFields(reader, { 1: (r, key) => (messageId = readString(r, key, "DeleteMessage.message_id")) })
    return { messageId }
  })
}
