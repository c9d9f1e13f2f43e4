// Subscriptions through a real node: stored messages after the cursor, then live ones, in order;
// quiet ends on close and abort; a typed error when the node goes away; and the resumable helper
// carrying a subscription across a node restart without losing or repeating a message.
import { afterEach, describe, expect, it } from "vitest"
import {
  ApiError,
  resumableGroupMessages,
  resumableWelcomeMessages,
  type GroupMessage,
  type ReconnectEvent,
  type WelcomeMessageInput,
} from "../../../src/engine/api/index"
import { wrapperEncryption } from "../../../src/engine/proto/index"
import { Harness, hex, messageNumber, numbered, randomGroupId, take } from "./helpers/apiHarness"

const harness = new Harness()
afterEach(() => harness.close())

const numbers = (messages: GroupMessage[]) => messages.map((m) => messageNumber(m.data))
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i)

describe("subscribeGroupMessages", () => {
  it("delivers stored messages after the cursor, then live ones, in order across groups", async () => {
    const node = await harness.node()
    const { mls } = harness.client(node.port)
    const [a, b] = [randomGroupId(), randomGroupId()]
    await mls.sendGroupMessages(numbered(a, 1, 4))
    const [, second] = await mls.queryAllGroupMessages(a)

    const subscription = mls.subscribeGroupMessages([
      { groupId: a, afterCursor: second!.id },
      { groupId: b, afterCursor: 0n },
    ])
    const replayed = await take(subscription, 2)
    expect(numbers(replayed)).toEqual([3, 4])

    await mls.sendGroupMessages(numbered(b, 100, 2))
    await mls.sendGroupMessages(numbered(a, 5, 3))
    const live = await take(subscription, 5)
    const inGroup = (groupId: Uint8Array) => numbers(live.filter((m) => hex(m.groupId) === hex(groupId)))
    expect(inGroup(a)).toEqual([5, 6, 7])
    expect(inGroup(b)).toEqual([100, 101])
    const ids = [...replayed, ...live].map((m) => m.id)
    expect(ids).toEqual([...ids].sort((x, y) => (x < y ? -1 : 1)))

    subscription.close()
    expect(await subscription.next()).toEqual({ done: true, value: undefined })
  })

  it("ends quietly when the caller aborts, also while waiting for a message", async () => {
    const node = await harness.node()
    const { mls } = harness.client(node.port)
    const controller = new AbortController()
    const subscription = mls.subscribeGroupMessages([{ groupId: randomGroupId(), afterCursor: 0n }], controller.signal)
    const pending = subscription.next()
    controller.abort()
    expect(await pending).toEqual({ done: true, value: undefined })
  })

  it("fails with a typed, transient error when the node shuts down", async () => {
    const node = await harness.node()
    const { mls } = harness.client(node.port)
    const groupId = randomGroupId()
    await mls.sendGroupMessages(numbered(groupId, 1, 1))
    const subscription = mls.subscribeGroupMessages([{ groupId, afterCursor: 0n }])
    await take(subscription, 1)

    await harness.stopNode(node)
    const error = await subscription.next().then(
      () => undefined,
      (e: unknown) => e,
    )
    // node-go's (and Parley's node's) answer to open streams when it stops
    expect(error).toMatchObject({ code: "Unavailable", method: "MlsApi/SubscribeGroupMessages", transient: true })
    expect((error as ApiError).details).toContain("shutting down")
  })
})

