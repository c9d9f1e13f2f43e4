// Client behaviour that a real node cannot be made to show on demand, against a scripted gRPC
// server on loopback (helpers/probeServer.ts): the headers sent, deadlines, a subscription that
// ends cleanly, resuming from the last delivered id, and answers that break the protocol.
import type { Metadata, ServerWritableStream } from "@grpc/grpc-js"
import { afterEach, describe, expect, it } from "vitest"
import {
  ApiError,
  DEFAULT_RETRY_POLICY,
  NO_RETRY,
  resumableGroupMessages,
  type RetryEvent,
} from "../../../src/engine/api/index"
import { PARLEY_CLIENT_VERSION } from "../../../src/engine/api/clientVersion"
import { Long, mlsApi, type MlsApiTypes } from "../../../src/engine/proto/index"
import { Harness, take } from "./helpers/apiHarness"
import { startProbeServer, type ProbeHandlers } from "./helpers/probeServer"

const harness = new Harness()
const servers: { stop(): Promise<void> }[] = []
afterEach(async () => {
  await harness.close()
  for (const server of servers.splice(0)) await server.stop()
})

async function probe(handlers: ProbeHandlers): Promise<number> {
  const server = await startProbeServer(handlers)
  servers.push(server)
  return server.port
}

const groupId = new Uint8Array([1, 2, 3])
const message = (id: number): MlsApiTypes.GroupMessage => ({
  v1: {
    id: Long.fromNumber(id, true),
    createdNs: Long.fromNumber(id * 1000, true),
    groupId,
    data: new Uint8Array([id]),
    senderHmac: new Uint8Array(),
    shouldPush: false,
    isCommit: false,
  },
})
const page = (ids: number[], cursor: number): MlsApiTypes.QueryGroupMessagesResponse => ({
  messages: ids.map(message),
  pagingInfo: { direction: mlsApi.SortDirection.SORT_DIRECTION_ASCENDING, limit: 100, idCursor: Long.fromNumber(cursor, true) },
})

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

describe("what the client sends", () => {
  it("names the app and Parley in its headers and user agent", async () => {
    let seen: Metadata | undefined
    const port = await probe({
      queryGroupMessages: (_request, metadata) => {
        seen = metadata
        return page([], 0)
      },
    })
    await harness.client(port, { appVersion: "acme-chat/2.1.0" }).mls.queryAllGroupMessages(groupId)
    expect(seen?.get("x-app-version")).toEqual(["acme-chat/2.1.0"])
    expect(seen?.get("x-client-version")).toEqual([PARLEY_CLIENT_VERSION])
    expect(String(seen?.get("user-agent")[0])).toMatch(/^parley\/\d+\.\d+\.\d+/)
  })

  it("asks for ascending pages of 100 from the cursor it was given, then from each returned cursor", async () => {
    const asked: MlsApiTypes.PagingInfo[] = []
    const port = await probe({
      queryGroupMessages: (request) => {
        asked.push(request.pagingInfo!)
        return asked.length === 1 ? page([8, 9], 9) : page([10], 0)
      },
    })
    const messages = await harness.client(port).mls.queryAllGroupMessages(groupId, { afterCursor: 7n })
    expect(messages.map((m) => m.id)).toEqual([8n, 9n, 10n])
    expect(asked.map((p) => [p.direction, p.limit, p.idCursor.toString()])).toEqual([
      [mlsApi.SortDirection.SORT_DIRECTION_ASCENDING, 100, "7"],
      [mlsApi.SortDirection.SORT_DIRECTION_ASCENDING, 100, "9"],
    ])
  })
})

