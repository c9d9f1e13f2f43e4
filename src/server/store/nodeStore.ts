// What the delivery node needs from its storage, independent of the database behind it (SQLite
// or PostgreSQL). Every write is atomic; ids are never reused, and a topic's ids become visible
// in increasing order, so a reader paging by id misses nothing (the production node uses one
// global sequence per table and a per-topic lock, and so do the backends here).

/** Paging already normalised by the caller (direction, page size and cursor rules are the RPC layer's). */
export interface PageQuery {
  direction: "ascending" | "descending"
  limit: number
  /** Ascending: ids greater than this; descending: ids smaller than this; 0 (or less): no bound. */
  cursor: bigint
}

export interface NewGroupMessage {
  groupId: Uint8Array
  data: Uint8Array
  senderHmac: Uint8Array
  shouldPush: boolean
  isCommit: boolean
}

export interface StoredGroupMessage extends NewGroupMessage {
  id: bigint
  createdNs: bigint
}

/** How the node stores a welcome's wrapper algorithm (node-go `types.WrapperAlgorithm`). */
export type StoredWrapperAlgorithm = "curve25519" | "xwing-mlkem768-draft6" | "symmetric-key"

export interface NewWelcomeMessage {
  kind: "v1" | "pointer"
  installationKey: Uint8Array
  /** The wrapped welcome (v1) or the wrapped welcome pointer (pointer). */
  data: Uint8Array
  hpkePublicKey: Uint8Array
  wrapperAlgorithm: StoredWrapperAlgorithm
  welcomeMetadata: Uint8Array
}

export interface StoredWelcomeMessage extends NewWelcomeMessage {
  id: bigint
  createdNs: bigint
}

export interface StoredIdentityUpdate {
  sequenceId: bigint
  serverTimestampNs: bigint
  /** The encoded `xmtp.identity.associations.IdentityUpdate`. */
  update: Uint8Array
}

/** What an accepted identity update changes, decided by the caller from the inbox's history. */
export interface IdentityUpdateAppend {
  update: Uint8Array
  /** Ethereum addresses that now resolve to the inbox. */
  addedAddresses: string[]
  /** Ethereum addresses whose latest association with the inbox is revoked. */
  removedAddresses: string[]
}

export interface NewCommitLogEntry {
  groupId: Uint8Array
  serializedEntry: Uint8Array
  /** The encoded `RecoverableEd25519Signature`. */
  serializedSignature: Uint8Array
}

export interface StoredCommitLogEntry extends NewCommitLogEntry {
  id: bigint
}

/**
 * Told about every stored group message and welcome exactly once, each topic's in id order; of
 * this process's writes, before the write is acknowledged. Live subscriptions are fed from here.
 * SQLite tells it synchronously at commit; PostgreSQL through LISTEN/NOTIFY, which also carries
 * what other node processes on the same database store.
 */
export interface StoredEnvelopeListener {
  groupMessagesStored(messages: StoredGroupMessage[]): void
  welcomeMessagesStored(messages: StoredWelcomeMessage[]): void
}

export interface NodeStore {
  /** Sets the one listener for envelopes stored from now on. */
  setEnvelopeListener(listener: StoredEnvelopeListener): void

  /** Stores the installation's key package, replacing the one it had. */
  saveKeyPackage(installationKey: Uint8Array, keyPackage: Uint8Array): Promise<void>
  /** One entry per requested installation, in order; undefined where none is stored. */
  fetchKeyPackages(installationKeys: Uint8Array[]): Promise<(Uint8Array | undefined)[]>

  /** Stores the messages in one transaction; returns the ones that were new (exact repeats are skipped). */
  insertGroupMessages(messages: NewGroupMessage[]): Promise<StoredGroupMessage[]>
  queryGroupMessages(groupId: Uint8Array, page: PageQuery): Promise<StoredGroupMessage[]>
  /** The newest message of each group, in order; undefined for a group without messages. */
  newestGroupMessages(groupIds: Uint8Array[]): Promise<(StoredGroupMessage | undefined)[]>

  /** Stores the welcomes in one transaction; returns the ones that were new (exact repeats are skipped). */
  insertWelcomeMessages(messages: NewWelcomeMessage[]): Promise<StoredWelcomeMessage[]>
  queryWelcomeMessages(installationKey: Uint8Array, page: PageQuery): Promise<StoredWelcomeMessage[]>

  /**
   * Appends one identity update to an inbox's log (inbox ids are lowercase hex: the RPC layer
   * admits no other). `decide` receives the inbox's accepted history
   * (oldest first) and returns what to store, or throws to refuse; no other update to the same
   * inbox is decided or stored meanwhile. Returns the new sequence id.
   */
  appendIdentityUpdate(
    inboxId: string,
    decide: (history: Uint8Array[]) => Promise<IdentityUpdateAppend>,
  ): Promise<bigint>
  /** For each request, the inbox's updates with a sequence id above the given one, oldest first. */
  identityUpdates(requests: { inboxId: string; afterSequenceId: bigint }[]): Promise<StoredIdentityUpdate[][]>
  /** The inbox each address currently resolves to (its latest unrevoked association), in order. */
  inboxIdsForAddresses(addresses: string[]): Promise<(string | undefined)[]>

  /** Stores the entries in one transaction. */
  insertCommitLogEntries(entries: NewCommitLogEntry[]): Promise<StoredCommitLogEntry[]>
  /** The group's entries with an id above `afterId`, oldest first. */
  queryCommitLog(groupId: Uint8Array, afterId: bigint, limit: number): Promise<StoredCommitLogEntry[]>

  /** Closes the database; called once nothing uses the store any more. */
  close(): Promise<void>
}