describe("subscribeWelcomeMessages", () => {
  it("delivers an installation's welcomes after the cursor, then live ones, in order", async () => {
    const node = await harness.node()
    const { mls } = harness.client(node.port)
    const installationKey = randomGroupId()
    const welcome = (n: number): WelcomeMessageInput => ({
      kind: "v1",
      installationKey,
      data: new TextEncoder().encode(`welcome ${n}`),
      hpkePublicKey: new Uint8Array(32).fill(1),
      wrapperAlgorithm: wrapperEncryption.WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_CURVE25519,
      welcomeMetadata: new Uint8Array(),
    })
    await mls.sendWelcomeMessages([welcome(1)])
    await mls.sendWelcomeMessages([welcome(2)])
    const [first] = await mls.queryAllWelcomeMessages(installationKey)

    const subscription = mls.subscribeWelcomeMessages([{ installationKey, afterCursor: first!.id }])
    const [replayed] = await take(subscription, 1)
    await mls.sendWelcomeMessages([welcome(3)])
    await mls.sendWelcomeMessages([welcome(4)])
    const live = await take(subscription, 2)
    const text = (m: (typeof live)[number]) => new TextDecoder().decode(m.kind === "v1" ? m.data : m.welcomePointer)
    expect([replayed!, ...live].map(text)).toEqual(["welcome 2", "welcome 3", "welcome 4"])
    subscription.close()
  })
})

describe("resumable subscriptions", () => {
  it("survive a node restart on the same database: nothing lost, nothing repeated", async () => {
    const dbPath = await harness.tempDbPath()
    let node = await harness.node({ dbPath })
    const port = node.port
    const groupId = randomGroupId()
    const { mls } = harness.client(port)
    await mls.sendGroupMessages(numbered(groupId, 1, 3))

    const controller = new AbortController()
    const reconnects: ReconnectEvent[] = []
    let restarted: Promise<void> | undefined
    const stream = resumableGroupMessages(mls, [{ groupId, afterCursor: 0n }], {
      signal: controller.signal,
      onReconnect: async (event) => {
        reconnects.push(event)
        // Bring the node back and publish while the subscription is down: these must arrive
        // through the resumed subscription's replay from its cursor.
        restarted ??= (async () => {
          node = await harness.node({ port, dbPath })
          await harness.client(port).mls.sendGroupMessages(numbered(groupId, 4, 2))
        })()
        await restarted
      },
    })

    expect(numbers(await take(stream, 3))).toEqual([1, 2, 3])
    await harness.stopNode(node)
    expect(numbers(await take(stream, 2))).toEqual([4, 5])
    await mls.sendGroupMessages(numbered(groupId, 6, 2))
    expect(numbers(await take(stream, 2))).toEqual([6, 7])

    expect(reconnects.length).toBeGreaterThanOrEqual(1)
    expect(reconnects[0]!.error).toBeInstanceOf(ApiError)
    expect(numbers(await mls.queryAllGroupMessages(groupId))).toEqual(range(1, 7))

    controller.abort()
    expect(await stream.next()).toEqual({ done: true, value: undefined })
  })

  it("resume welcomes from a cursor and stop on abort while the node is away", async () => {
    const node = await harness.node()
    const { mls } = harness.client(node.port)
    const installationKey = randomGroupId()
    const welcome: WelcomeMessageInput = {
      kind: "v1",
      installationKey,
      data: new TextEncoder().encode("welcome"),
      hpkePublicKey: new Uint8Array(32).fill(2),
      wrapperAlgorithm: wrapperEncryption.WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_CURVE25519,
      welcomeMetadata: new Uint8Array(),
    }
    await mls.sendWelcomeMessages([welcome])

    const controller = new AbortController()
    const stream = resumableWelcomeMessages(mls, [{ installationKey, afterCursor: 0n }], {
      signal: controller.signal,
      onReconnect: () => controller.abort(),
    })
    const [received] = await take(stream, 1)
    expect(received?.kind).toBe("v1")
    await harness.stopNode(node)
    expect(await stream.next()).toEqual({ done: true, value: undefined })
  })

  it("give up at once on an error no reconnect can fix", async () => {
    const node = await harness.node()
    const { mls } = harness.client(node.port)
    const reconnects: ReconnectEvent[] = []
    const stream = resumableWelcomeMessages(mls, [{ installationKey: new Uint8Array(), afterCursor: 0n }], {
      onReconnect: (event) => void reconnects.push(event),
    })
    const error = await stream.next().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ code: "InvalidArgument" })
    expect(reconnects).toEqual([])
  })
})
