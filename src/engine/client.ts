// The Parley client (the shape of @xmtp/node-sdk 6's Client): one installation of an inbox, with
// its encrypted database and its connection to a node. Client.create opens the database, creates
// the installation key on first use (kept in the database, so reopening resumes the same
// installation), and registers it when the network does not list it yet.
import { bytesToHex } from "@noble/hashes/utils.js"
import { createApiClient, type ApiClient, type RetryPolicy } from "./api/index"
import { ClientError } from "./clientErrors"
import { registerInstallation } from "./clientRegistration"
import { Conversations } from "./conversations"
import { Preferences } from "./preferences"
import { DisappearingMessagesWorker, type DisappearingMessagesOptions } from "./disappearingMessagesWorker"
import type { GroupContext } from "./groups/context"
import { IdentityResolver } from "./groups/identityResolver"
import { Invites } from "./invites/invites"
import { revokeAllOtherInstallations, revokeInstallations } from "./installationRevocation"
import { MessageDeletionEvents } from "./groups/messageDeletionEvents"
import { KeyedMutex } from "./util/keyedMutex"
import { xmtpMlsContext } from "./groups/mlsContext"
import type { Identifier } from "./groups/publicTypes"
import { createInstallationKey, ethereumMember, IdentifierKind, inboxIdFor, type Signer } from "./identity/index"
import { keyPackageRotationPolicy } from "./keyPackageRotationPolicy"
import { KeyPackageMaintenance, type KeyPackageMaintenanceOptions } from "./keyPackageRotationWorker"
import { associations } from "./proto/index"
import { ClientDatabase } from "./storage/clientDatabase"
import { nowNs } from "./storage/rows"

export interface ClientOptions {
  /** The node, e.g. http://127.0.0.1:5556. */
  apiUrl: string
  /** The installation's database file. */
  dbPath: string
  /** 32 bytes, or 64 hex digits (with or without 0x). */
  dbEncryptionKey: Uint8Array | string
  appVersion?: string
  /** PEM CA certificate(s) to trust for an https node. */
  caCertificate?: string | Uint8Array
  retry?: RetryPolicy
  /** Key package rotation timings (libxmtp's by default) and listeners for its maintenance passes. */
  keyPackageRotation?: KeyPackageMaintenanceOptions
  /** How often expired disappearing messages are deleted (libxmtp's 1 s by default); deletions reach streamDeletedMessages. */
  disappearingMessages?: DisappearingMessagesOptions
}

export class Client {
  readonly conversations: Conversations
  /** Consent for conversations and inboxes. */
  readonly preferences: Preferences
  /** Invite links to groups (Parley's own flow over DMs). */
  readonly invites: Invites

  private constructor(
    private readonly ctx: GroupContext,
    readonly accountIdentifier: Identifier,
    private readonly keyPackageMaintenance: KeyPackageMaintenance,
    private readonly disappearingMessages: DisappearingMessagesWorker,
    /** Signs the inbox's identity updates after registration (revocations). */
    private readonly signer: Signer,
  ) {
    this.conversations = new Conversations(ctx)
    this.preferences = new Preferences(ctx)
    this.invites = new Invites(ctx, this.conversations)
  }

