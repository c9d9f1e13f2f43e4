// BatchPublishCommitLog / BatchQueryCommitLog (node-go's batch limits, ascending-only paging,
// cursor only on a full page), FetchD14nCutover ("never"), and the RPCs node-go leaves
// UNIMPLEMENTED.
import { status } from "@grpc/grpc-js"
import { describe, expect, it } from "vitest"
import { mlsApi } from "../../../src/engine/proto/index"
import { empty } from "./support/api"
import { BACKENDS } from "./support/databases"
import { randomId } from "./support/fixtures"
import { MIGRATION, MLS } from "./support/rawClient"
import { SuiteNode } from "./support/suiteNode"

const suite = new SuiteNode()
const node = suite.api

const entry = (groupId: Uint8Array, n: number) => ({
  groupId,
  serializedCommitLogEntry: Uint8Array.from([n, n, n]),
  signature: { bytes: randomId(64), publicKey: randomId(32) },
})

describe.each(BACKENDS)("commit log on %s", (backend) => {
  suite.on(backend)

  it("stores entries with their signatures and pages them oldest first", async () => {
    const a = randomId()
    const b = randomId()
    const published = [entry(a, 1), entry(b, 2), entry(a, 3), entry(a, 4), entry(a, 5)]
    await node.publishCommitLog(published)

    const first = await node.queryCommitLog([{ groupId: a, pagingInfo: { limit: 3 } }, { groupId: b }, { groupId: randomId() }])
    const [pageA, pageB, none] = first.responses
    expect(pageA?.commitLogEntries.map((e) => e.serializedCommitLogEntry[0])).toEqual([1, 3, 4])
    expect(Buffer.from(pageA?.commitLogEntries[0]?.signature?.bytes ?? [])).toEqual(Buffer.from(published[0]?.signature.bytes ?? []))
    expect(Buffer.from(pageA?.commitLogEntries[0]?.signature?.publicKey ?? [])).toEqual(Buffer.from(published[0]?.signature.publicKey ?? []))
    expect(pageA?.pagingInfo?.limit).toBe(3)
    expect(pageA?.pagingInfo?.direction).toBe(mlsApi.SortDirection.SORT_DIRECTION_ASCENDING)
    expect(pageA?.pagingInfo?.idCursor.toNumber()).toBe(pageA?.commitLogEntries[2]?.sequenceId.toNumber())
    expect(Buffer.from(pageA?.groupId ?? [])).toEqual(Buffer.from(a))
    expect(pageB?.commitLogEntries).toHaveLength(1)
    expect(pageB?.pagingInfo?.limit).toBe(100)
    expect(pageB?.pagingInfo?.idCursor.toNumber()).toBe(0)
    expect(none?.commitLogEntries).toHaveLength(0)

    const next = await node.queryCommitLog([{ groupId: a, pagingInfo: { limit: 3, idCursor: pageA?.pagingInfo?.idCursor } }])
    expect(next.responses[0]?.commitLogEntries.map((e) => e.serializedCommitLogEntry[0])).toEqual([5])
    expect(next.responses[0]?.pagingInfo?.idCursor.toNumber()).toBe(0)
  })

  it("enforces node-go's batch limits and entry checks", async () => {
    const publish = (requests: object[]) =>
      suite.client.failure(`${MLS}BatchPublishCommitLog`, mlsApi.BatchPublishCommitLogRequest, empty, {
        message: mlsApi.BatchPublishCommitLogRequest.fromPartial({ requests }),
      })
    const query = (requests: object[]) =>
      suite.client.failure(`${MLS}BatchQueryCommitLog`, mlsApi.BatchQueryCommitLogRequest, mlsApi.BatchQueryCommitLogResponse, {
        message: mlsApi.BatchQueryCommitLogRequest.fromPartial({ requests }),
      })
    const groupId = randomId()
    const cases: [Promise<{ code: number; details: string }>, number, string][] = [
      [publish([]), status.INVALID_ARGUMENT, "no log entries to publish"],
      [publish(Array.from({ length: 11 }, (_, i) => entry(groupId, i))), status.INVALID_ARGUMENT, "cannot exceed 10 inserts in single batch"],
      [publish([entry(groupId, 1), { groupId, serializedCommitLogEntry: Uint8Array.from([1]) }]), status.INVALID_ARGUMENT, "invalid commit log entry"],
      [publish([{ ...entry(groupId, 1), groupId: new Uint8Array() }]), status.INVALID_ARGUMENT, "invalid commit log entry"],
      [query([]), status.INVALID_ARGUMENT, "no requests to query"],
      [query(Array.from({ length: 21 }, () => ({ groupId }))), status.INVALID_ARGUMENT, "cannot exceed 20 queries in single batch"],
      [query([{ groupId: new Uint8Array() }]), status.INVALID_ARGUMENT, "invalid request"],
      [
        query([{ groupId, pagingInfo: { direction: mlsApi.SortDirection.SORT_DIRECTION_DESCENDING } }]),
        status.INTERNAL,
        "failed to query commit log: descending direction is not supported",
      ],
    ]
    for (const [call, code, details] of cases) {
      const error = await call
      expect({ code: error.code, details: error.details }).toEqual({ code, details })
    }
    // Ten entries is allowed, and the refused batches above stored nothing.
    await node.publishCommitLog(Array.from({ length: 10 }, (_, i) => entry(groupId, i)))
    expect((await node.queryCommitLog([{ groupId }])).responses[0]?.commitLogEntries).toHaveLength(10)
  })
})

describe("other RPCs", () => {
  suite.on("sqlite")

  it("answers FetchD14nCutover with i64::MAX: no cutover", async () => {
    const raw = await suite.client.unary(
      `${MIGRATION}FetchD14nCutover`,
      empty,
      { encode: () => ({ finish: () => new Uint8Array() }), decode: (bytes: Uint8Array) => ({ bytes }) },
      { message: {} },
    )
    // field 1, varint 0x7fffffffffffffff
    expect(Buffer.from(raw.bytes).toString("hex")).toBe("08ffffffffffffffff7f")
  })

  it.each(["RevokeInstallation", "GetIdentityUpdates"])("answers %s with UNIMPLEMENTED, as node-go does", async (method) => {
    const error = await suite.client.failure(`${MLS}${method}`, empty, empty, { message: {} })
    expect(error.code).toBe(status.UNIMPLEMENTED)
    expect(error.details).toBe("unimplemented")
  })

  it("answers an unknown method with UNIMPLEMENTED", async () => {
    const error = await suite.client.failure(`${MLS}Subscribe`, empty, empty, { message: {} })
    expect(error.code).toBe(status.UNIMPLEMENTED)
  })
})
