// Inbox states as the SDK's Preferences reports them (node-bindings inbox_state.rs InboxState, from
// libxmtp client.rs inbox_state / inbox_addresses): the recovery identifier, the installations with
// the time of the update that added them, and the accounts. Without a refresh they come from the
// identity updates this installation already stored; an inbox it never read is an UnknownInbox error.
import { bytesToHex } from "@noble/hashes/utils.js"
import type { GroupContext } from "./groups/context"
import { publicIdentifier } from "./groups/publicIdentifier"
import type { Identifier } from "./groups/publicTypes"
import type { AssociationState } from "./identity/index"

export interface Installation {
  bytes: Uint8Array
  /** When the identity update that added it was signed; undefined when unknown. */
  clientTimestampNs?: bigint
  /** Lowercase hex of `bytes`. */
  id: string
}

export interface InboxState {
  inboxId: string
  recoveryIdentifier: Identifier
  installations: Installation[]
  identifiers: Identifier[]
}

export async function inboxStates(ctx: GroupContext, inboxIds: readonly string[], refreshFromNetwork: boolean): Promise<InboxState[]> {
  if (refreshFromNetwork) await ctx.resolver.load(inboxIds)
  return Promise.all(inboxIds.map(async (inboxId) => inboxStateOf(await ctx.resolver.stateAt(inboxId))))
}

function inboxStateOf(state: AssociationState): InboxState {
  const installations = state.members.flatMap((member): Installation[] => {
    if (member.identifier.kind !== "installation") return []
    const bytes = Uint8Array.from(member.identifier.publicKey)
    return [{ bytes, id: bytesToHex(bytes), ...(member.clientTimestampNs === undefined ? {} : { clientTimestampNs: member.clientTimestampNs }) }]
  })
  return {
    inboxId: state.inboxId,
    recoveryIdentifier: publicIdentifier(state.recoveryIdentifier),
    installations,
    identifiers: state.accountIdentifiers.map(publicIdentifier),
  }
}
