// Sending and receiving files: small ones travel inline as xmtp.org/attachment; larger ones are
// encrypted, uploaded to an AttachmentStore and sent as xmtp.org/remoteStaticAttachment.
import { attachmentCodec, type Attachment } from "../codecs/attachmentCodec"
import { remoteAttachmentCodec } from "../codecs/remoteAttachmentCodec"
import type { RemoteAttachment } from "../proto/contentTypeMessages"
import { encodeEncodedContent, type EncodedContent } from "../proto/encodedContentMessage"
import { decryptAttachment, encryptAttachment } from "./attachmentCrypto"
import type { AttachmentStore } from "./attachmentStore"

/**
 * Largest inline attachment, as encoded. libxmtp 1.10 enforces no limit of its own; XMTP documents
 * inline attachments as "smaller than 1MB", the old network's message size (libp2p pubsub's 1 MiB).
 */
export const INLINE_ATTACHMENT_LIMIT_BYTES = 1024 * 1024

export type PreparedAttachment =
  | { kind: "inline"; attachment: Attachment; encoded: EncodedContent }
  | { kind: "remote"; remoteAttachment: RemoteAttachment; encoded: EncodedContent }

/** `scheme` as XMTP's SDKs write it for the URL ("https://"). */
function schemeOf(url: string): string {
  return `${new URL(url).protocol.replace(/:$/, "")}://`
}

/** The EncodedContent to send for `file`: inline when it fits, otherwise uploaded to `store` first. */
export async function prepareAttachment(file: Attachment, store: AttachmentStore): Promise<PreparedAttachment> {
  const inline = attachmentCodec.encode(file)
  if (encodeEncodedContent(inline).length <= INLINE_ATTACHMENT_LIMIT_BYTES) return { kind: "inline", attachment: file, encoded: inline }
  const encrypted = encryptAttachment(file)
  const url = await store.upload(encrypted.payload)
  const remoteAttachment: RemoteAttachment = {
    url,
    contentDigest: encrypted.contentDigest,
    secret: encrypted.secret,
    salt: encrypted.salt,
    nonce: encrypted.nonce,
    scheme: schemeOf(url),
    contentLength: encrypted.contentLength,
    ...(encrypted.filename === undefined ? {} : { filename: encrypted.filename }),
  }
  return { kind: "remote", remoteAttachment, encoded: remoteAttachmentCodec.encode(remoteAttachment) }
}

/** Downloads, verifies (digest, then AES-GCM) and decrypts a remote attachment. */
export async function loadRemoteAttachment(remote: RemoteAttachment, store: AttachmentStore): Promise<Attachment> {
  return decryptAttachment(await store.download(remote.url), remote)
}
