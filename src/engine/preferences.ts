// The user's consent choices (the shape of @xmtp/node-sdk's Preferences): whether a conversation or
// an inbox is allowed or denied. Conversation records filter lists, syncs and streams (CONSENT-06,
// CONSENT-08); inbox records only show in members' consentState (CONSENT-07).
import type { GroupContext } from "./groups/context"
import { ConsentEntityType, ConsentState, type Consent } from "./groups/publicTypes"
import { inboxStates, type InboxState } from "./inboxStates"
import { PreferencesError } from "./preferencesErrors"
import { ConsentEntityType as StoredConsentEntityType, type StoredConsentState } from "./storage/consent"
import { nowNs } from "./storage/rows"

const STORED_ENTITY_TYPES: Record<ConsentEntityType, StoredConsentEntityType> = {
  [ConsentEntityType.GroupId]: StoredConsentEntityType.ConversationId,
  [ConsentEntityType.InboxId]: StoredConsentEntityType.InboxId,
}

export class Preferences {
  constructor(private readonly ctx: GroupContext) {}

  /**
   * Stores every record in one transaction, the entity as given (a conversation id is the
   * lowercase hex the API hands out). An existing record changes state and keeps its time.
   * Throws PreferencesError before storing anything when a record is malformed.
   */
  async setConsentStates(consents: Consent[]): Promise<void> {
    const records = consents.map(checked)
    const now = nowNs()
    this.ctx.db.transaction(() => {
      for (const record of records) this.ctx.db.consent.set(record.entityType, record.entity, record.state, now)
    })
  }

  /** This inbox's state from the identity updates already stored (SDK inboxState). */
  async inboxState(): Promise<InboxState> {
    return (await inboxStates(this.ctx, [this.ctx.inboxId], false))[0]!
  }

  /** This inbox's state after reading its latest identity updates from the network. */
  async fetchInboxState(): Promise<InboxState> {
    return (await inboxStates(this.ctx, [this.ctx.inboxId], true))[0]!
  }

  /** Stored states of the inboxes; an inbox never read before is an IdentityResolverError("UnknownInbox"). */
  async getInboxStates(inboxIds: string[]): Promise<InboxState[]> {
    return inboxStates(this.ctx, inboxIds, false)
  }

  async fetchInboxStates(inboxIds: string[]): Promise<InboxState[]> {
    return inboxStates(this.ctx, inboxIds, true)
  }

  /** Unknown when no record exists (CONSENT-02). */
  async getConsentState(entityType: ConsentEntityType, entity: string): Promise<ConsentState> {
    return this.ctx.db.consent.get(storedEntityType(entityType), entity) as ConsentState
  }
}

function checked(consent: Consent): { entityType: StoredConsentEntityType; entity: string; state: StoredConsentState } {
  if (!Object.values(ConsentState).includes(consent.state)) {
    throw new PreferencesError("InvalidConsentRecord", `${String(consent.state)} is not a ConsentState (Unknown 0, Allowed 1, Denied 2).`)
  }
  if (typeof consent.entity !== "string" || consent.entity.length === 0) {
    throw new PreferencesError("InvalidConsentRecord", "A consent record needs the conversation id or inbox id it is about.")
  }
  // The public ConsentState numbers are the stored ones.
  return { entityType: storedEntityType(consent.entityType), entity: consent.entity, state: consent.state as StoredConsentState }
}

function storedEntityType(entityType: ConsentEntityType): StoredConsentEntityType {
  const stored = STORED_ENTITY_TYPES[entityType] as StoredConsentEntityType | undefined
  if (stored === undefined) throw new PreferencesError("InvalidConsentRecord", `${String(entityType)} is not a ConsentEntityType (GroupId 0, InboxId 1).`)
  return stored
}
