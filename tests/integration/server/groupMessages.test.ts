// SendGroupMessages / QueryGroupMessages / GetNewestGroupMessage against a real node on a real
// file: node-go's paging rules (direction, page sizes, when a cursor comes back), ordering,
// de-duplication, the commit flag, and the statuses of bad requests.
import { status } from "@grpc/grpc-js"
import { describe, expect, it } from "vitest"
import { mlsApi } from "../../../src/engine/proto/index"
import { empty, ids } from "./support/api"
import { BACKENDS } from "./support/databases"
import { privateMessage, randomId } from "./support/fixtures"
import { MLS } from "./support/rawClient"
import { SuiteNode } from "./support/suiteNode"

const { SortDirection } = mlsApi
const ASC = SortDirection.SORT_DIRECTION_ASCENDING
const DESC = SortDirection.SORT_DIRECTION_DESCENDING

const suite = new SuiteNode()
const node = suite.api

/** Publishes `count` application messages to a fresh group, one call each; returns the group id. */
async function groupWith(count: number): Promise<Uint8Array> {
  const groupId = randomId()
  for (let i = 0; i < count; i++) await node.sendGroupData(privateMessage(groupId))
  return groupId
}

describe.each(BACKENDS)("QueryGroupMessages paging on %s", (backend) => {
  suite.on(backend)

  it("defaults to newest first, 100 per page, and returns a cursor only for a full page", async () => {
    const groupId = await groupWith(130)
    const first = await node.queryGroupMessages(groupId)
    const firstIds = ids(first.messages)
    expect(firstIds).toHaveLength(100)
    expect(firstIds).toEqual([...firstIds].sort((a, b) => b - a))
    expect(first.pagingInfo?.direction).toBe(DESC)
    expect(first.pagingInfo?.limit).toBe(100)
    expect(first.pagingInfo?.idCursor.toNumber()).toBe(firstIds.at(-1))

    const second = await node.queryGroupMessages(groupId, { idCursor: first.pagingInfo?.idCursor })
    const secondIds = ids(second.messages)
    expect(secondIds).toHaveLength(30)
    expect(Math.max(...secondIds)).toBeLessThan(Math.min(...firstIds))
    expect(second.pagingInfo?.idCursor.toNumber()).toBe(0)
  })

  it("pages oldest first when asked, strictly after the cursor", async () => {
    const groupId = await groupWith(7)
    const all = ids((await node.queryGroupMessages(groupId, { direction: ASC })).messages)
    expect(all).toEqual([...all].sort((a, b) => a - b))

    const page1 = await node.queryGroupMessages(groupId, { direction: ASC, limit: 3 })
    expect(ids(page1.messages)).toEqual(all.slice(0, 3))
    expect(page1.pagingInfo).toMatchObject({ direction: ASC, limit: 3 })
    expect(page1.pagingInfo?.idCursor.toNumber()).toBe(all[2])

    const page2 = await node.queryGroupMessages(groupId, { direction: ASC, limit: 3, idCursor: page1.pagingInfo?.idCursor })
    expect(ids(page2.messages)).toEqual(all.slice(3, 6))
    const page3 = await node.queryGroupMessages(groupId, { direction: ASC, limit: 3, idCursor: page2.pagingInfo?.idCursor })
    expect(ids(page3.messages)).toEqual(all.slice(6))
    expect(page3.pagingInfo?.idCursor.toNumber()).toBe(0)
  })

  it("returns a cursor when the last page is exactly full, then an empty page", async () => {
    const groupId = await groupWith(4)
    const page = await node.queryGroupMessages(groupId, { direction: ASC, limit: 4 })
    expect(page.messages).toHaveLength(4)
    expect(page.pagingInfo?.idCursor.toNumber()).toBe(ids(page.messages)[3])
    const after = await node.queryGroupMessages(groupId, { direction: ASC, limit: 4, idCursor: page.pagingInfo?.idCursor })
    expect(after.messages).toHaveLength(0)
    expect(after.pagingInfo?.idCursor.toNumber()).toBe(0)
  })

  it("clamps a limit above 100 to 100 and treats 0 as 100", async () => {
    const groupId = await groupWith(101)
    for (const limit of [0, 101, 5000]) {
      const page = await node.queryGroupMessages(groupId, { direction: ASC, limit })
      expect(page.messages).toHaveLength(100)
      expect(page.pagingInfo?.limit).toBe(100)
    }
  })

  it("walks the descending cursor down to the oldest message", async () => {
    const groupId = await groupWith(5)
    const seen: number[] = []
    let cursor: number | undefined
    for (let guard = 0; guard < 10; guard++) {
      const page = await node.queryGroupMessages(groupId, { limit: 2, idCursor: cursor })
      seen.push(...ids(page.messages))
      cursor = page.pagingInfo?.idCursor.toNumber()
      if (!cursor) break
    }
    expect(seen).toHaveLength(5)
    expect(seen).toEqual([...seen].sort((a, b) => b - a))
  })

  it("answers a cursor from the future: nothing after it, everything before it", async () => {
    const groupId = await groupWith(3)
    const future = 9_000_000_000
    expect((await node.queryGroupMessages(groupId, { direction: ASC, idCursor: future })).messages).toHaveLength(0)
    expect((await node.queryGroupMessages(groupId, { direction: DESC, idCursor: future })).messages).toHaveLength(3)
  })

  it("returns an empty page with a zero cursor for an unknown group", async () => {
    const page = await node.queryGroupMessages(randomId())
    expect(page.messages).toHaveLength(0)
    expect(page.pagingInfo).toMatchObject({ direction: DESC, limit: 100 })
    expect(page.pagingInfo?.idCursor.toNumber()).toBe(0)
  })
})

