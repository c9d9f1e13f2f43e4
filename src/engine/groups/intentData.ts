// The data a queued intent carries and what a published commit keeps for after it is merged.
// SendMessage carries the PlaintextEnvelope bytes (libxmtp SendMessageIntentData); a membership
// update carries libxmtp's UpdateGroupMembershipIntentData fields; a commit's post-commit action is
// the welcome and the installations to send it to (PostCommitAction::SendWelcomes).
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js"
import type { WelcomeRecipient } from "../mls/welcomeWrapper"

export interface MembershipIntentData {
  /** Inboxes to add, or whose sequence id rises, with their new sequence id. */
  membershipUpdates: Map<string, bigint>
  removedMembers: string[]
  failedInstallations: Uint8Array[]
}

export function isEmptyMembershipIntent(data: MembershipIntentData): boolean {
  return data.membershipUpdates.size === 0 && data.removedMembers.length === 0 && data.failedInstallations.length === 0
}

export function encodeMembershipIntent(data: MembershipIntentData): Uint8Array {
  return json({
    membershipUpdates: [...data.membershipUpdates].map(([inboxId, sequenceId]) => [inboxId, sequenceId.toString()]),
    removedMembers: data.removedMembers,
    failedInstallations: data.failedInstallations.map(bytesToHex),
  })
}

export function decodeMembershipIntent(bytes: Uint8Array): MembershipIntentData {
  const raw = parse(bytes) as { membershipUpdates: [string, string][]; removedMembers: string[]; failedInstallations: string[] }
  return {
    membershipUpdates: new Map(raw.membershipUpdates.map(([inboxId, sequenceId]) => [inboxId, BigInt(sequenceId)])),
    removedMembers: raw.removedMembers,
    failedInstallations: raw.failedInstallations.map(hexToBytes),
  }
}

export interface SendWelcomesAction {
  /** The commit's Welcome as an MLSMessage. */
  welcome: Uint8Array
  recipients: WelcomeRecipient[]
}

export function encodeSendWelcomes(action: SendWelcomesAction): Uint8Array {
  return json({
    welcome: bytesToHex(action.welcome),
    recipients: action.recipients.map((r) => ({
      installationKey: bytesToHex(r.installationKey),
      hpkePublicKey: bytesToHex(r.hpkePublicKey),
      wrapperAlgorithm: r.wrapperAlgorithm,
      acceptsWelcomePointers: r.acceptsWelcomePointers,
    })),
  })
}

export function decodeSendWelcomes(bytes: Uint8Array): SendWelcomesAction {
  const raw = parse(bytes) as {
    welcome: string
    recipients: { installationKey: string; hpkePublicKey: string; wrapperAlgorithm: WelcomeRecipient["wrapperAlgorithm"]; acceptsWelcomePointers: boolean }[]
  }
  return {
    welcome: hexToBytes(raw.welcome),
    recipients: raw.recipients.map((r) => ({
      installationKey: hexToBytes(r.installationKey),
      hpkePublicKey: hexToBytes(r.hpkePublicKey),
      wrapperAlgorithm: r.wrapperAlgorithm,
      acceptsWelcomePointers: r.acceptsWelcomePointers,
    })),
  }
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value))
const parse = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes))
