// Creating a group or DM locally at epoch 0 (libxmtp groups/mod.rs create_and_insert /
// create_dm_and_insert): the XMTP extensions of a new conversation, the creator's leaf from a
// fresh key package of this installation (never uploaded), a row with membership Allowed, and the
// creator's consent. Nothing reaches the network until the first commit.
import { bytesToHex } from "@noble/hashes/utils.js"
import { randomBytes } from "node:crypto"
import { createGroup as createMlsGroup } from "ts-mls"
import { createXmtpKeyPackage } from "../mls/keyPackageCreation"
import { encodeClientState } from "../mls/stateCodec"
import { ConsentEntityType, StoredConsentState } from "../storage/consent"
import { StoredConversationType, StoredMembershipState } from "../storage/groups"
import { nowNs } from "../storage/rows"
import type { GroupContext } from "./context"
import { dmIdFor } from "./dmRules"
import {
  customPolicySet,
  GroupExtensionError,
  newDmContextExtensions,
  newGroupContextExtensions,
  policySetForPreset,
  type PolicySet,
} from "./extensions/index"
import { GroupError } from "./errors"
import { permissionOptionOf } from "./permissionOptions"
import { GroupPermissionsOptions, type CreateDmOptions, type CreateGroupOptions } from "./publicTypes"

/** libxmtp group ids are 16 random bytes (CONST-09). */
export const GROUP_ID_LENGTH = 16

export type NewConversation = { kind: "group"; options?: CreateGroupOptions } | { kind: "dm"; peerInboxId: string; options?: CreateDmOptions }

export async function createConversation(ctx: GroupContext, spec: NewConversation): Promise<Uint8Array> {
  const groupId = new Uint8Array(randomBytes(GROUP_ID_LENGTH))
  const extensions =
    spec.kind === "group"
      ? newGroupContextExtensions({
          creatorInboxId: ctx.inboxId,
          policySet: policySetOf(spec.options),
          options: {
            ...(spec.options?.groupName === undefined ? {} : { name: spec.options.groupName }),
            ...(spec.options?.groupDescription === undefined ? {} : { description: spec.options.groupDescription }),
            ...(spec.options?.groupImageUrlSquare === undefined ? {} : { imageUrlSquare: spec.options.groupImageUrlSquare }),
            ...(spec.options?.appData === undefined ? {} : { appData: spec.options.appData }),
            ...(spec.options?.messageDisappearingSettings ? { messageDisappearingSettings: spec.options.messageDisappearingSettings } : {}),
          },
        })
      : newDmContextExtensions({
          creatorInboxId: ctx.inboxId,
          peerInboxId: spec.peerInboxId,
          ...(spec.options?.messageDisappearingSettings ? { messageDisappearingSettings: spec.options.messageDisappearingSettings } : {}),
        })
  // Only the leaf is used: no welcome is ever sealed to this key package, so it needs no X-Wing key.
  const creatorLeaf = await createXmtpKeyPackage({ inboxId: ctx.inboxId, installationSignatureKeyPair: ctx.installation, offerXWingWelcomeKey: false })
  const state = await createMlsGroup({
    context: ctx.mls,
    groupId,
    keyPackage: creatorLeaf.keyPackage,
    privateKeyPackage: creatorLeaf.privateKeyPackage,
    extensions,
  })
  const now = nowNs()
  ctx.db.transaction(() => {
    ctx.db.groups.insert({
      id: groupId,
      createdAtNs: now,
      membershipState: StoredMembershipState.Allowed,
      conversationType: spec.kind === "group" ? StoredConversationType.Group : StoredConversationType.Dm,
      ...(spec.kind === "dm" ? { dmId: dmIdFor(ctx.inboxId, spec.peerInboxId) } : {}),
      addedByInboxId: ctx.inboxId,
      rotatedAtNs: 0n,
      installationsLastCheckedNs: 0n,
      mlsState: encodeClientState(state),
      epoch: state.groupContext.epoch,
      isActive: true,
    })
    ctx.db.consent.set(ConsentEntityType.ConversationId, bytesToHex(groupId), StoredConsentState.Allowed, now)
  })
  return groupId
}

/** The node binding's rules for permissions options (CREATE-09). */
function policySetOf(options: CreateGroupOptions | undefined): PolicySet {
  const permissions = options?.permissions ?? GroupPermissionsOptions.Default
  const custom = options?.customPermissionPolicySet
  if (permissions === GroupPermissionsOptions.CustomPolicy) {
    if (!custom) throw new GroupError("InvalidArgument", "CustomPolicy must include policy set")
    const options = {
      addMemberPolicy: permissionOptionOf(custom.addMemberPolicy),
      removeMemberPolicy: permissionOptionOf(custom.removeMemberPolicy),
      addAdminPolicy: permissionOptionOf(custom.addAdminPolicy),
      removeAdminPolicy: permissionOptionOf(custom.removeAdminPolicy),
      updateGroupNamePolicy: permissionOptionOf(custom.updateGroupNamePolicy),
      updateGroupDescriptionPolicy: permissionOptionOf(custom.updateGroupDescriptionPolicy),
      updateGroupImageUrlSquarePolicy: permissionOptionOf(custom.updateGroupImageUrlSquarePolicy),
      updateMessageDisappearingPolicy: permissionOptionOf(custom.updateMessageDisappearingPolicy),
      updateAppDataPolicy: permissionOptionOf(custom.updateAppDataPolicy),
    }
    try {
      return customPolicySet(options)
    } catch (error) {
      // Allow for the admin policies (PERM-16): the binding refuses it as an invalid option.
      if (error instanceof GroupExtensionError) throw new GroupError("InvalidPermissionPolicyOption", error.message, { cause: error })
      throw error
    }
  }
  if (custom) throw new GroupError("InvalidArgument", "Only CustomPolicy may specify a policy set")
  return policySetForPreset(permissions === GroupPermissionsOptions.AdminOnly ? "AdminsOnly" : "Default")
}