  /**
   * Opens (or creates) the installation in `dbPath` and makes sure it is registered. Throws
   * StorageError (a wrong key, a plaintext or newer database), ClientError, or ApiError.
   */
  static async create(signer: Signer, options: ClientOptions): Promise<Client> {
    const identifier = signer.getIdentifier()
    if (signer.type !== "EOA" || identifier.identifierKind !== IdentifierKind.Ethereum) {
      throw new ClientError("UnsupportedSigner", "Parley signs in with Ethereum accounts (EOA signers) only.")
    }
    const accountAddress = identifier.identifier.toLowerCase()
    const db = ClientDatabase.open(options.dbPath, encryptionKey(options.dbEncryptionKey))
    let api: ApiClient | undefined
    try {
      api = createApiClient({
        apiUrl: options.apiUrl,
        ...(options.appVersion ? { appVersion: options.appVersion } : {}),
        ...(options.caCertificate ? { caCertificate: options.caCertificate } : {}),
        ...(options.retry ? { retry: options.retry } : {}),
      })
      let stored = db.identity.get()
      if (stored && stored.accountAddress !== accountAddress) {
        throw new ClientError("IdentityMismatch", `This database belongs to account ${stored.accountAddress}, not ${accountAddress}.`)
      }
      if (!stored) {
        const [lookup] = await api.identity.getInboxIds([{ identifier: accountAddress, identifierKind: associations.IdentifierKind.IDENTIFIER_KIND_ETHEREUM }])
        const installation = createInstallationKey()
        db.identity.insert({
          inboxId: lookup?.inboxId ?? inboxIdFor(ethereumMember(accountAddress)),
          accountAddress,
          installationPublicKey: installation.publicKey,
          installationPrivateKey: installation.privateKey,
          createdAtNs: nowNs(),
        })
        stored = db.identity.get()!
      }
      const deletionEvents = new MessageDeletionEvents()
      const late: { invites?: Invites } = {}
      const ctx: GroupContext = {
        api,
        db,
        inboxId: stored.inboxId,
        installation: createInstallationKey(stored.installationPrivateKey),
        resolver: new IdentityResolver(api, db),
        mls: await xmtpMlsContext(),
        locks: new KeyedMutex(),
        // Invites exist once the client does; messages are only stored after that.
        onMessageStored: (message) => {
          deletionEvents.messageStored(db, message)
          late.invites?.messageStored(message)
        },
        deletionEvents,
      }
      const rotation = keyPackageRotationPolicy(options.keyPackageRotation)
      if (stored.registeredAtNs === undefined) await registerInstallation(ctx, signer, accountAddress, rotation)
      const maintenance = new KeyPackageMaintenance(ctx, rotation, options.keyPackageRotation)
      maintenance.start()
      const disappearing = new DisappearingMessagesWorker(db, (message) => deletionEvents.emit(message), options.disappearingMessages)
      disappearing.start()
      const client = new Client(ctx, { identifier: accountAddress, identifierKind: IdentifierKind.Ethereum }, maintenance, disappearing, signer)
      late.invites = client.invites
      // Requests that arrived before a restart and were not decided yet.
      void client.invites.resume()
      return client
    } catch (error) {
      api?.close()
      db.close()
      throw error
    }
  }

  get inboxId(): string {
    return this.ctx.inboxId
  }

  /** The installation's Ed25519 public key, in hex. */
  get installationId(): string {
    return bytesToHex(this.ctx.installation.publicKey)
  }

  get installationIdBytes(): Uint8Array {
    return this.ctx.installation.publicKey
  }

  get isRegistered(): boolean {
    return this.ctx.db.identity.get()?.registeredAtNs !== undefined
  }

  /** Revokes installations of this inbox (raw installation ids), signed by the client's signer; groups drop them at their next installation check. */
  async revokeInstallations(installationIds: Uint8Array[]): Promise<void> {
    await revokeInstallations(this.ctx, this.signer, installationIds)
  }

  /** Revokes every installation of this inbox but this one. */
  async revokeAllOtherInstallations(): Promise<void> {
    await revokeAllOtherInstallations(this.ctx, this.signer)
  }

  /** Ends streams, closes the connection and the database. The client cannot be used afterwards. */
  async close(): Promise<void> {
    if (!this.ctx.db.isOpen) return
    await this.keyPackageMaintenance.stop()
    this.disappearingMessages.stop()
    await this.invites.close()
    await this.conversations.endStreams()
    this.ctx.api.close()
    this.ctx.db.close()
  }
}

function encryptionKey(key: Uint8Array | string): Uint8Array {
  if (key instanceof Uint8Array) return key
  const hex = key.startsWith("0x") ? key.slice(2) : key
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new ClientError("InvalidEncryptionKey", "The database encryption key must be 32 bytes or 64 hex digits.")
  return Uint8Array.from(Buffer.from(hex, "hex"))
}
