// Publishing and reading group messages through a real node: single pages as the node answers
// them, and the pager that walks from a cursor to the end.
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { MAX_PAGE_SIZE, type GroupMessage } from "../../../src/engine/api/index"
import { parseGroupMessageHeader } from "../../../src/engine/mls/groupMessageHeader"
import { CONTENT_TYPE, privateMessageFrame } from "./helpers/privateMessageFrame"
import { Harness, hex, messageNumber, numbered, randomGroupId, type RunningNode } from "./helpers/apiHarness"

const harness = new Harness()
let node: RunningNode

beforeEach(async () => {
  node = await harness.node()
})
afterEach(() => harness.close())

const numbers = (messages: GroupMessage[]) => messages.map((m) => messageNumber(m.data))
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i)

describe("MlsApi group messages", () => {
  it("frames test messages the way the node's header check reads them", () => {
    const groupId = randomGroupId()
    const header = parseGroupMessageHeader(privateMessageFrame({ groupId, epoch: 9n, ciphertext: new Uint8Array(3) }))
    expect(hex(header.groupId)).toBe(hex(groupId))
    expect(header).toMatchObject({ epoch: 9n, wireFormat: "private", contentType: "application", isCommit: false })
  })

  it("stores what was sent and reads it back field for field", async () => {
    const { mls } = harness.client(node.port)
    const groupId = randomGroupId()
    const inputs = numbered(groupId, 1, 2)
    await mls.sendGroupMessages(inputs)
    const commit = privateMessageFrame({ groupId, contentType: CONTENT_TYPE.commit, ciphertext: new TextEncoder().encode("message 3") })
    await mls.sendGroupMessages([{ data: commit, shouldPush: false }])

    const stored = await mls.queryAllGroupMessages(groupId)
    expect(numbers(stored)).toEqual([1, 2, 3])
    stored.forEach((m) => expect(hex(m.groupId)).toBe(hex(groupId)))
    expect(hex(stored[0]!.data)).toBe(hex(inputs[0]!.data))
    expect(hex(stored[1]!.senderHmac)).toBe(hex(inputs[1]!.senderHmac!))
    expect(stored.map((m) => m.shouldPush)).toEqual([false, true, false])
    expect(stored.map((m) => m.isCommit)).toEqual([false, false, true])
    expect(stored[0]!.id < stored[1]!.id && stored[1]!.id < stored[2]!.id).toBe(true)
    expect(typeof stored[0]!.createdNs).toBe("bigint")
    expect(stored[0]!.createdNs > 0n).toBe(true)
  })

  it("answers single pages with the node's cursor rule: a cursor only when the page is full", async () => {
    const { mls } = harness.client(node.port)
    const groupId = randomGroupId()
    await mls.sendGroupMessages(numbered(groupId, 1, 25))

    const full = await mls.queryGroupMessages(groupId, { direction: "ascending", limit: 10 })
    expect(numbers(full.messages)).toEqual(range(1, 10))
    expect(full.pagingInfo).toEqual({ direction: "ascending", limit: 10, idCursor: full.messages[9]!.id })

    const next = await mls.queryGroupMessages(groupId, { direction: "ascending", limit: 10, idCursor: full.pagingInfo!.idCursor })
    expect(numbers(next.messages)).toEqual(range(11, 10))

    const last = await mls.queryGroupMessages(groupId, { direction: "ascending", limit: 10, idCursor: next.pagingInfo!.idCursor })
    expect(numbers(last.messages)).toEqual(range(21, 5))
    expect(last.pagingInfo?.idCursor).toBe(0n)

    const newest = await mls.queryGroupMessages(groupId, { direction: "descending", limit: 3 })
    expect(numbers(newest.messages)).toEqual([25, 24, 23])
    expect(newest.pagingInfo?.direction).toBe("descending")
  })

  it("pages ascending from a cursor until the node runs out, across several full pages", async () => {
    const { mls } = harness.client(node.port)
    const groupId = randomGroupId()
    const total = 2 * MAX_PAGE_SIZE + 37
    for (let from = 1; from <= total; from += 50) await mls.sendGroupMessages(numbered(groupId, from, Math.min(50, total - from + 1)))
    await mls.sendGroupMessages(numbered(randomGroupId(), 1, 5)) // another group's messages stay out

    const pages: number[][] = []
    for await (const page of mls.groupMessagePages(groupId)) pages.push(numbers(page))
    expect(pages.map((p) => p.length)).toEqual([MAX_PAGE_SIZE, MAX_PAGE_SIZE, 37])
    expect(pages.flat()).toEqual(range(1, total))

    const all = await mls.queryAllGroupMessages(groupId)
    const cursor = all[119]!.id
    expect(numbers(await mls.queryAllGroupMessages(groupId, { afterCursor: cursor }))).toEqual(range(121, total - 120))
    expect(await mls.queryAllGroupMessages(groupId, { afterCursor: all.at(-1)!.id })).toEqual([])
  })

  it("stops after a last page that came back exactly full", async () => {
    const { mls } = harness.client(node.port)
    const groupId = randomGroupId()
    await mls.sendGroupMessages(numbered(groupId, 1, MAX_PAGE_SIZE))
    await mls.sendGroupMessages(numbered(groupId, MAX_PAGE_SIZE + 1, MAX_PAGE_SIZE))

    const pages: number[] = []
    for await (const page of mls.groupMessagePages(groupId)) pages.push(page.length)
    expect(pages).toEqual([MAX_PAGE_SIZE, MAX_PAGE_SIZE])
    expect(await mls.queryAllGroupMessages(randomGroupId())).toEqual([])
  })

  it("accepts a repeated send (as a retry would make) and stores the message once", async () => {
    const { mls } = harness.client(node.port)
    const groupId = randomGroupId()
    const [first] = numbered(groupId, 1, 1)
    await mls.sendGroupMessages([first!])
    await mls.sendGroupMessages([first!])
    expect(numbers(await mls.queryAllGroupMessages(groupId))).toEqual([1])
  })

  it("reports each group's newest message, in the order asked, and nothing for an empty group", async () => {
    const { mls } = harness.client(node.port)
    const [a, b, empty] = [randomGroupId(), randomGroupId(), randomGroupId()]
    await mls.sendGroupMessages(numbered(a, 1, 3))
    await mls.sendGroupMessages(numbered(b, 10, 2))

    const withContent = await mls.getNewestGroupMessage([b, empty, a], { includeContent: true })
    expect(withContent.map((m) => (m ? messageNumber(m.data) : undefined))).toEqual([11, undefined, 3])

    const metadataOnly = await mls.getNewestGroupMessage([a, b])
    const stored = await mls.queryAllGroupMessages(a)
    expect(metadataOnly[0]?.id).toBe(stored.at(-1)!.id)
    expect(hex(metadataOnly[1]!.groupId)).toBe(hex(b))
  })
})
