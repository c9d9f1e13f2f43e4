// Content type identifiers (protobuf ContentTypeId in mls/message_contents/content.proto) and their
// canonical string form `authority/type:major.minor`, as libxmtp writes it into a reply's
// `contentType` parameter and @xmtp/content-type-primitives parses it.

export interface ContentTypeId {
  authorityId: string
  typeId: string
  /** uint32 on the wire. */
  versionMajor: number
  /** uint32 on the wire. */
  versionMinor: number
}

export function contentTypeId(authorityId: string, typeId: string, versionMajor: number, versionMinor: number): ContentTypeId {
  return { authorityId, typeId, versionMajor, versionMinor }
}

export function contentTypeIdToString(id: ContentTypeId): string {
  return `${id.authorityId}/${id.typeId}:${id.versionMajor}.${id.versionMinor}`
}

const CONTENT_TYPE_STRING = /^([^/]+)\/([^:]+):(\d+)\.(\d+)$/
const UINT32_MAX = 0xffff_ffff

/** The id written as `authority/type:major.minor`, or undefined when the string is not one. */
export function parseContentTypeId(text: string): ContentTypeId | undefined {
  const match = CONTENT_TYPE_STRING.exec(text)
  if (!match) return undefined
  const [, authorityId = "", typeId = "", major = "", minor = ""] = match
  const versionMajor = Number(major)
  const versionMinor = Number(minor)
  if (versionMajor > UINT32_MAX || versionMinor > UINT32_MAX) return undefined
  return { authorityId, typeId, versionMajor, versionMinor }
}

/** Same authority, type and major version: minor versions are compatible by definition. */
export function sameContentType(a: ContentTypeId, b: ContentTypeId): boolean {
  return a.authorityId === b.authorityId && a.typeId === b.typeId && a.versionMajor === b.versionMajor
}
