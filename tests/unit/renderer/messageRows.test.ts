import { describe, expect, it } from "vitest"
import type { Message } from "../../../src/shared/dto/message"
import { messageRows, sortMessages } from "../../../src/renderer/src/features/messages/messageRows"
import { groupUpdated, message } from "../shared/support/dtoFixtures"

const MINUTE_NS = 60n * 1_000_000_000n
const DAY_ONE = BigInt(Date.UTC(2026, 0, 5, 12)) * 1_000_000n

function at(id: number, sentAtNs: bigint, fields: Partial<Message> = {}): Message {
  return message({ id: id.toString(16).padStart(64, "0"), sentAtNs: sentAtNs.toString(), ...fields })
}

describe("message rows", () => {
  it("sorts by sent time, then id", () => {
    const sorted = sortMessages({ b: at(2, DAY_ONE), a: at(1, DAY_ONE), c: at(3, DAY_ONE - 1n) })
    expect(sorted.map((m) => m.id.slice(-1))).toEqual(["3", "1", "2"])
  })

  it("puts a separator before each day and runs consecutive messages of one sender", () => {
    const other = "9".repeat(64)
    const rows = messageRows([
      at(1, DAY_ONE),
      at(2, DAY_ONE + MINUTE_NS),
      at(3, DAY_ONE + 10n * MINUTE_NS),
      at(4, DAY_ONE + 11n * MINUTE_NS, { senderInboxId: other }),
      at(5, DAY_ONE + 24n * 60n * MINUTE_NS),
    ])
    expect(rows.map((row) => (row.kind === "message" ? `${row.message.id.slice(-1)}${row.continued ? "+" : ""}` : row.kind))).toEqual(["day", "1", "2+", "3", "4", "day", "5"])
  })

  it("hides reactions and read receipts and shows group updates as system lines", () => {
    const reaction = at(2, DAY_ONE + 1n, { content: { type: "reaction", reaction: { reference: "1".padStart(64, "0"), referenceInboxId: "", action: "added", content: "+1", schema: "unicode" } } })
    const receipt = at(3, DAY_ONE + 2n, { content: { type: "readReceipt" } })
    const update = at(4, DAY_ONE + 3n, {
      kind: "membershipChange",
      content: {
        type: "groupUpdated",
        groupUpdated: groupUpdated(),
      },
    })
    const rows = messageRows([at(1, DAY_ONE), reaction, receipt, update, at(5, DAY_ONE + 4n)])
    expect(rows.map((row) => (row.kind === "day" ? "day" : `${row.kind}:${row.message.id.slice(-1)}${row.kind === "message" && row.continued ? "+" : ""}`))).toEqual([
      "day",
      "message:1",
      "system:4",
      "message:5",
    ])
  })
})
