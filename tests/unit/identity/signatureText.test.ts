import { describe, expect, it } from "vitest"
import { inboxIdFor } from "../../../src/engine/identity/inboxId"
import { ethereumMember, installationMember, passkeyMember } from "../../../src/engine/identity/memberIdentifier"
import { rfc3339Seconds, signatureText } from "../../../src/engine/identity/signatureText"

describe("signature text", () => {
  it("matches libxmtp's unsigned_actions.rs vector for every action kind", () => {
    const owner = ethereumMember("0x1234567890abcdef1234567890abcdef12345678")
    const linked = ethereumMember("0x4567890abcdef1234567890abcdef12345678123")
    const installation = installationMember(Uint8Array.of(1, 2, 3))
    const text = signatureText({
      inboxId: inboxIdFor(owner, 0n),
      clientTimestampNs: 12n,
      actions: [
        { type: "createInbox", nonce: 0n, accountIdentifier: owner },
        { type: "addAssociation", newMember: linked },
        { type: "addAssociation", newMember: installation },
        { type: "revokeAssociation", revokedMember: linked },
        { type: "revokeAssociation", revokedMember: installation },
        { type: "changeRecoveryAddress", newRecoveryIdentifier: ethereumMember("0x7890abcdef1234567890abcdef12345678123456") },
      ],
    })
    expect(text).toBe(`XMTP : Authenticate to inbox

Inbox ID: fcd18d86276d7a99fe522dba9660c420f03c8648785ada7c5daae232a3df77a9
Current time: 1970-01-01T00:00:00Z

- Create inbox
  (Owner: 0x1234567890abcdef1234567890abcdef12345678)
- Link address to inbox
  (Address: 0x4567890abcdef1234567890abcdef12345678123)
- Grant messaging access to app
  (ID: 010203)
- Unlink address from inbox
  (Address: 0x4567890abcdef1234567890abcdef12345678123)
- Revoke messaging access from app
  (ID: 010203)
- Change inbox recovery address
  (Address: 0x7890abcdef1234567890abcdef12345678123456)

For more info: https://xmtp.org/signatures`)
  })

  it("names passkeys by the hex of their key, whatever their relying party", () => {
    const passkey = passkeyMember(Uint8Array.of(0xab, 0xcd), "https://example.org")
    const text = signatureText({
      inboxId: "x",
      clientTimestampNs: 0n,
      actions: [
        { type: "addAssociation", newMember: passkey },
        { type: "revokeAssociation", revokedMember: passkey },
        { type: "changeRecoveryAddress", newRecoveryIdentifier: passkey },
      ],
    })
    expect(text).toContain("- Link passkey to inbox\n  (Passkey: abcd)\n- Unlink passkey from inbox\n  (Passkey: abcd)\n")
    expect(text).toContain("- Change inbox recovery address\n  (Address: abcd)")
  })

  it("truncates the timestamp to whole seconds, as chrono reads it (u64 cast to i64)", () => {
    expect(rfc3339Seconds(0n)).toBe("1970-01-01T00:00:00Z")
    expect(rfc3339Seconds(1_999_999_999n)).toBe("1970-01-01T00:00:01Z")
    expect(rfc3339Seconds(1_700_000_000_999_999_999n)).toBe("2023-11-14T22:13:20Z")
    expect(rfc3339Seconds(2n ** 64n - 1n)).toBe("1969-12-31T23:59:59Z")
    expect(rfc3339Seconds(2n ** 63n - 1n)).toBe("2262-04-11T23:47:16Z")
    expect(rfc3339Seconds(2n ** 63n)).toBe("1677-09-21T00:12:43Z")
  })
})

describe("inbox id", () => {
  it("is sha256 hex of the address text and the decimal nonce", () => {
    // sha256("0x1234567890abcdef1234567890abcdef123456780"), libxmtp's vector.
    expect(inboxIdFor("0x1234567890abcdef1234567890abcdef12345678", 0n)).toBe(
      "fcd18d86276d7a99fe522dba9660c420f03c8648785ada7c5daae232a3df77a9",
    )
  })

  it("takes the address as given: a checksummed address is another inbox", () => {
    const lower = "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"
    const checksummed = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
    expect(inboxIdFor(checksummed)).not.toBe(inboxIdFor(lower))
  })

  it("uses the hex of a passkey's key", () => {
    const key = Uint8Array.of(2, ...new Uint8Array(32).fill(7))
    expect(inboxIdFor(passkeyMember(key), 3n)).toBe(inboxIdFor(passkeyMember(key, "https://other.example"), 3n))
  })

  it.each(["0x123", "1234567890abcdef1234567890abcdef12345678", "0xZZ34567890abcdef1234567890abcdef12345678"])(
    "refuses the malformed address %s",
    (address) => {
      expect(() => inboxIdFor(address)).toThrow(expect.objectContaining({ code: "InvalidAccountAddress" }))
    },
  )
})