describe.each(BACKENDS)("SendGroupMessages on %s", (backend) => {
  suite.on(backend)

  it("stores the batch in order with the fields the client sent and the commit flag from the header", async () => {
    const groupId = randomId()
    const inputs = [
      { v1: { data: privateMessage(groupId, { contentType: "application" }), senderHmac: randomId(8), shouldPush: true } },
      { v1: { data: privateMessage(groupId, { contentType: "commit" }), senderHmac: new Uint8Array(), shouldPush: false } },
      { v1: { data: privateMessage(groupId, { contentType: "proposal" }), senderHmac: new Uint8Array(), shouldPush: false } },
    ]
    await node.sendGroupMessages(mlsApi.SendGroupMessagesRequest.fromPartial({ messages: inputs }))
    const { messages } = await node.queryGroupMessages(groupId, { direction: ASC })
    expect(messages.map((m) => m.v1?.isCommit)).toEqual([false, true, true])
    messages.forEach((message, index) => {
      const input = inputs[index]?.v1
      expect(Buffer.from(message.v1?.data ?? [])).toEqual(Buffer.from(input?.data ?? []))
      expect(Buffer.from(message.v1?.senderHmac ?? [])).toEqual(Buffer.from(input?.senderHmac ?? []))
      expect(message.v1?.shouldPush).toBe(input?.shouldPush)
      expect(Buffer.from(message.v1?.groupId ?? [])).toEqual(Buffer.from(groupId))
      expect(message.v1?.createdNs.toString()).toMatch(/^1[0-9]{18}$/)
    })
  })

  it("stores an exact repeat once and still answers OK", async () => {
    const groupId = randomId()
    const data = privateMessage(groupId)
    await node.sendGroupData(data)
    await node.sendGroupData(data, data)
    expect((await node.queryGroupMessages(groupId)).messages).toHaveLength(1)
  })

  it("keeps ids increasing within a group across interleaved groups", async () => {
    const a = randomId()
    const b = randomId()
    for (let i = 0; i < 5; i++) await node.sendGroupData(privateMessage(a), privateMessage(b))
    for (const groupId of [a, b]) {
      const got = ids((await node.queryGroupMessages(groupId, { direction: ASC })).messages)
      expect(got).toHaveLength(5)
      expect(new Set(got).size).toBe(5)
      expect(got).toEqual([...got].sort((x, y) => x - y))
    }
  })

  it("refuses a batch with any invalid message and stores none of it", async () => {
    const groupId = randomId()
    const error = await suite.client.failure(`${MLS}SendGroupMessages`, mlsApi.SendGroupMessagesRequest, empty, {
      message: mlsApi.SendGroupMessagesRequest.fromPartial({
        messages: [{ v1: { data: privateMessage(groupId) } }, { v1: { data: Uint8Array.from([0, 1, 0, 2, 9]) } }],
      }),
    })
    expect(error.code).toBe(status.INVALID_ARGUMENT)
    expect(error.details).toMatch(/^invalid group message: /)
    expect((await node.queryGroupMessages(groupId)).messages).toHaveLength(0)
  })

  it.each([
    ["no messages", { messages: [] }, "no group messages to send"],
    ["a message without v1", { messages: [{}] }, "invalid group message"],
  ])("answers INVALID_ARGUMENT for %s", async (_name, request, details) => {
    const error = await suite.client.failure(`${MLS}SendGroupMessages`, mlsApi.SendGroupMessagesRequest, empty, {
      message: mlsApi.SendGroupMessagesRequest.fromPartial(request),
    })
    expect(error.code).toBe(status.INVALID_ARGUMENT)
    expect(error.details).toBe(details)
  })

  it("refuses an MLS welcome, a key package and garbage as group messages", async () => {
    for (const data of [Uint8Array.from([0, 1, 0, 3, 0]), Uint8Array.from([0, 1, 0, 5, 0]), randomId(40)]) {
      const error = await suite.client.failure(`${MLS}SendGroupMessages`, mlsApi.SendGroupMessagesRequest, empty, {
        message: mlsApi.SendGroupMessagesRequest.fromPartial({ messages: [{ v1: { data } }] }),
      })
      expect(error.code).toBe(status.INVALID_ARGUMENT)
    }
  })
})

