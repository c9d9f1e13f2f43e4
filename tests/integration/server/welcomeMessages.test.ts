// SendWelcomeMessages / QueryWelcomeMessages: v1 welcomes and welcome pointers per installation,
// node-go's envelope checks and wrapper-algorithm mapping, and the same paging rules as groups.
import { status } from "@grpc/grpc-js"
import { describe, expect, it } from "vitest"
import { mlsApi, welcomePointer, wrapperEncryption } from "../../../src/engine/proto/index"
import { empty, ids, type Api } from "./support/api"
import { BACKENDS } from "./support/databases"
import { randomId } from "./support/fixtures"
import { MLS } from "./support/rawClient"
import { SuiteNode } from "./support/suiteNode"

const { WelcomeWrapperAlgorithm: W } = wrapperEncryption
const { WelcomePointerWrapperAlgorithm: P } = welcomePointer
const ASC = mlsApi.SortDirection.SORT_DIRECTION_ASCENDING

const suite = new SuiteNode()
const node = suite.api

const v1 = (installationKey: Uint8Array, wrapperAlgorithm = W.WELCOME_WRAPPER_ALGORITHM_XWING_MLKEM_768_DRAFT_6) => ({
  v1: { installationKey, data: randomId(64), hpkePublicKey: randomId(32), wrapperAlgorithm, welcomeMetadata: randomId(18) },
})

describe.each(BACKENDS)("SendWelcomeMessages on %s", (backend) => {
  suite.on(backend)

  it("stores v1 welcomes and pointers per installation and returns them as sent", async () => {
    const installation = randomId()
    const welcome = v1(installation)
    const pointer = {
      welcomePointer: {
        installationKey: installation,
        welcomePointer: randomId(48),
        hpkePublicKey: randomId(32),
        wrapperAlgorithm: P.WELCOME_POINTER_WRAPPER_ALGORITHM_XWING_MLKEM_768_DRAFT_6,
      },
    }
    await node.sendWelcomeMessages([welcome, pointer, v1(randomId())])
    const { messages } = await node.queryWelcomeMessages(installation, { direction: ASC })
    expect(messages).toHaveLength(2)
    const [first, second] = messages
    expect(Buffer.from(first?.v1?.data ?? [])).toEqual(Buffer.from(welcome.v1.data))
    expect(Buffer.from(first?.v1?.hpkePublicKey ?? [])).toEqual(Buffer.from(welcome.v1.hpkePublicKey))
    expect(Buffer.from(first?.v1?.welcomeMetadata ?? [])).toEqual(Buffer.from(welcome.v1.welcomeMetadata))
    expect(first?.v1?.wrapperAlgorithm).toBe(W.WELCOME_WRAPPER_ALGORITHM_XWING_MLKEM_768_DRAFT_6)
    expect(Buffer.from(second?.welcomePointer?.welcomePointer ?? [])).toEqual(Buffer.from(pointer.welcomePointer.welcomePointer))
    expect(second?.welcomePointer?.wrapperAlgorithm).toBe(P.WELCOME_POINTER_WRAPPER_ALGORITHM_XWING_MLKEM_768_DRAFT_6)
    expect(ids(messages)[1]).toBeGreaterThan(ids(messages)[0] ?? Infinity)
  })

  it("stores an unspecified algorithm as Curve25519, and a symmetric-key welcome without an HPKE key", async () => {
    const installation = randomId()
    await node.sendWelcomeMessages([
      v1(installation, W.WELCOME_WRAPPER_ALGORITHM_UNSPECIFIED),
      { v1: { installationKey: installation, data: randomId(64), wrapperAlgorithm: W.WELCOME_WRAPPER_ALGORITHM_SYMMETRIC_KEY } },
    ])
    const { messages } = await node.queryWelcomeMessages(installation, { direction: ASC })
    expect(messages.map((m) => m.v1?.wrapperAlgorithm)).toEqual([
      W.WELCOME_WRAPPER_ALGORITHM_CURVE25519,
      W.WELCOME_WRAPPER_ALGORITHM_SYMMETRIC_KEY,
    ])
  })

  it("stores an exact repeat once", async () => {
    const installation = randomId()
    const welcome = v1(installation)
    await node.sendWelcomeMessages([welcome])
    await node.sendWelcomeMessages([welcome, welcome])
    expect((await node.queryWelcomeMessages(installation)).messages).toHaveLength(1)
  })

  it("answers INVALID_ARGUMENT without welcomes", async () => {
    const error = await suite.client.failure(`${MLS}SendWelcomeMessages`, mlsApi.SendWelcomeMessagesRequest, empty, {
      message: { messages: [] },
    })
    expect(error.code).toBe(status.INVALID_ARGUMENT)
    expect(error.details).toBe("no welcome messages to send")
  })

  type Input = Parameters<Api["sendWelcomeMessages"]>[0][number]
  it.each<[string, (installation: Uint8Array) => Input, string]>([
    ["a welcome with neither version", () => ({}), "invalid welcome message: missing version"],
    ["a v1 without data", (key) => ({ v1: { installationKey: key, hpkePublicKey: randomId() } }), "invalid welcome message"],
    ["a v1 without installation", () => ({ v1: { data: randomId(), hpkePublicKey: randomId() } }), "invalid welcome message"],
    ["a v1 without HPKE key", (key) => ({ v1: { installationKey: key, data: randomId() } }), "invalid welcome message"],
    [
      "a pointer without HPKE key",
      (key) => ({ welcomePointer: { installationKey: key, welcomePointer: randomId(), wrapperAlgorithm: 2 } }),
      "invalid welcome pointer message",
    ],
    [
      "a pointer with an unspecified algorithm",
      (key) => ({ welcomePointer: { installationKey: key, welcomePointer: randomId(), hpkePublicKey: randomId() } }),
      "invalid welcome pointer wrapper algorithm: invalid welcome pointer wrapper algorithm WELCOME_POINTER_WRAPPER_ALGORITHM_UNSPECIFIED",
    ],
  ])("answers INVALID_ARGUMENT for %s and stores none of the batch", async (_name, invalid, details) => {
    const installation = randomId()
    const error = await suite.client.failure(`${MLS}SendWelcomeMessages`, mlsApi.SendWelcomeMessagesRequest, empty, {
      message: mlsApi.SendWelcomeMessagesRequest.fromPartial({ messages: [v1(installation), invalid(installation)] }),
    })
    expect(error.code).toBe(status.INVALID_ARGUMENT)
    expect(error.details).toBe(details)
    expect((await node.queryWelcomeMessages(installation)).messages).toHaveLength(0)
  })
})

