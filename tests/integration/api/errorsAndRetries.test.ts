// How failures surface: passing ones are retried under the policy, lasting ones come out at once as
// ApiError with the node's code and message, and the caller can cancel or close at any point.
import { afterEach, describe, expect, it } from "vitest"
import { ApiError, DEFAULT_RETRY_POLICY, type RetryEvent, type RetryPolicy } from "../../../src/engine/api/index"
import { parseApiUrl } from "../../../src/engine/api/grpcChannel"
import { Harness, groupMessage, numbered, randomGroupId } from "./helpers/apiHarness"

const harness = new Harness()
afterEach(() => harness.close())

function recording(policy: Partial<RetryPolicy> = {}): { policy: RetryPolicy; events: RetryEvent[] } {
  const events: RetryEvent[] = []
  const onRetry = policy.onRetry
  return {
    events,
    policy: {
      ...DEFAULT_RETRY_POLICY,
      ...policy,
      onRetry: async (event) => {
        events.push(event)
        await onRetry?.(event)
      },
    },
  }
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

describe("retries", () => {
  it("succeeds once the node comes up after the first attempt failed", async () => {
    const port = await harness.freePort()
    const dbPath = await harness.tempDbPath()
    let started: Promise<unknown> | undefined
    const { policy, events } = recording({
      onRetry: async () => {
        started ??= harness.node({ port, dbPath })
        await started
      },
    })
    const { mls } = harness.client(port, { retry: policy })
    const groupId = randomGroupId()

    await mls.sendGroupMessages([groupMessage(groupId, 1)])

    expect(events.length).toBeGreaterThanOrEqual(1)
    expect(events[0]).toMatchObject({ method: "MlsApi/SendGroupMessages", attempt: 1 })
    expect(events[0]!.error.code).toBe("Unavailable")
    expect((await mls.queryAllGroupMessages(groupId)).length).toBe(1)
  })

  it("gives up after the policy's number of retries with the last transient error", async () => {
    const port = await harness.freePort()
    const { policy, events } = recording({ retries: 2, baseDelayMs: 5, maxJitterMs: 0 })
    const { mls } = harness.client(port, { retry: policy })

    const error = await failure(mls.queryAllGroupMessages(randomGroupId()))
    expect(error.code).toBe("Unavailable")
    expect(error.transient).toBe(true)
    expect(error.method).toBe("MlsApi/QueryGroupMessages")
    expect(events.map((e) => e.attempt)).toEqual([1, 2])
  })

  it("waits like libxmtp: base, base, then times the multiplier, capped, plus jitter", async () => {
    const { backoffDelayMs } = await import("../../../src/engine/api/retry")
    const policy = { ...DEFAULT_RETRY_POLICY, maxJitterMs: 0 }
    expect([0, 1, 2, 3, 4].map((n) => backoffDelayMs(policy, n))).toEqual([50, 50, 150, 450, 1350])
    expect(backoffDelayMs(policy, 20)).toBe(30_000)
    const jittered = backoffDelayMs(DEFAULT_RETRY_POLICY, 0)
    expect(jittered).toBeGreaterThanOrEqual(50)
    expect(jittered).toBeLessThanOrEqual(75)
  })
})

describe("lasting errors", () => {
  it("surfaces a rejected message at once, with the node's code and message", async () => {
    const node = await harness.node()
    const { policy, events } = recording()
    const { mls } = harness.client(node.port, { retry: policy })

    const error = await failure(mls.sendGroupMessages([{ data: new Uint8Array([0, 1, 0, 2, 9]), shouldPush: true }]))
    expect(error.code).toBe("InvalidArgument")
    expect(error.transient).toBe(false)
    expect(error.method).toBe("MlsApi/SendGroupMessages")
    expect(error.details).toContain("invalid group message")
    expect(error.message).toContain(error.details)
    expect(events).toEqual([])
  })

  it("does not retry a query the node answers with a plain error (UNKNOWN, as node-go does)", async () => {
    const node = await harness.node()
    const { policy, events } = recording()
    const { mls } = harness.client(node.port, { retry: policy })
    const error = await failure(mls.queryGroupMessages(new Uint8Array(), { direction: "ascending" }))
    expect(error.code).toBe("Unknown")
    expect(error.transient).toBe(false)
    expect(error.details).toContain("group is required")
    expect(events).toEqual([])
  })
})

describe("cancelling and closing", () => {
  it("stops retrying when the caller aborts", async () => {
    const port = await harness.freePort()
    const controller = new AbortController()
    const { policy } = recording({ onRetry: () => controller.abort(new Error("user left")) })
    const { mls } = harness.client(port, { retry: policy })

    const error = await failure(mls.sendGroupMessages(numbered(randomGroupId(), 1, 1), { signal: controller.signal }))
    expect(error.code).toBe("Cancelled")
  })

  it("fails calls made after close with ChannelClosed", async () => {
    const node = await harness.node()
    const client = harness.client(node.port)
    await client.mls.queryAllGroupMessages(randomGroupId())
    client.close()
    const error = await failure(client.mls.queryAllGroupMessages(randomGroupId()))
    expect(error.code).toBe("ChannelClosed")
    expect(() => client.mls.subscribeGroupMessages([{ groupId: randomGroupId(), afterCursor: 0n }])).toThrow(ApiError)
  })

  it("accepts only http and https URLs without a path", () => {
    expect(parseApiUrl("http://127.0.0.1:5556")).toEqual({ target: "127.0.0.1:5556", secure: false })
    expect(parseApiUrl("https://grpc.example.org")).toEqual({ target: "grpc.example.org:443", secure: true })
    expect(parseApiUrl("http://[::1]:5556")).toEqual({ target: "[::1]:5556", secure: false })
    for (const bad of ["grpc.example.org:5556", "ftp://host:1", "http://host:1/api", "not a url"]) {
      expect(() => parseApiUrl(bad)).toThrow(expect.objectContaining({ code: "InvalidUrl" }))
    }
  })
})
