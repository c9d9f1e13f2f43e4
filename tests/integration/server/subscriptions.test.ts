// SubscribeGroupMessages / SubscribeWelcomeMessages on a real node: headers first, replay from
// each filter's cursor, then live envelopes; under concurrent publishers every envelope arrives
// exactly once and in id order per topic; bad filters, cancellation and a client that stops
// reading end the stream the way node-go ends it.
import { status } from "@grpc/grpc-js"
import { describe, expect, it } from "vitest"
import { api, ids, type Api } from "./support/api"
import { BACKENDS } from "./support/databases"
import { privateMessage, randomId } from "./support/fixtures"
import { RawClient } from "./support/rawClient"
import { allStoredIds, expectExactlyThenMarker, hex } from "./support/streams"
import { SuiteNode } from "./support/suiteNode"

const suite = new SuiteNode()
const node = suite.api

/** Every stored message of the group, oldest first, as ids. */
const storedIds = (groupId: Uint8Array): Promise<number[]> => allStoredIds(node, groupId)

describe.each(BACKENDS)("SubscribeGroupMessages on %s", (backend) => {
  suite.on(backend)

  it("sends headers at once, replays after the cursor, then follows live messages", async () => {
    const groupId = randomId()
    for (let i = 0; i < 4; i++) await node.sendGroupData(privateMessage(groupId))
    const stored = await storedIds(groupId)

    const sub = node.subscribeGroupMessages([{ groupId, idCursor: stored[1] }])
    expect((await sub.headers).get("subscribed")).toEqual(["true"])
    expect(ids(await sub.waitFor(2))).toEqual(stored.slice(2))

    await node.sendGroupData(privateMessage(groupId))
    await node.sendGroupData(privateMessage(groupId))
    const after = await storedIds(groupId)
    expect(ids(await sub.waitFor(4))).toEqual(after.slice(2))
    sub.cancel()
    expect((await sub.ended).code).toBe(status.CANCELLED)
  })

  it("replays everything for a zero cursor, across pages of 100", async () => {
    const groupId = randomId()
    for (let i = 0; i < 5; i++) {
      await node.sendGroupData(...Array.from({ length: 50 }, () => privateMessage(groupId)))
    }
    const sub = node.subscribeGroupMessages([{ groupId }])
    expect(ids(await sub.waitFor(250))).toEqual(await storedIds(groupId))
    sub.cancel()
  })

  it("delivers every message exactly once, in order per group, under concurrent publishers", async () => {
    const groups = [randomId(), randomId(), randomId()]
    for (const groupId of groups) await node.sendGroupData(privateMessage(groupId))
    const early = node.subscribeGroupMessages(groups.map((groupId) => ({ groupId })))
    await early.headers

    const publishers = Array.from({ length: 4 }, () => new RawClient(suite.address))
    let late: ReturnType<Api["subscribeGroupMessages"]> | undefined
    const perPublisher = 30
    await Promise.all(
      publishers.map(async (client, p) => {
        const publisher = api(client)
        for (let i = 0; i < perPublisher; i++) {
          const groupId = groups[(i + p) % groups.length] ?? groups[0]
          if (!groupId) throw new Error("no group")
          // Some batches span two groups, so one commit feeds several topics.
          if (i % 5 === 0) await publisher.sendGroupData(privateMessage(groupId), privateMessage(groups[(i + 1) % 3] ?? groupId))
          else await publisher.sendGroupData(privateMessage(groupId))
          // A second subscriber joins mid-stream: its replay and live phases overlap.
          if (p === 0 && i === perPublisher / 2) late = node.subscribeGroupMessages(groups.map((g) => ({ groupId: g })))
        }
      }),
    )
    publishers.forEach((client) => client.close())

    const expected = new Map<string, number[]>()
    for (const groupId of groups) expected.set(hex(groupId), await storedIds(groupId))
    const total = [...expected.values()].reduce((sum, list) => sum + list.length, 0)
    expect(total).toBe(3 + 4 * perPublisher + 4 * (perPublisher / 5))

    const marker = privateMessage(groups[0] ?? randomId())
    await node.sendGroupData(marker)
    for (const sub of [early, late]) {
      if (!sub) throw new Error("the late subscription did not start")
      await expectExactlyThenMarker(sub, expected, marker)
    }
  })

  it("ends with UNKNOWN 'group is required' for an empty group id, after the headers", async () => {
    const sub = node.subscribeGroupMessages([{ groupId: new Uint8Array() }])
    await sub.headers
    expect(await sub.ended).toEqual({ code: status.UNKNOWN, details: "group is required" })
  })

  it("keeps serving after a subscriber cancels", async () => {
    const groupId = randomId()
    const subs = Array.from({ length: 5 }, () => node.subscribeGroupMessages([{ groupId }]))
    await Promise.all(subs.map((sub) => sub.headers))
    subs.forEach((sub) => sub.cancel())
    await Promise.all(subs.map((sub) => sub.ended))
    await node.sendGroupData(privateMessage(groupId))
    const fresh = node.subscribeGroupMessages([{ groupId }])
    expect(await fresh.waitFor(1)).toHaveLength(1)
    fresh.cancel()
  })

  it("ends with ABORTED when its client stops reading and falls a whole backlog behind", async () => {
    const groupId = randomId()
    const sub = node.subscribeGroupMessages([{ groupId }])
    await sub.headers
    sub.call.pause()
    const payload = randomId(4000)
    for (let batch = 0; batch < 40; batch++) {
      await node.sendGroupData(...Array.from({ length: 100 }, () => privateMessage(groupId, { ciphertext: payload })))
    }
    sub.call.resume()
    expect(await sub.ended).toEqual({ code: status.ABORTED, details: "caller did not read all messages fast enough" })
    // What did arrive is the oldest part of the group's history, in order and without gaps.
    const stored = await storedIds(groupId)
    expect(sub.received.length).toBeGreaterThan(1024)
    expect(sub.received.length).toBeLessThan(stored.length)
    expect(ids(sub.received)).toEqual(stored.slice(0, sub.received.length))
  })
})

