// Unsigned identity updates and the exact text every signer signs for them
// (libxmtp `unsigned_actions.rs`). One byte off and every other client rejects the update.
import type { AccountIdentifier, MemberIdentifier } from "./memberIdentifier"
import { memberText } from "./memberIdentifier"

export type UnsignedAction =
  | { type: "createInbox"; nonce: bigint; accountIdentifier: AccountIdentifier }
  | { type: "addAssociation"; newMember: MemberIdentifier }
  | { type: "revokeAssociation"; revokedMember: MemberIdentifier }
  | { type: "changeRecoveryAddress"; newRecoveryIdentifier: AccountIdentifier }

export interface UnsignedIdentityUpdate {
  inboxId: string
  clientTimestampNs: bigint
  actions: UnsignedAction[]
}

const HEADER = "XMTP : Authenticate to inbox"
const FOOTER = "For more info: https://xmtp.org/signatures"

const ADD_PREFIX = { installation: "Grant messaging access to app", ethereum: "Link address to inbox", passkey: "Link passkey to inbox" }
const REVOKE_PREFIX = {
  installation: "Revoke messaging access from app",
  ethereum: "Unlink address from inbox",
  passkey: "Unlink passkey from inbox",
}
const ID_LABEL = { installation: "ID", ethereum: "Address", passkey: "Passkey" }

export function actionText(action: UnsignedAction): string {
  switch (action.type) {
    case "createInbox":
      return `- Create inbox\n  (Owner: ${memberText(action.accountIdentifier)})`
    case "addAssociation":
      return `- ${ADD_PREFIX[action.newMember.kind]}\n  (${ID_LABEL[action.newMember.kind]}: ${memberText(action.newMember)})`
    case "revokeAssociation":
      return `- ${REVOKE_PREFIX[action.revokedMember.kind]}\n  (${ID_LABEL[action.revokedMember.kind]}: ${memberText(action.revokedMember)})`
    case "changeRecoveryAddress":
      // libxmtp labels it "Address" whatever the identifier kind.
      return `- Change inbox recovery address\n  (Address: ${memberText(action.newRecoveryIdentifier)})`
  }
}

export function signatureText(update: UnsignedIdentityUpdate): string {
  const actions = update.actions.map(actionText).join("\n")
  return `${HEADER}\n\nInbox ID: ${update.inboxId}\nCurrent time: ${rfc3339Seconds(update.clientTimestampNs)}\n\n${actions}\n\n${FOOTER}`
}

const NS_PER_SECOND = 1_000_000_000n

/**
 * The update time as chrono prints it with `SecondsFormat::Secs` and `Z`: the nanosecond count is
 * read as a signed 64-bit value (libxmtp casts u64 to i64) and floored to whole seconds.
 */
export function rfc3339Seconds(clientTimestampNs: bigint): string {
  const ns = BigInt.asIntN(64, clientTimestampNs)
  let seconds = ns / NS_PER_SECOND
  if (ns < 0n && seconds * NS_PER_SECOND !== ns) seconds -= 1n
  const iso = new Date(Number(seconds) * 1000).toISOString()
  // toISOString gives YYYY-MM-DDTHH:mm:ss.sssZ; every i64 nanosecond time lies in years 1677..2262.
  return `${iso.slice(0, 19)}Z`
}
