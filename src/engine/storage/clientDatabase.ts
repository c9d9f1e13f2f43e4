// An installation's database: the encrypted SQLite file with the client schema, and one accessor
// per table family. Writes that belong together go through `transaction`, which better-sqlite3
// runs synchronously, so nothing else interleaves with it.
import type Database from "better-sqlite3-multiple-ciphers"
import { ConsentTable } from "./consent"
import { ConversationListTable } from "./conversationList"
import { ConversationOverviewTable } from "./conversationOverviews"
import { CursorTable } from "./cursors"
import { openEncryptedDatabase } from "./encryptedDatabase"
import { ForkSignalTable } from "./forkSignals"
import { GroupTable } from "./groups"
import { IdentityTable } from "./identity"
import { IdentityUpdateTable } from "./identityUpdates"
import { IntentTable } from "./intents"
import { InviteTable } from "./invites"
import { KeyPackageTable } from "./keyPackages"
import { MessageDeletionTable } from "./messageDeletions"
import { MessageTable } from "./messages"
import { clientMigrations } from "./migrations"
import { PausedGroupTable } from "./pausedGroups"
import { PendingRemovalTable } from "./pendingRemovals"

export class ClientDatabase {
  readonly identity: IdentityTable
  readonly keyPackages: KeyPackageTable
  readonly groups: GroupTable
  readonly messages: MessageTable
  readonly messageDeletions: MessageDeletionTable
  readonly intents: IntentTable
  readonly invites: InviteTable
  readonly identityUpdates: IdentityUpdateTable
  readonly consent: ConsentTable
  readonly conversationList: ConversationListTable
  readonly conversationOverviews: ConversationOverviewTable
  readonly cursors: CursorTable
  readonly pendingRemovals: PendingRemovalTable
  readonly pausedGroups: PausedGroupTable
  readonly forkSignals: ForkSignalTable
  private closed = false

  private constructor(private readonly db: Database.Database) {
    db.defaultSafeIntegers(true)
    this.identity = new IdentityTable(db)
    this.keyPackages = new KeyPackageTable(db)
    this.groups = new GroupTable(db)
    this.messages = new MessageTable(db)
    this.messageDeletions = new MessageDeletionTable(db)
    this.intents = new IntentTable(db)
    this.invites = new InviteTable(db)
    this.identityUpdates = new IdentityUpdateTable(db)
    this.consent = new ConsentTable(db)
    this.conversationList = new ConversationListTable(db)
    this.conversationOverviews = new ConversationOverviewTable(db)
    this.cursors = new CursorTable(db)
    this.pendingRemovals = new PendingRemovalTable(db)
    this.pausedGroups = new PausedGroupTable(db)
    this.forkSignals = new ForkSignalTable(db)
  }

  /** Throws StorageError (WrongKey, NotEncrypted, NewerSchema, ...) as openEncryptedDatabase does. */
  static open(path: string, key: Uint8Array): ClientDatabase {
    return new ClientDatabase(openEncryptedDatabase(path, key, clientMigrations))
  }

  /** Runs `fn` in one transaction: all of its writes land, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  get isOpen(): boolean {
    return !this.closed
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.db.close()
  }
}
