// Typed failures of the content layer. Decode codes name the rule libxmtp (node-bindings-1.10.0,
// crates/xmtp_content_types) applies to the same bytes, so a rejection can be traced to it.

export type ContentDecodeErrorCode =
  /** The bytes are not a protobuf EncodedContent (prost::DecodeError on the envelope). */
  | "MalformedEncodedContent"
  /** A protobuf payload (reaction, multi remote attachment, transcript...) is not valid protobuf. */
  | "MalformedProtobuf"
  /** A text field or payload is not UTF-8 (prost and `str::from_utf8` refuse it too). */
  | "NotUtf8"
  /** A JSON payload is not what serde_json would accept for the type. */
  | "InvalidJson"
  /** Text or markdown declares an `encoding` other than UTF-8. */
  | "UnsupportedEncoding"
  /** A parameter cannot be parsed (hex salt/nonce/secret, contentLength). */
  | "InvalidParameter"
  /** The content is compressed and does not inflate (or inflates past the size limit). */
  | "Decompression"
  /** An app-registered codec threw something that is not a ContentDecodeError. */
  | "CodecFailed"

export class ContentDecodeError extends Error {
  override readonly name = "ContentDecodeError"
  constructor(
    readonly code: ContentDecodeErrorCode,
    message: string,
    /** The `authority/type:major.minor` being decoded, when known. */
    readonly contentType?: string,
    options?: { cause?: unknown },
  ) {
    super(contentType === undefined ? message : `${contentType}: ${message}`, options)
  }
}

export type ContentEncodeErrorCode =
  /** A value the reference refuses to encode (empty or oversized actions, duplicate action ids...). */
  | "InvalidValue"
  /** Intent metadata over the reference's 10 KiB limit. */
  | "TooLarge"
  /** An app-registered codec threw while encoding. */
  | "CodecFailed"

export class ContentEncodeError extends Error {
  override readonly name = "ContentEncodeError"
  constructor(
    readonly code: ContentEncodeErrorCode,
    message: string,
    readonly contentType?: string,
    options?: { cause?: unknown },
  ) {
    super(contentType === undefined ? message : `${contentType}: ${message}`, options)
  }
}

export type RemoteAttachmentErrorCode =
  /** The downloaded bytes do not hash to the contentDigest the sender signed off: tampered or wrong file. */
  | "DigestMismatch"
  /** The salt is not 32 bytes. */
  | "InvalidSalt"
  /** The nonce is not 12 bytes. */
  | "InvalidNonce"
  /** AES-256-GCM refused the ciphertext (wrong secret, or bytes altered along with the digest). */
  | "DecryptionFailed"
  /** The decrypted bytes are not an attachment EncodedContent. */
  | "MalformedPayload"
  /** The encrypted attachment would exceed 4 GiB, the largest contentLength the format can carry. */
  | "TooLarge"

export class RemoteAttachmentError extends Error {
  override readonly name = "RemoteAttachmentError"
  constructor(
    readonly code: RemoteAttachmentErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

export type AttachmentStoreErrorCode =
  /** The URL cannot be fetched by this store (not http(s), or not this store's). */
  | "InvalidUrl"
  /** The store refused the upload token. */
  | "Unauthorized"
  /** The blob is larger than the store (or the caller) accepts. */
  | "TooLarge"
  /** No blob at that URL. */
  | "NotFound"
  /** The store could not be reached or answered with an error. */
  | "Unavailable"

export class AttachmentStoreError extends Error {
  override readonly name = "AttachmentStoreError"
  constructor(
    readonly code: AttachmentStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}
