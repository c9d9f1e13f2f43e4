// Members of an inbox: Ethereum accounts, installation keys and passkeys. Equality follows
// libxmtp's `MemberIdentifier`: addresses compare as strings, installations by key bytes, passkeys by
// key bytes only (the relying party is carried but not part of identity).
import { bytesToHex } from "@noble/hashes/utils.js"
import type { AssociationTypes } from "../proto/index"
import { AssociationError } from "./errors"

export type MemberKind = "ethereum" | "installation" | "passkey"

export type MemberIdentifier =
  | { kind: "ethereum"; address: string }
  | { kind: "installation"; publicKey: Uint8Array }
  | { kind: "passkey"; publicKey: Uint8Array; relyingParty?: string }

/** An identifier that can own an inbox or be its recovery identifier (not an installation). */
export type AccountIdentifier = Exclude<MemberIdentifier, { kind: "installation" }>

export type EthereumIdentifier = Extract<MemberIdentifier, { kind: "ethereum" }>
export type InstallationIdentifier = Extract<MemberIdentifier, { kind: "installation" }>
export type PasskeyIdentifier = Extract<MemberIdentifier, { kind: "passkey" }>

export const ethereumMember = (address: string): EthereumIdentifier => ({ kind: "ethereum", address })
export const installationMember = (publicKey: Uint8Array): InstallationIdentifier => ({ kind: "installation", publicKey })
export const passkeyMember = (publicKey: Uint8Array, relyingParty?: string): PasskeyIdentifier =>
  relyingParty === undefined ? { kind: "passkey", publicKey } : { kind: "passkey", publicKey, relyingParty }

/** The text libxmtp prints for a member (`Display`): the address, or the hex of the key. */
export function memberText(member: MemberIdentifier): string {
  return member.kind === "ethereum" ? member.address : bytesToHex(member.publicKey)
}

/** A string that is equal for two identifiers exactly when libxmtp considers them equal. */
export function memberKey(member: MemberIdentifier): string {
  return `${member.kind}:${memberText(member)}`
}

export function sameMember(a: MemberIdentifier | undefined, b: MemberIdentifier | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  return memberKey(a) === memberKey(b)
}

export function isAccountIdentifier(member: MemberIdentifier): member is AccountIdentifier {
  return member.kind !== "installation"
}

export function memberFromProto(proto: AssociationTypes.MemberIdentifier | undefined): MemberIdentifier {
  if (proto?.ethereumAddress !== undefined) return ethereumMember(proto.ethereumAddress)
  if (proto?.installationPublicKey !== undefined) return installationMember(Uint8Array.from(proto.installationPublicKey))
  if (proto?.passkey !== undefined) return passkeyMember(Uint8Array.from(proto.passkey.key), proto.passkey.relyingParty)
  throw new AssociationError("Malformed", "A member identifier is empty: it names no address, installation or passkey.")
}

export function memberToProto(member: MemberIdentifier): AssociationTypes.MemberIdentifier {
  switch (member.kind) {
    case "ethereum":
      return { ethereumAddress: member.address }
    case "installation":
      return { installationPublicKey: member.publicKey }
    case "passkey":
      return { passkey: { key: member.publicKey, relyingParty: member.relyingParty } }
  }
}
