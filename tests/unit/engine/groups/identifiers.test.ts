// Message ids and DM ids, as libxmtp derives them.
import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import { dmIdFor, dmPeerInboxId } from "../../../../src/engine/groups/dmRules"
import { calculateMessageId } from "../../../../src/engine/groups/messageId"

describe("identifiers", () => {
  it("a message id is SHA-256 of group id, tab, idempotency key, tab, content", () => {
    const groupId = Uint8Array.of(1, 2, 3)
    const content = new TextEncoder().encode("hello")
    const expected = createHash("sha256").update(Buffer.concat([Buffer.from(groupId), Buffer.from("\t1700000000000000000\t"), Buffer.from(content)])).digest()
    expect(Buffer.from(calculateMessageId(groupId, content, "1700000000000000000")).equals(expected)).toBe(true)
    expect(calculateMessageId(groupId, content, "other")).not.toEqual(calculateMessageId(groupId, content, "1700000000000000000"))
  })

  it("a DM id names both inboxes lowercased and sorted, whoever creates it", () => {
    expect(dmIdFor("BBB", "aaa")).toBe("dm:aaa:bbb")
    expect(dmIdFor("aaa", "bbb")).toBe(dmIdFor("bbb", "aaa"))
    expect(dmPeerInboxId("dm:aaa:bbb", "aaa")).toBe("bbb")
    expect(dmPeerInboxId("dm:aaa:bbb", "bbb")).toBe("aaa")
  })
})
