// Bad input gets the status grpc-go / node-go would give it, and the node keeps serving:
// undecodable and truncated protobufs, oversized messages, malformed Empty requests, cursors
// beyond int64.
import { status } from "@grpc/grpc-js"
import { afterEach, beforeAll, describe, expect, it } from "vitest"
import { mlsApi } from "../../../src/engine/proto/index"
import { empty, ids } from "./support/api"
import { BACKENDS } from "./support/databases"
import { privateMessage, randomId } from "./support/fixtures"
import { MIGRATION, MLS } from "./support/rawClient"
import { SuiteNode } from "./support/suiteNode"

const suite = new SuiteNode()
const node = suite.api
const groupId = randomId()

const sendRaw = (raw: Uint8Array) => suite.client.failure(`${MLS}SendGroupMessages`, mlsApi.SendGroupMessagesRequest, empty, { raw })

describe.each(BACKENDS)("on %s", (backend) => {
  suite.on(backend)
  beforeAll(async () => {
    await node.sendGroupData(privateMessage(groupId))
  })
  afterEach(async () => {
    // Whatever the test sent, the node still answers.
    expect((await node.queryGroupMessages(groupId)).messages.length).toBeGreaterThan(0)
  })

  describe("malformed requests", () => {
    it("answers INTERNAL for bytes that do not decode, as grpc-go does", async () => {
      for (const raw of [Uint8Array.from([0x0a, 0x05, 0x01]), Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), Uint8Array.from([0x0f])]) {
        const error = await sendRaw(raw)
        expect(error.code).toBe(status.INTERNAL)
      }
    })

    it("answers INTERNAL for a malformed Empty request", async () => {
      const error = await suite.client.failure(`${MIGRATION}FetchD14nCutover`, empty, empty, { raw: Uint8Array.from([0x0a, 0x09]) })
      expect(error.code).toBe(status.INTERNAL)
    })

    it("answers INVALID_ARGUMENT for well-formed protobuf holding a truncated MLS message", async () => {
      const truncated = privateMessage(groupId).subarray(0, 20)
      const error = await suite.client.failure(`${MLS}SendGroupMessages`, mlsApi.SendGroupMessagesRequest, empty, {
        message: mlsApi.SendGroupMessagesRequest.fromPartial({ messages: [{ v1: { data: truncated } }] }),
      })
      expect(error.code).toBe(status.INVALID_ARGUMENT)
    })
  })

  describe("message size", () => {
    it("accepts a request above grpc-js's 4 MiB default", async () => {
      const installationKey = randomId()
      await node.sendWelcomeMessages([{ v1: { installationKey, data: randomId(6 * 1024 * 1024), hpkePublicKey: randomId() } }])
      expect((await node.queryWelcomeMessages(installationKey)).messages[0]?.v1?.data).toHaveLength(6 * 1024 * 1024)
    })

    it("answers RESOURCE_EXHAUSTED above node-go's 50 MiB limit", async () => {
      const error = await sendRaw(new Uint8Array(50 * 1024 * 1024 + 1))
      expect(error.code).toBe(status.RESOURCE_EXHAUSTED)
    })
  })

  describe("cursors", () => {
    it("reads a cursor above 2^63 - 1 as int64, like node-go: negative, so no cursor", async () => {
      const all = ids((await node.queryGroupMessages(groupId, { direction: 1 })).messages)
      const page = await node.queryGroupMessages(groupId, { direction: 1, idCursor: "18446744073709551615" })
      expect(ids(page.messages)).toEqual(all)
    })
  })
})