describe.each(BACKENDS)("SubscribeWelcomeMessages on %s", (backend) => {
  suite.on(backend)

  const welcome = (installationKey: Uint8Array) => ({
    v1: { installationKey, data: randomId(40), hpkePublicKey: randomId(32), wrapperAlgorithm: 2 },
  })

  it("replays after each filter's cursor, then follows live welcomes", async () => {
    const a = randomId()
    const b = randomId()
    await node.sendWelcomeMessages([welcome(a), welcome(a), welcome(b)])
    const [firstA] = ids((await node.queryWelcomeMessages(a, { direction: 1 })).messages)
    const sub = node.subscribeWelcomeMessages([{ installationKey: a, idCursor: firstA }, { installationKey: b }])
    const replayed = await sub.waitFor(2)
    expect(replayed.map((w) => hex(w.v1?.installationKey))).toEqual([hex(a), hex(b)])
    await node.sendWelcomeMessages([welcome(b), welcome(randomId()), welcome(a)])
    const all = await sub.waitFor(4)
    expect(all.slice(2).map((w) => hex(w.v1?.installationKey))).toEqual([hex(b), hex(a)])
    sub.cancel()
  })

  it.each([
    ["no filters", [], "no valid filters provided"],
    ["an empty installation key", [{ installationKey: new Uint8Array() }], "a filter is nil or installation key is empty"],
  ])("ends with INVALID_ARGUMENT for %s, after the headers", async (_name, filters, details) => {
    const sub = node.subscribeWelcomeMessages(filters)
    await sub.headers
    expect(await sub.ended).toEqual({ code: status.INVALID_ARGUMENT, details })
  })
})