describe.each(BACKENDS)("QueryWelcomeMessages paging on %s", (backend) => {
  suite.on(backend)

  it("defaults to newest first with 100 per page and a cursor only for a full page", async () => {
    const installation = randomId()
    for (let i = 0; i < 21; i++) await node.sendWelcomeMessages(Array.from({ length: 5 }, () => v1(installation)))
    const first = await node.queryWelcomeMessages(installation)
    expect(first.messages).toHaveLength(100)
    expect(first.pagingInfo?.limit).toBe(100)
    expect(first.pagingInfo?.direction).toBe(mlsApi.SortDirection.SORT_DIRECTION_DESCENDING)
    expect(first.pagingInfo?.idCursor.toNumber()).toBe(ids(first.messages).at(-1))
    const rest = await node.queryWelcomeMessages(installation, { idCursor: first.pagingInfo?.idCursor })
    expect(rest.messages).toHaveLength(5)
    expect(rest.pagingInfo?.idCursor.toNumber()).toBe(0)

    const ascending = await node.queryWelcomeMessages(installation, { direction: ASC, limit: 50 })
    const asc = ids(ascending.messages)
    expect(asc).toEqual([...asc].sort((a, b) => a - b))
    expect(ascending.pagingInfo?.idCursor.toNumber()).toBe(asc.at(-1))
  })

  it("answers UNKNOWN 'installation is required' for an empty installation key", async () => {
    const error = await suite.client.failure(
      `${MLS}QueryWelcomeMessages`,
      mlsApi.QueryWelcomeMessagesRequest,
      mlsApi.QueryWelcomeMessagesResponse,
      { message: mlsApi.QueryWelcomeMessagesRequest.fromPartial({}) },
    )
    expect(error.code).toBe(status.UNKNOWN)
    expect(error.details).toBe("installation is required")
  })
})
