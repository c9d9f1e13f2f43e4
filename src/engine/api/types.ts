// The shapes this layer takes and returns. They follow the protobuf messages field for field, with
// one convention: every 64-bit id, cursor, sequence id and timestamp is a bigint (the codecs' Long
// never leaves src/engine/api). Two liberties: a GroupMessage is its only version (V1) flattened,
// and a welcome's two versions are a union tagged by `kind`. Payloads that other modules build and
// read (IdentityUpdate, RecoverableEd25519Signature) pass through as the proto types.
import type { AssociationTypes, SignatureTypes, WelcomePointerTypes, WrapperEncryptionTypes } from "../proto/index"

export type SortDirection = "ascending" | "descending"

export interface PagingInfo {
  direction: SortDirection
  limit: number
  /** 0n means none: a request starts at the first (or newest) entry; a response has no more pages. */
  idCursor: bigint
}

export interface GroupMessage {
  id: bigint
  createdNs: bigint
  groupId: Uint8Array
  /** The TLS-serialised MLSMessage. */
  data: Uint8Array
  senderHmac: Uint8Array
  shouldPush: boolean
  isCommit: boolean
}

export interface GroupMessageInput {
  /** A TLS-serialised MLSMessage (PrivateMessage or PublicMessage). */
  data: Uint8Array
  senderHmac?: Uint8Array
  shouldPush: boolean
}

export interface WelcomeMessageV1 {
  kind: "v1"
  id: bigint
  createdNs: bigint
  installationKey: Uint8Array
  data: Uint8Array
  hpkePublicKey: Uint8Array
  wrapperAlgorithm: WrapperEncryptionTypes.WelcomeWrapperAlgorithm
  welcomeMetadata: Uint8Array
}

export interface WelcomePointerMessage {
  kind: "welcomePointer"
  id: bigint
  createdNs: bigint
  installationKey: Uint8Array
  welcomePointer: Uint8Array
  hpkePublicKey: Uint8Array
  wrapperAlgorithm: WelcomePointerTypes.WelcomePointerWrapperAlgorithm
}

export type WelcomeMessage = WelcomeMessageV1 | WelcomePointerMessage

export type WelcomeMessageInput =
  | Omit<WelcomeMessageV1, "id" | "createdNs">
  | Omit<WelcomePointerMessage, "id" | "createdNs">

export interface PageRequest {
  direction: SortDirection
  /** 1..100; the node uses 100 for anything else. */
  limit?: number
  idCursor?: bigint
}

export interface GroupMessagePage {
  messages: GroupMessage[]
  pagingInfo: PagingInfo | undefined
}

export interface WelcomeMessagePage {
  messages: WelcomeMessage[]
  pagingInfo: PagingInfo | undefined
}

export interface PublishCommitLogEntry {
  groupId: Uint8Array
  serializedCommitLogEntry: Uint8Array
  signature: SignatureTypes.RecoverableEd25519Signature
}

export interface CommitLogQuery {
  groupId: Uint8Array
  /** Commit logs page ascending only; the node refuses descending. */
  paging?: Omit<PageRequest, "direction">
}

export interface CommitLogEntry {
  sequenceId: bigint
  serializedCommitLogEntry: Uint8Array
  signature: SignatureTypes.RecoverableEd25519Signature | undefined
}

export interface CommitLogPage {
  groupId: Uint8Array
  commitLogEntries: CommitLogEntry[]
  pagingInfo: PagingInfo | undefined
}

export interface IdentityUpdatesQuery {
  inboxId: string
  /** Only updates after this sequence id are returned; 0n for all. */
  sequenceId: bigint
}

export interface IdentityUpdateLog {
  sequenceId: bigint
  serverTimestampNs: bigint
  update: AssociationTypes.IdentityUpdate
}

export interface InboxIdentityUpdates {
  inboxId: string
  updates: IdentityUpdateLog[]
}

export interface InboxIdQuery {
  identifier: string
  identifierKind: AssociationTypes.IdentifierKind
}

export interface InboxIdResult extends InboxIdQuery {
  /** Absent when no inbox is associated with the identifier. */
  inboxId: string | undefined
}

/** Where a group subscription starts: after `afterCursor` (0n = from the group's first message). */
export interface GroupSubscriptionFilter {
  groupId: Uint8Array
  afterCursor: bigint
}

export interface WelcomeSubscriptionFilter {
  installationKey: Uint8Array
  afterCursor: bigint
}
