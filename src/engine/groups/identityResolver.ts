// Association states of inboxes at given identity-update sequence ids, as libxmtp's
// IdentityUpdates does it (identity_updates.rs): updates are fetched from the network once and kept
// in the identity_updates table. A state is derived by verifying updates and applying them on top of
// the nearest earlier verified state in the association_state cache (get_association_state), so
// each update's signatures are checked once per installation, not on every group operation. The
// cache holds only states built from verified updates; a row that does not decode is dropped and
// the state rebuilt from the log.
import type { ApiClient } from "../api/index"
import { applyIdentityUpdate, AssociationError, type AssociationState } from "../identity/index"
import { decodeAssociationState, encodeAssociationState } from "../identity/associationStateCodec"
import { associations } from "../proto/index"
import type { ClientDatabase } from "../storage/clientDatabase"

export type IdentityResolverErrorCode =
  /** The inbox has no identity updates (it was never registered). */
  | "UnknownInbox"
  /** A group names a sequence id the inbox's log does not reach. */
  | "MissingIdentityUpdate"

export class IdentityResolverError extends Error {
  override readonly name = "IdentityResolverError"
  constructor(
    readonly code: IdentityResolverErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export interface InstallationDelta {
  added: Uint8Array[]
  removed: Uint8Array[]
}

export class IdentityResolver {
  private readonly states = new Map<string, Promise<AssociationState>>()

  constructor(
    private readonly api: ApiClient,
    private readonly db: ClientDatabase,
  ) {}

  /** Fetches the updates each inbox has on the network after what is stored (load_identity_updates). */
  async load(inboxIds: readonly string[]): Promise<void> {
    const unique = [...new Set(inboxIds)]
    if (unique.length === 0) return
    const latest = this.db.identityUpdates.latestSequenceIds(unique)
    const responses = await this.api.identity.getIdentityUpdates(unique.map((inboxId) => ({ inboxId, sequenceId: latest.get(inboxId) ?? 0n })))
    const rows = responses.flatMap((response) =>
      response.updates.map((log) => ({
        inboxId: response.inboxId,
        sequenceId: log.sequenceId,
        serverTimestampNs: log.serverTimestampNs,
        payload: associations.IdentityUpdate.encode(log.update).finish(),
      })),
    )
    this.db.identityUpdates.insertOrIgnore(rows)
  }

  latestSequenceIds(inboxIds: readonly string[]): Map<string, bigint> {
    return this.db.identityUpdates.latestSequenceIds(inboxIds)
  }

  /**
   * The inbox's state after the update with `sequenceId` (all stored updates when undefined).
   * Throws IdentityResolverError when the log does not reach that far, AssociationError when an
   * update does not verify. Concurrent calls for the same state share one resolution.
   */
  stateAt(inboxId: string, sequenceId?: bigint): Promise<AssociationState> {
    const target = sequenceId ?? this.db.identityUpdates.latestSequenceIds([inboxId]).get(inboxId)
    if (target === undefined) return Promise.reject(unknownInbox(inboxId))
    const key = `${inboxId}:${target}`
    const known = this.states.get(key)
    if (known) return known
    const resolving = this.resolve(inboxId, target)
    this.states.set(key, resolving)
    // A failure is not remembered: the log may be completed by a later load().
    resolving.catch(() => this.states.delete(key))
    return resolving
  }

  private async resolve(inboxId: string, target: bigint): Promise<AssociationState> {
    const base = this.cachedStateAtOrBefore(inboxId, target)
    const updates = this.db.identityUpdates.list(inboxId, target, base?.sequenceId)
    const reached = updates.at(-1)?.sequenceId ?? base?.sequenceId
    if (reached === undefined) throw unknownInbox(inboxId)
    if (reached !== target) {
      throw new IdentityResolverError("MissingIdentityUpdate", `Inbox ${inboxId}'s identity log reaches sequence id ${reached}, not ${target}.`)
    }
    if (updates.length === 0 && base) return base.state
    let state = base?.state
    for (const update of updates) state = await applyIdentityUpdate(state, associations.IdentityUpdate.decode(update.payload))
    if (state === undefined) throw new AssociationError("NotCreated", `Inbox ${inboxId}'s identity log is empty: no inbox was created.`)
    const verified = state
    this.db.transaction(() => this.db.identityUpdates.associationStates.put(inboxId, target, encodeAssociationState(verified)))
    return verified
  }

  /** The nearest cached state not beyond `target`; rows that do not decode are dropped on the way. */
  private cachedStateAtOrBefore(inboxId: string, target: bigint): { sequenceId: bigint; state: AssociationState } | undefined {
    const cache = this.db.identityUpdates.associationStates
    for (;;) {
      const row = cache.latestAtOrBefore(inboxId, target)
      if (row === undefined) return undefined
      try {
        return { sequenceId: row.sequenceId, state: decodeAssociationState(row.state, inboxId) }
      } catch {
        // Decoding is pure: any failure means the stored bytes are bad, never the log.
        cache.delete(inboxId, row.sequenceId)
      }
    }
  }

  /**
   * Installations added and removed between two points of an inbox's log; from the start when
   * `fromSequenceId` is undefined (get_association_state_diff).
   */
  async installationDelta(inboxId: string, fromSequenceId: bigint | undefined, toSequenceId: bigint): Promise<InstallationDelta> {
    const to = await this.stateAt(inboxId, toSequenceId)
    if (fromSequenceId === undefined) return { added: to.installationKeys, removed: [] }
    const from = await this.stateAt(inboxId, fromSequenceId)
    const diff = from.diff(to)
    const keys = (members: typeof diff.addedMembers) => members.flatMap((m) => (m.kind === "installation" ? [m.publicKey] : []))
    return { added: keys(diff.addedMembers), removed: keys(diff.removedMembers) }
  }
}

function unknownInbox(inboxId: string): IdentityResolverError {
  return new IdentityResolverError("UnknownInbox", `Inbox ${inboxId} has no identity updates on the network.`)
}
