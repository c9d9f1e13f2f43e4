// Adding and removing members by inbox id (libxmtp groups/mod.rs add_members / remove_members):
// an UpdateGroupMembership intent, published as a commit and confirmed by syncing. Adding a
// member already in the group, or removing one who is not, changes nothing (MEMB-02, MEMB-06).
import { bytesToHex } from "@noble/hashes/utils.js"
import { IntentKind } from "../storage/intents"
import { StoredConversationType } from "../storage/groups"
import type { GroupContext } from "./context"
import { GroupError } from "./errors"
import { readXmtpGroupContext } from "./extensions/index"
import { assertActive, loadGroup } from "./groupState"
import { queueIntent, syncUntilIntentResolved } from "./groupSync"
import { encodeMembershipIntent, isEmptyMembershipIntent } from "./intentData"
import { membershipUpdateIntent } from "./membershipUpdate"

export async function changeMembers(ctx: GroupContext, groupId: Uint8Array, toAdd: readonly string[], toRemove: readonly string[]): Promise<void> {
  const loaded = loadGroup(ctx.db, groupId)
  assertActive(loaded)
  const context = readXmtpGroupContext(loaded.state.groupContext.extensions)
  if (loaded.row.conversationType === StoredConversationType.Dm) {
    const dm = context.metadata.dmMembers
    const inDm = (inboxId: string) => inboxId === dm?.memberOneInboxId || inboxId === dm?.memberTwoInboxId
    if (toRemove.length > 0 || !toAdd.every(inDm)) {
      throw new GroupError("DmMembershipForbidden", `Conversation ${bytesToHex(groupId)} is a DM: its members cannot change.`)
    }
  }
  const removals = toRemove.filter((inboxId) => context.membership.members.has(inboxId))
  if (toAdd.length === 0 && removals.length === 0) return
  const data = await membershipUpdateIntent(ctx, loaded.state, toAdd, removals)
  if (isEmptyMembershipIntent(data)) return
  const intentId = queueIntent(ctx, groupId, { kind: IntentKind.UpdateGroupMembership, data: encodeMembershipIntent(data), shouldPush: false })
  await syncUntilIntentResolved(ctx, groupId, intentId)
}
