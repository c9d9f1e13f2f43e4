// The XMTP protobuf codecs (ts-proto output shipped in @xmtp/proto), loaded from the package's
// CommonJS build: its ESM build uses extensionless imports that Node cannot resolve, and several
// modules are not exported from the package root. This file is the only place that knows that.
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import type * as MlsApiTypes from "@xmtp-proto-types/mls/api/v1/mls.pb"
import type * as IdentityApiTypes from "@xmtp-proto-types/identity/api/v1/identity.pb"
import type * as AssociationTypes from "@xmtp-proto-types/identity/associations/association.pb"
import type * as SignatureTypes from "@xmtp-proto-types/identity/associations/signature.pb"
import type * as CredentialTypes from "@xmtp-proto-types/identity/credential.pb"
import type * as ContentTypes from "@xmtp-proto-types/mls/message_contents/content.pb"
import type * as GroupMembershipTypes from "@xmtp-proto-types/mls/message_contents/group_membership.pb"
import type * as GroupMetadataTypes from "@xmtp-proto-types/mls/message_contents/group_metadata.pb"
import type * as GroupMutableMetadataTypes from "@xmtp-proto-types/mls/message_contents/group_mutable_metadata.pb"
import type * as TranscriptTypes from "@xmtp-proto-types/mls/message_contents/transcript_messages.pb"
import type * as WelcomePointerTypes from "@xmtp-proto-types/mls/message_contents/welcome_pointer.pb"
import type * as WrapperEncryptionTypes from "@xmtp-proto-types/mls/message_contents/wrapper_encryption.pb"
import type * as CommitLogTypes from "@xmtp-proto-types/mls/message_contents/commit_log.pb"
import type * as LegacyPublicKeyTypes from "@xmtp-proto-types/message_contents/public_key.pb"
import type LongType from "long"

const requireCjs = createRequire(import.meta.url)
const cjsRoot = dirname(requireCjs.resolve("@xmtp/proto"))
const load = <T>(path: string): T => requireCjs(join(cjsRoot, path)) as T

export const mlsApi = load<typeof MlsApiTypes>("mls/api/v1/mls.pb.js")
export const identityApi = load<typeof IdentityApiTypes>("identity/api/v1/identity.pb.js")
export const associations = load<typeof AssociationTypes>("identity/associations/association.pb.js")
export const signatures = load<typeof SignatureTypes>("identity/associations/signature.pb.js")
export const credential = load<typeof CredentialTypes>("identity/credential.pb.js")
export const content = load<typeof ContentTypes>("mls/message_contents/content.pb.js")
export const groupMembership = load<typeof GroupMembershipTypes>("mls/message_contents/group_membership.pb.js")
export const groupMetadata = load<typeof GroupMetadataTypes>("mls/message_contents/group_metadata.pb.js")
export const groupMutableMetadata = load<typeof GroupMutableMetadataTypes>(
  "mls/message_contents/group_mutable_metadata.pb.js",
)
export const transcript = load<typeof TranscriptTypes>("mls/message_contents/transcript_messages.pb.js")
export const welcomePointer = load<typeof WelcomePointerTypes>("mls/message_contents/welcome_pointer.pb.js")
export const wrapperEncryption = load<typeof WrapperEncryptionTypes>("mls/message_contents/wrapper_encryption.pb.js")
export const commitLog = load<typeof CommitLogTypes>("mls/message_contents/commit_log.pb.js")
/** XMTP v2 key protos, still carried by legacy delegated identity signatures. */
export const legacyPublicKey = load<typeof LegacyPublicKeyTypes>("message_contents/public_key.pb.js")

/** The `long` class the codecs use for 64-bit fields. */
export const Long = createRequire(join(cjsRoot, "index.js"))("long") as typeof LongType

export type { MlsApiTypes, IdentityApiTypes, AssociationTypes, SignatureTypes, CredentialTypes, ContentTypes }
export type { GroupMembershipTypes, GroupMetadataTypes, GroupMutableMetadataTypes, TranscriptTypes }
export type { WelcomePointerTypes, WrapperEncryptionTypes, CommitLogTypes, LegacyPublicKeyTypes }
