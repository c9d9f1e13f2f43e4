// xmtp.org/remoteStaticAttachment:1.0 (libxmtp 1.10 remote_attachment.rs): the payload is the URL
// of the encrypted attachment; parameters carry contentDigest, salt, nonce and secret (hex),
// scheme, and when known contentLength and filename. Pushed. A missing hex parameter reads as
// empty bytes, as in libxmtp; decryption then refuses it (attachments/attachmentCrypto.ts).
import { encodedContentOf, type ContentCodec } from "../codec"
import { contentTypeIdToString } from "../contentTypeId"
import { ContentDecodeError } from "../errors"
import type { RemoteAttachment } from "../proto/contentTypeMessages"
import { fromHex, toHex } from "./hex"
import { CONTENT_TYPE_IDS } from "./ids"
import { strictUtf8, utf8Bytes } from "./payload"

export type { RemoteAttachment } from "../proto/contentTypeMessages"

const NAME = contentTypeIdToString(CONTENT_TYPE_IDS.remoteAttachment)
const UINT32_MAX = 0xffff_ffff

function remoteAttachmentParameters(remote: RemoteAttachment): Array<[string, string]> {
  const parameters: Array<[string, string]> = [
    ["contentDigest", remote.contentDigest],
    ["salt", toHex(remote.salt)],
    ["nonce", toHex(remote.nonce)],
    ["secret", toHex(remote.secret)],
    ["scheme", remote.scheme],
  ]
  if (remote.contentLength !== undefined) parameters.push(["contentLength", String(remote.contentLength)])
  if (remote.filename !== undefined) parameters.push(["filename", remote.filename])
  return parameters
}

function hexParameter(parameters: ReadonlyMap<string, string>, name: string): Uint8Array {
  const bytes = fromHex(parameters.get(name) ?? "")
  if (!bytes) throw new ContentDecodeError("InvalidParameter", `invalid hex in ${name} parameter`, NAME)
  return bytes
}

/** Rust's `u32::from_str`: decimal digits with an optional `+`, at most 4294967295. */
function contentLengthParameter(text: string): number {
  const value = /^\+?\d+$/.test(text) ? Number(text) : Number.NaN
  if (!(value <= UINT32_MAX)) throw new ContentDecodeError("InvalidParameter", `invalid contentLength parameter ${JSON.stringify(text)}`, NAME)
  return value
}

export const remoteAttachmentCodec: ContentCodec<RemoteAttachment> = {
  contentType: CONTENT_TYPE_IDS.remoteAttachment,
  encode: (remote) => encodedContentOf(remoteAttachmentCodec, remote, utf8Bytes(remote.url), remoteAttachmentParameters(remote)),
  decode(encoded) {
    const { parameters } = encoded
    const salt = hexParameter(parameters, "salt")
    const nonce = hexParameter(parameters, "nonce")
    const secret = hexParameter(parameters, "secret")
    const contentLength = parameters.get("contentLength")
    const filename = parameters.get("filename")
    return {
      url: strictUtf8(encoded.content, "the URL", NAME),
      contentDigest: parameters.get("contentDigest") ?? "",
      secret,
      salt,
      nonce,
      scheme: parameters.get("scheme") ?? "",
      ...(contentLength === undefined ? {} : { contentLength: contentLengthParameter(contentLength) }),
      ...(filename === undefined ? {} : { filename }),
    }
  },
  fallback: (remote) => `Can't display ${remote.filename ?? "this content"}. This app doesn't support remote attachments.`,
  shouldPush: () => true,
}
