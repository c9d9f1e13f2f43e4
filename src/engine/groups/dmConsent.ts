// Consent follows the members, not the group, for DMs: a new group for a pair that already has a
// DM inherits the consent given to their earlier DM groups (libxmtp stitch_dm_consent, DM-14).
import { bytesToHex } from "@noble/hashes/utils.js"
import type { ClientDatabase } from "../storage/clientDatabase"
import { ConsentEntityType } from "../storage/consent"
import { nowNs } from "../storage/rows"

/**
 * Copies to `groupId` the state of the *oldest* conversation record among the groups with this dm
 * id (libxmtp pops the last of a newest-first list), unless the group already holds a record at
 * least as new or that state.
 */
export function stitchDmConsent(db: ClientDatabase, groupId: Uint8Array, dmId: string): void {
  const oldest = db.consent.findByDmId(dmId).at(-1)
  if (!oldest) return
  db.consent.insertNewer({ entityType: ConsentEntityType.ConversationId, entity: bytesToHex(groupId), state: oldest.state, consentedAtNs: nowNs() })
}
