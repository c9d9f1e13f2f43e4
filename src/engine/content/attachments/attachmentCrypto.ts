// Remote attachment encryption exactly as libxmtp 1.10 does it (xmtp_content_types encryption.rs
// and remote_attachment.rs): the attachment's EncodedContent bytes are sealed with AES-256-GCM
// under a key derived by HKDF-SHA256 (empty info) from a random 32-byte secret and 32-byte salt,
// with a random 12-byte nonce; the digest is the hex SHA-256 of the ciphertext, checked before
// anything is decrypted.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto"
import { attachmentCodec, type Attachment } from "../codecs/attachmentCodec"
import { ContentDecodeError, RemoteAttachmentError } from "../errors"
import type { RemoteAttachment } from "../proto/contentTypeMessages"
import { decodeEncodedContent, encodeEncodedContent } from "../proto/encodedContentMessage"

export const SECRET_BYTES = 32
export const SALT_BYTES = 32
export const NONCE_BYTES = 12
const TAG_BYTES = 16
const UINT32_MAX = 0xffff_ffff

export interface EncryptedAttachment {
  /** The ciphertext (with its 16-byte tag) to upload. */
  payload: Uint8Array
  /** Hex SHA-256 of `payload`. */
  contentDigest: string
  secret: Uint8Array
  salt: Uint8Array
  nonce: Uint8Array
  /** `payload.length`. */
  contentLength: number
  filename?: string
}

const deriveKey = (secret: Uint8Array, salt: Uint8Array): Buffer => Buffer.from(hkdfSync("sha256", secret, salt, new Uint8Array(), 32))

export const sha256Hex = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex")

export function encryptAttachment(attachment: Attachment): EncryptedAttachment {
  const plaintext = encodeEncodedContent(attachmentCodec.encode(attachment))
  const secret = new Uint8Array(randomBytes(SECRET_BYTES))
  const salt = new Uint8Array(randomBytes(SALT_BYTES))
  const nonce = new Uint8Array(randomBytes(NONCE_BYTES))
  const cipher = createCipheriv("aes-256-gcm", deriveKey(secret, salt), nonce)
  const payload = new Uint8Array(Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]))
  if (payload.length > UINT32_MAX) {
    throw new RemoteAttachmentError("TooLarge", `the encrypted attachment is ${payload.length} bytes; a remote attachment holds at most ${UINT32_MAX}`)
  }
  return {
    payload,
    contentDigest: sha256Hex(payload),
    secret,
    salt,
    nonce,
    contentLength: payload.length,
    ...(attachment.filename === undefined ? {} : { filename: attachment.filename }),
  }
}

/** The attachment behind `remote`, from the bytes downloaded from its URL. Throws RemoteAttachmentError. */
export function decryptAttachment(encrypted: Uint8Array, remote: RemoteAttachment): Attachment {
  const digest = sha256Hex(encrypted)
  if (digest !== remote.contentDigest) {
    throw new RemoteAttachmentError(
      "DigestMismatch",
      `the downloaded attachment does not match its digest (expected ${remote.contentDigest}, got ${digest}): it was altered or is another file`,
    )
  }
  if (remote.salt.length !== SALT_BYTES) throw new RemoteAttachmentError("InvalidSalt", `invalid salt length: expected ${SALT_BYTES}, got ${remote.salt.length}`)
  if (remote.nonce.length !== NONCE_BYTES) throw new RemoteAttachmentError("InvalidNonce", `invalid nonce length: expected ${NONCE_BYTES}, got ${remote.nonce.length}`)
  let plaintext: Uint8Array
  try {
    if (encrypted.length < TAG_BYTES) throw new Error(`${encrypted.length} bytes cannot hold a ${TAG_BYTES}-byte tag`)
    const decipher = createDecipheriv("aes-256-gcm", deriveKey(remote.secret, remote.salt), remote.nonce)
    decipher.setAuthTag(encrypted.subarray(encrypted.length - TAG_BYTES))
    plaintext = new Uint8Array(Buffer.concat([decipher.update(encrypted.subarray(0, encrypted.length - TAG_BYTES)), decipher.final()]))
  } catch (cause) {
    throw new RemoteAttachmentError("DecryptionFailed", "the attachment does not decrypt with the key in the message", { cause })
  }
  try {
    return attachmentCodec.decode(decodeEncodedContent(plaintext))
  } catch (cause) {
    if (!(cause instanceof ContentDecodeError)) throw cause
    throw new RemoteAttachmentError("MalformedPayload", `the decrypted attachment is not an EncodedContent: ${cause.message}`, { cause })
  }
}
