// What every group operation needs from its client: the node, the database, this installation's
// identity and keys, identity lookups, the MLS context and the per-group lock.
import type { MlsContext } from "ts-mls"
import type { ApiClient } from "../api/index"
import type { InstallationKey } from "../identity/index"
import type { ClientDatabase } from "../storage/clientDatabase"
import type { StoredMessage } from "../storage/messages"
import type { IdentityResolver } from "./identityResolver"
import type { KeyedMutex } from "../util/keyedMutex"
import type { MessageDeletionEvents } from "./messageDeletionEvents"

export interface GroupContext {
  readonly api: ApiClient
  readonly db: ClientDatabase
  readonly inboxId: string
  readonly installation: InstallationKey
  readonly resolver: IdentityResolver
  readonly mls: MlsContext
  readonly locks: KeyedMutex
  /** Told about every message stored from the network or published by this installation. */
  readonly onMessageStored: (message: StoredMessage) => void
  /** Where deletions this client processes are announced (streamDeletedMessages). */
  readonly deletionEvents: MessageDeletionEvents
}