describe("deadlines and cancellation", () => {
  it("gives each attempt its own deadline and retries DEADLINE_EXCEEDED", async () => {
    const port = await probe({ queryGroupMessages: () => "never" })
    const events: RetryEvent[] = []
    const retry = { ...DEFAULT_RETRY_POLICY, retries: 1, onRetry: (e: RetryEvent) => void events.push(e) }
    const { mls } = harness.client(port, { callDeadlineMs: 100, retry })
    const error = await failure(mls.queryGroupMessages(groupId, { direction: "ascending" }))
    expect(error.code).toBe("DeadlineExceeded")
    expect(events.map((e) => e.error.code)).toEqual(["DeadlineExceeded"])
  })

  it("lets one call override the deadline", async () => {
    const port = await probe({ queryGroupMessages: () => "never" })
    const { mls } = harness.client(port, { retry: NO_RETRY })
    const error = await failure(mls.queryGroupMessages(groupId, { direction: "ascending" }, { deadlineMs: 50 }))
    expect(error.code).toBe("DeadlineExceeded")
  })

  it("cancels a call in flight when the caller aborts, and when the client closes", async () => {
    const port = await probe({ queryGroupMessages: () => "never" })
    const client = harness.client(port, { retry: NO_RETRY })
    const controller = new AbortController()
    const aborted = failure(client.mls.queryGroupMessages(groupId, { direction: "ascending" }, { signal: controller.signal }))
    const closed = failure(client.mls.queryGroupMessages(groupId, { direction: "ascending" }))
    setImmediate(() => controller.abort())
    expect((await aborted).code).toBe("Cancelled")
    client.close()
    expect((await closed).code).toBe("ChannelClosed")
  })
})

describe("subscriptions that end", () => {
  it("report a clean end as StreamEnded after delivering what came before it", async () => {
    const port = await probe({
      subscribeGroupMessages: (_request, call) => {
        call.write(message(1))
        call.end()
      },
    })
    const subscription = harness.client(port).mls.subscribeGroupMessages([{ groupId, afterCursor: 0n }])
    expect((await take(subscription, 1)).map((m) => m.id)).toEqual([1n])
    const error = await failure(subscription.next())
    expect(error.code).toBe("StreamEnded")
  })

  it("resume from the last delivered id and drop what the node sends again", async () => {
    const requests: string[] = []
    let open: ServerWritableStream<MlsApiTypes.SubscribeGroupMessagesRequest, MlsApiTypes.GroupMessage> | undefined
    const port = await probe({
      subscribeGroupMessages: (request, call) => {
        requests.push(request.filters.map((f) => f.idCursor.toString()).join(","))
        if (requests.length === 1) {
          call.write(message(5))
          call.write(message(6))
          call.end()
        } else {
          call.write(message(6)) // already delivered
          call.write(message(7))
          open = call
        }
      },
    })
    const controller = new AbortController()
    const { mls } = harness.client(port)
    const stream = resumableGroupMessages(mls, [{ groupId, afterCursor: 4n }], { signal: controller.signal })
    expect((await take(stream, 3)).map((m) => m.id)).toEqual([5n, 6n, 7n])
    expect(requests).toEqual(["4", "6"])
    open?.write(message(8))
    expect((await take(stream, 1)).map((m) => m.id)).toEqual([8n])
    controller.abort()
    expect(await stream.next()).toEqual({ done: true, value: undefined })
  })
})

describe("answers that break the protocol", () => {
  it("refuses a page whose ids do not move past the cursor", async () => {
    const port = await probe({ queryGroupMessages: () => page([3, 2], 0) })
    const error = await failure(harness.client(port).mls.queryAllGroupMessages(groupId, { afterCursor: 1n }))
    expect(error.code).toBe("MalformedResponse")
  })

  it("refuses a next cursor that does not advance, rather than loop", async () => {
    const port = await probe({ queryGroupMessages: (request) => page([], Number(request.pagingInfo!.idCursor.toString())) })
    const error = await failure(harness.client(port).mls.queryAllGroupMessages(groupId, { afterCursor: 5n }))
    expect(error.code).toBe("MalformedResponse")
  })

  it("refuses a group message without a version", async () => {
    const port = await probe({ queryGroupMessages: () => ({ messages: [{}], pagingInfo: undefined }) })
    const error = await failure(harness.client(port).mls.queryGroupMessages(groupId, { direction: "ascending" }))
    expect(error.code).toBe("MalformedResponse")
  })

  it("refuses key packages that do not match the installations asked for", async () => {
    const port = await probe({ fetchKeyPackages: () => ({ keyPackages: [{ keyPackageTlsSerialized: new Uint8Array([1]) }] }) })
    const error = await failure(harness.client(port).mls.fetchKeyPackages([new Uint8Array([1]), new Uint8Array([2])]))
    expect(error.code).toBe("MalformedResponse")
  })
})
