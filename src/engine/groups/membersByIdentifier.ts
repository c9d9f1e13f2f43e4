// Adding and removing members by account identifier (libxmtp groups/mod.rs
// add_members_by_identity, remove_members_by_identity): identifiers are looked up on the node, and
// only this path enforces the 250-member cap (CONST-01); adding by inbox id and receivers do not.
import { associations, type AssociationTypes } from "../proto/index"
import { changeMembers } from "./changeMembers"
import type { GroupContext } from "./context"
import { GroupError } from "./errors"
import { loadGroup } from "./groupState"
import { listMembers } from "./members"
import type { Identifier } from "./publicTypes"

/** libxmtp MAX_GROUP_SIZE. */
export const MAX_GROUP_SIZE = 250

export async function addMembersByIdentifiers(ctx: GroupContext, groupId: Uint8Array, identifiers: readonly Identifier[]): Promise<void> {
  const found = await inboxIdsOf(ctx, identifiers)
  const memberCount = (await listMembers(ctx, loadGroup(ctx.db, groupId).state)).length
  if (memberCount + found.size > MAX_GROUP_SIZE) throw new GroupError("UserLimitExceeded", "Max user limit exceeded.")
  // As libxmtp: the count of identifiers found decides, so a repeated identifier counts as missing.
  if (found.size !== identifiers.length) {
    const missing = identifiers.filter((identifier) => !found.has(keyOf(identifier))).map((identifier) => identifier.identifier)
    throw new GroupError("AddressNotFound", `No inbox is registered for: ${missing.join(", ") || "(a repeated identifier)"}.`)
  }
  await changeMembers(ctx, groupId, [...new Set(found.values())], [])
}

/** Identifiers without an inbox are ignored (MEMB-06). */
export async function removeMembersByIdentifiers(ctx: GroupContext, groupId: Uint8Array, identifiers: readonly Identifier[]): Promise<void> {
  const found = await inboxIdsOf(ctx, identifiers)
  await changeMembers(ctx, groupId, [], [...new Set(found.values())])
}

/** Identifier kinds as the identity API numbers them (the public enum is offset by Unspecified = 0). */
const API_KINDS: Record<number, AssociationTypes.IdentifierKind> = {
  0: associations.IdentifierKind.IDENTIFIER_KIND_ETHEREUM,
  1: associations.IdentifierKind.IDENTIFIER_KIND_PASSKEY,
}

/** Ethereum addresses compare lowercased, as libxmtp's Identifier stores them. */
function normalised(identifier: Identifier): Identifier {
  return identifier.identifierKind === 0 ? { ...identifier, identifier: identifier.identifier.toLowerCase() } : identifier
}

const keyOf = (identifier: Identifier) => `${identifier.identifierKind}:${normalised(identifier).identifier}`

async function inboxIdsOf(ctx: GroupContext, identifiers: readonly Identifier[]): Promise<Map<string, string>> {
  const queries = identifiers.map((identifier) => {
    const identifierKind = API_KINDS[identifier.identifierKind]
    if (identifierKind === undefined) throw new GroupError("InvalidArgument", `Identifier kind ${identifier.identifierKind} is not Ethereum (0) or Passkey (1).`)
    return { identifier: normalised(identifier).identifier, identifierKind }
  })
  const results = await ctx.api.identity.getInboxIds(queries)
  const found = new Map<string, string>()
  for (const result of results) {
    if (!result.inboxId) continue
    const kind = result.identifierKind === associations.IdentifierKind.IDENTIFIER_KIND_PASSKEY ? 1 : 0
    found.set(`${kind}:${result.identifier}`, result.inboxId)
  }
  return found
}
