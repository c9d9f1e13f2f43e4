import { randomBytes } from "node:crypto"
import { describe, expect, it } from "vitest"
import { InviteError } from "../../../../src/engine/invites/inviteErrors"
import { decodeInviteToken, encodeInviteToken, newInviteId } from "../../../../src/engine/invites/inviteToken"
import { inviteTokenSchema } from "../../../../src/shared/dto/navigation"

const hex = (length: number) => randomBytes(length).toString("hex")
const token = () => ({ groupId: hex(16), inviterInboxId: hex(32), inviteId: newInviteId() })

function codeOf(run: () => unknown): string | undefined {
  try {
    run()
    return undefined
  } catch (error) {
    expect(error).toBeInstanceOf(InviteError)
    return (error as InviteError).code
  }
}

describe("invite tokens", () => {
  it("round-trip the group, the inviter and the invite id in 87 URL-safe characters the deep-link route accepts", () => {
    const parts = token()
    const encoded = encodeInviteToken(parts)
    expect(encoded).toMatch(/^[A-Za-z0-9_-]{87}$/)
    expect(inviteTokenSchema.safeParse(encoded).success).toBe(true)
    expect(decodeInviteToken(encoded)).toEqual(parts)
  })

  it("refuses truncated, padded, re-encoded, foreign-version and non-base64url tokens as MalformedToken", () => {
    const encoded = encodeInviteToken(token())
    const raw = Buffer.from(encoded, "base64url")
    const otherVersion = Buffer.from(raw)
    otherVersion[0] = 2
    for (const bad of [encoded.slice(0, -1), `${encoded}A`, `${encoded}=`, encoded.replace(/[A-Za-z0-9_-]$/, "+"), otherVersion.toString("base64url"), "", "not a token at all"]) {
      expect(codeOf(() => decodeInviteToken(bad)), bad).toBe("MalformedToken")
    }
  })

  it("refuses to encode parts that are not lowercase hex of the right length", () => {
    expect(codeOf(() => encodeInviteToken({ ...token(), groupId: hex(15) }))).toBe("MalformedToken")
    expect(codeOf(() => encodeInviteToken({ ...token(), inviterInboxId: hex(32).toUpperCase() }))).toBe("MalformedToken")
  })
})
