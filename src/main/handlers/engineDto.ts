// Engine objects (shaped like @xmtp/node-sdk's) in the contract's DTO shapes: enums as names,
// bigint times as decimal strings, policies by name.
import type { Reaction } from "../../engine/content/index"
import { DeliveryStatus, GroupMessageKind, PermissionLevel, type DecodedMessage, type GroupMember, type GroupPermissions as EnginePermissions, type PermissionPolicy } from "../../engine/index"
import { CONSENT_STATES } from "../../shared/dto/consent"
import type { AccountIdentifier } from "../../shared/dto/identifiers"
import type { Member } from "../../shared/dto/member"
import type { Message, MessageReaction } from "../../shared/dto/message"
import { GROUP_PERMISSION_PRESETS, type GroupPermissions, PERMISSION_POLICIES, type PermissionPolicy as PolicyName, type PermissionPolicySet } from "../../shared/dto/permissions"
import { messageContentDto } from "./contentDto"
import { expiryDto } from "./disappearingSettings"

const DELIVERY: Record<DeliveryStatus, Message["deliveryStatus"]> = {
  [DeliveryStatus.Unpublished]: "unpublished",
  [DeliveryStatus.Published]: "published",
  [DeliveryStatus.Failed]: "failed",
}

const ROLES: Record<PermissionLevel, Member["role"]> = {
  [PermissionLevel.Member]: "member",
  [PermissionLevel.Admin]: "admin",
  [PermissionLevel.SuperAdmin]: "superAdmin",
}

function reactionDto(reaction: DecodedMessage<Reaction>): MessageReaction | undefined {
  if (reaction.content === undefined) return undefined
  return { id: reaction.id, senderInboxId: reaction.senderInboxId, sentAtNs: reaction.sentAtNs.toString(), reaction: { ...reaction.content } }
}

/** A message as the engine enriched it: reactions attached, replies counted, a reply's target resolved. */
export function messageDto(message: DecodedMessage): Message {
  return {
    id: message.id,
    conversationId: message.conversationId,
    senderInboxId: message.senderInboxId,
    kind: message.kind === GroupMessageKind.MembershipChange ? "membershipChange" : "application",
    deliveryStatus: DELIVERY[message.deliveryStatus],
    sentAtNs: message.sentAtNs.toString(),
    expiresAtNs: expiryDto(message.expiresAtNs),
    contentType: { ...message.contentType },
    content: messageContentDto(message),
    ...(message.fallback === undefined ? {} : { fallback: message.fallback }),
    numReplies: message.numReplies,
    reactions: message.reactions.flatMap((reaction) => reactionDto(reaction) ?? []),
  }
}

export function memberDto(member: GroupMember): Member {
  return {
    inboxId: member.inboxId,
    role: ROLES[member.permissionLevel],
    consentState: CONSENT_STATES[member.consentState] ?? "unknown",
    accountIdentifiers: member.accountIdentifiers.map(
      (identifier): AccountIdentifier =>
        identifier.identifierKind === 1 ? { kind: "passkey", identifier: identifier.identifier.toLowerCase() } : { kind: "ethereum", identifier: identifier.identifier.toLowerCase() },
    ),
    installationIds: [...member.installationIds],
  }
}

/** The contract's policy names are node-bindings' PermissionPolicy in numeric order, as the engine numbers them. */
export function enginePolicy(name: PolicyName): PermissionPolicy {
  return PERMISSION_POLICIES.indexOf(name) as PermissionPolicy
}

export function enginePolicySet(set: PermissionPolicySet): Record<keyof PermissionPolicySet, PermissionPolicy> {
  return Object.fromEntries(Object.entries(set).map(([field, name]) => [field, enginePolicy(name)])) as Record<keyof PermissionPolicySet, PermissionPolicy>
}

export function permissionsDto(permissions: EnginePermissions): GroupPermissions {
  const policySet = Object.fromEntries(Object.entries(permissions.policySet).map(([field, policy]) => [field, PERMISSION_POLICIES[policy] ?? "other"])) as PermissionPolicySet
  return { policyType: GROUP_PERMISSION_PRESETS[permissions.policyType] ?? "customPolicy", policySet }
}
