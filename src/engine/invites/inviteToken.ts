// The token inside a `parley://invite/<token>` link: which group, whose invite (the inbox to ask)
// and which invite of theirs, so the inviter's client can check it is still valid. No secret of
// the group travels in it: joining still takes a member's commit, which the group's policy guards.
//
// Layout (65 bytes, URL-safe base64 without padding, 87 characters):
//   version (1) = 1 | group id (16) | inviter inbox id (32) | invite id (16, random)
import { randomBytes } from "node:crypto"
import { InviteError } from "./inviteErrors"

const VERSION = 1
const GROUP_ID_LENGTH = 16
const INBOX_ID_LENGTH = 32
const INVITE_ID_LENGTH = 16
const TOKEN_LENGTH = 1 + GROUP_ID_LENGTH + INBOX_ID_LENGTH + INVITE_ID_LENGTH

export interface InviteToken {
  /** Hex of the group id. */
  groupId: string
  /** The inbox whose client validates the invite and adds the requester. */
  inviterInboxId: string
  /** Hex of the invite's random id. */
  inviteId: string
}

const HEX = (length: number) => new RegExp(`^[0-9a-f]{${length * 2}}$`)

export function newInviteId(): string {
  return randomBytes(INVITE_ID_LENGTH).toString("hex")
}

export function encodeInviteToken(token: InviteToken): string {
  const parts: Array<[string, number]> = [
    [token.groupId, GROUP_ID_LENGTH],
    [token.inviterInboxId, INBOX_ID_LENGTH],
    [token.inviteId, INVITE_ID_LENGTH],
  ]
  for (const [value, length] of parts) {
    if (!HEX(length).test(value)) throw new InviteError("MalformedToken", `An invite token part must be ${length * 2} lowercase hex digits.`)
  }
  return Buffer.concat([Buffer.from([VERSION]), ...parts.map(([value]) => Buffer.from(value, "hex"))]).toString("base64url")
}

/** Throws InviteError("MalformedToken") for anything that is not a version-1 token. */
export function decodeInviteToken(text: string): InviteToken {
  if (typeof text !== "string" || !/^[A-Za-z0-9_-]+$/.test(text)) {
    throw new InviteError("MalformedToken", "That invite link is damaged: its token has characters a Parley invite never has.")
  }
  const raw = Buffer.from(text, "base64url")
  if (raw.length !== TOKEN_LENGTH || raw.toString("base64url") !== text) {
    throw new InviteError("MalformedToken", "That invite link is damaged or incomplete: copy the whole link and try again.")
  }
  if (raw[0] !== VERSION) {
    throw new InviteError("MalformedToken", "That invite link was made by a newer version of Parley: update Parley to open it.")
  }
  let offset = 1
  const take = (length: number) => raw.subarray(offset, (offset += length)).toString("hex")
  return { groupId: take(GROUP_ID_LENGTH), inviterInboxId: take(INBOX_ID_LENGTH), inviteId: take(INVITE_ID_LENGTH) }
}