describe.each(BACKENDS)("QueryGroupMessages errors on %s", (backend) => {
  suite.on(backend)

  it("answers UNKNOWN 'group is required' for an empty group id, as node-go does", async () => {
    const error = await suite.client.failure(
      `${MLS}QueryGroupMessages`,
      mlsApi.QueryGroupMessagesRequest,
      mlsApi.QueryGroupMessagesResponse,
      { message: mlsApi.QueryGroupMessagesRequest.fromPartial({}) },
    )
    expect(error.code).toBe(status.UNKNOWN)
    expect(error.details).toBe("group is required")
  })
})

describe.each(BACKENDS)("GetNewestGroupMessage on %s", (backend) => {
  suite.on(backend)

  it("answers one entry per group in request order, empty where the group has no messages", async () => {
    const a = await groupWith(3)
    const b = randomId()
    const newestA = ids((await node.queryGroupMessages(a)).messages)[0]

    const withContent = await node.getNewestGroupMessage([b, a], true)
    expect(withContent.responses).toHaveLength(2)
    expect(withContent.responses[0]?.groupMessage).toBeUndefined()
    expect(withContent.responses[1]?.groupMessage?.v1?.id.toNumber()).toBe(newestA)
    expect(withContent.responses[1]?.groupMessage?.v1?.data.length).toBeGreaterThan(0)

    const metadataOnly = await node.getNewestGroupMessage([a], false)
    const v1 = metadataOnly.responses[0]?.groupMessage?.v1
    expect(v1?.id.toNumber()).toBe(newestA)
    expect(Buffer.from(v1?.groupId ?? [])).toEqual(Buffer.from(a))
    expect(v1?.data).toHaveLength(0)
    expect(v1?.createdNs.isZero()).toBe(false)
  })

  it("answers INVALID_ARGUMENT without group ids", async () => {
    const error = await suite.client.failure(
      `${MLS}GetNewestGroupMessage`,
      mlsApi.GetNewestGroupMessageRequest,
      mlsApi.GetNewestGroupMessageResponse,
      { message: { groupIds: [], includeContent: true } },
    )
    expect(error.code).toBe(status.INVALID_ARGUMENT)
    expect(error.details).toBe("no group ids provided")
  })
})
