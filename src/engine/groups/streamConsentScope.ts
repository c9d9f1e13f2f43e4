// Which conversations an all-messages stream follows, by consent (libxmtp stream_all.rs and
// process_welcome.rs, CONSENT-08): those that exist when it starts are chosen as lists choose them
// (Allowed and Unknown unless states are given); those that arrive later are filtered only when
// states were given. A conversation passed over once is never followed later.
import { bytesToHex } from "@noble/hashes/utils.js"
import type { ClientDatabase } from "../storage/clientDatabase"
import { ConsentEntityType, type StoredConsentState } from "../storage/consent"
import type { StoredGroup } from "../storage/groups"
import type { ConsentState } from "./publicTypes"

export class StreamConsentScope {
  private readonly passedOver = new Set<string>()

  constructor(
    private readonly db: ClientDatabase,
    private readonly consentStates: readonly ConsentState[] | undefined,
  ) {}

  /** The stored conversations the stream starts with; the others are passed over for good. */
  initial(rows: readonly StoredGroup[]): StoredGroup[] {
    const states = this.consentStates as readonly StoredConsentState[] | undefined
    const matching = new Set(this.db.conversationList.findGroups({ includeDuplicateDms: true, ...(states ? { consentStates: states } : {}) }).map((row) => bytesToHex(row.id)))
    return rows.filter((row) => {
      const id = bytesToHex(row.id)
      if (!matching.has(id)) this.passedOver.add(id)
      return matching.has(id)
    })
  }

  /** Whether a conversation that appeared after the start may be followed. */
  admits(row: StoredGroup): boolean {
    const id = bytesToHex(row.id)
    if (this.passedOver.has(id)) return false
    if (this.consentStates && !this.consentStates.includes(this.db.consent.get(ConsentEntityType.ConversationId, id) as ConsentState)) {
      this.passedOver.add(id)
      return false
    }
    return true
  }
}
