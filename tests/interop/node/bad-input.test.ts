// Hostile and malformed requests against Parley's node over raw gRPC. Each must be refused with the
// status code xmtp-node-go gives (pkg/mls/api/v1/service.go, pkg/identity/api/v1/identity_service.go,
// pkg/mls/store/readStore.go) and a message that names the reason; and after each one, official SDK
// clients must still send and receive through the same node.
import { randomBytes } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Group } from "@xmtp/node-sdk"
import { createEoaSigner } from "../../../src/engine/identity/signers"
import { identityApi, Long, mlsApi, type IdentityApiTypes, type MlsApiTypes } from "../../../src/engine/proto/index"
import { MAX_RECEIVE_MESSAGE_BYTES } from "../../../src/server/limits"
import { conversationSeenBy, textsSeenBy } from "../support/conversationWaits"
import { pollUntil } from "../support/deadline"
import { createInboxUpdate, retargetedRegistration } from "../support/identityUpdates"
import { InteropHarness } from "../support/interopHarness"
import {
  emptyCodec,
  grpcFailureOf,
  identityMethod,
  mlsMethod,
  RawXmtpClient,
  statusName,
  streamHeaders,
} from "../support/rawGrpc"
import type { LabelledClient } from "../support/sdkClient"
import type { TestNode } from "../support/testNode"

const ASC = mlsApi.SortDirection.SORT_DIRECTION_ASCENDING
const DESC = mlsApi.SortDirection.SORT_DIRECTION_DESCENDING
/** Far beyond any id the node will hand out in this test. */
const FUTURE_ID = Long.fromString("4503599627370496", true)
/** Field 1 with wire type 7, which does not exist: no protobuf parser can read past it. */
const GARBAGE = Uint8Array.from([0x0f, 0xde, 0xad, 0xbe, 0xef])

describe("Parley's node refuses bad input and keeps serving", () => {
  let h: InteropHarness
  let node: TestNode
  let raw: RawXmtpClient
  let alice: LabelledClient
  let bob: LabelledClient
  let aliceGroup: Group
  let bobGroup: Group
  const sent: string[] = []

  const mls = {
    fetchKeyPackages: (installationKeys: Uint8Array[]) =>
      raw.unary(mlsMethod("FetchKeyPackages"), mlsApi.FetchKeyPackagesRequest, { installationKeys }, mlsApi.FetchKeyPackagesResponse),
    uploadKeyPackage: (keyPackageTlsSerialized: Uint8Array) =>
      raw.unary(
        mlsMethod("UploadKeyPackage"),
        mlsApi.UploadKeyPackageRequest,
        { keyPackage: { keyPackageTlsSerialized }, isInboxIdCredential: true },
        emptyCodec,
      ),
    queryGroupMessages: (groupId: Uint8Array, pagingInfo?: Partial<MlsApiTypes.PagingInfo>) =>
      raw.unary(
        mlsMethod("QueryGroupMessages"),
        mlsApi.QueryGroupMessagesRequest,
        mlsApi.QueryGroupMessagesRequest.fromPartial({ groupId, pagingInfo }),
        mlsApi.QueryGroupMessagesResponse,
      ),
    queryWelcomeMessages: (installationKey: Uint8Array, pagingInfo?: Partial<MlsApiTypes.PagingInfo>) =>
      raw.unary(
        mlsMethod("QueryWelcomeMessages"),
        mlsApi.QueryWelcomeMessagesRequest,
        mlsApi.QueryWelcomeMessagesRequest.fromPartial({ installationKey, pagingInfo }),
        mlsApi.QueryWelcomeMessagesResponse,
      ),
    sendGroupMessage: (data: Uint8Array) =>
      raw.unary(
        mlsMethod("SendGroupMessages"),
        mlsApi.SendGroupMessagesRequest,
        { messages: [{ v1: { data, senderHmac: new Uint8Array(), shouldPush: true } }] },
        emptyCodec,
      ),
  }
  const identity = {
    getIdentityUpdates: (requests: IdentityApiTypes.GetIdentityUpdatesRequest_Request[]) =>
      raw.unary(
        identityMethod("GetIdentityUpdates"),
        identityApi.GetIdentityUpdatesRequest,
        { requests },
        identityApi.GetIdentityUpdatesResponse,
      ),
    publish: (identityUpdate: IdentityApiTypes.PublishIdentityUpdateRequest["identityUpdate"]) =>
      raw.unary(
        identityMethod("PublishIdentityUpdate"),
        identityApi.PublishIdentityUpdateRequest,
        { identityUpdate },
        identityApi.PublishIdentityUpdateResponse,
      ),
    inboxIdOf: async (address: string) => {
      const response = await raw.unary(
        identityMethod("GetInboxIds"),
        identityApi.GetInboxIdsRequest,
        identityApi.GetInboxIdsRequest.fromPartial({ requests: [{ identifier: address, identifierKind: 1 }] }),
        identityApi.GetInboxIdsResponse,
      )
      return response.responses[0]?.inboxId
    },
  }
  const updatesOf = async (inboxId: string, sequenceId = Long.UZERO) => {
    const response = await identity.getIdentityUpdates([{ inboxId, sequenceId }])
    expect(response.responses.map((r) => r.inboxId)).toEqual([inboxId])
    return response.responses[0]!.updates
  }

  /** An SDK client sends and the other receives exactly that text: the node still serves. */
  const expectStillServes = async (after: string) => {
    const text = `still serving after ${after}`
    await aliceGroup.sendText(text)
    sent.push(`alice: ${text}`)
    expect((await textsSeenBy(bob, bobGroup, sent, h.labelOf)).at(-1)).toBe(`alice: ${text}`)
  }

  beforeAll(async () => {
    h = await InteropHarness.create("bad-input")
    node = await h.startNode()
    raw = h.own(new RawXmtpClient(node.address))
    ;[alice, bob] = await Promise.all([h.createClient(node, { label: "alice" }), h.createClient(node, { label: "bob" })])
    aliceGroup = await alice.client.conversations.createGroup([bob.client.inboxId])
    bobGroup = (await conversationSeenBy(bob, aliceGroup.id)) as Group
    await expectStillServes("setup")
  })

  afterAll(async () => {
    await h?.close()
  })

  it("answers a truncated request with INTERNAL, as grpc-go does for an unparseable message", async () => {
    const whole = mlsApi.FetchKeyPackagesRequest.encode({ installationKeys: [alice.client.installationIdBytes] }).finish()
    const failure = await grpcFailureOf(raw.unaryBytes(mlsMethod("FetchKeyPackages"), whole.subarray(0, 10)))
    expect(statusName(failure.code)).toBe("INTERNAL")
    expect(failure.details).toMatch(/unmarshal|deserializ|pars|decod/i)
    await expectStillServes("a truncated request")
  })

  it("answers garbage bytes with INTERNAL on both services", async () => {
    for (const method of [mlsMethod("SendGroupMessages"), identityMethod("PublishIdentityUpdate")]) {
      const failure = await grpcFailureOf(raw.unaryBytes(method, GARBAGE))
      expect({ method, code: statusName(failure.code) }).toEqual({ method, code: "INTERNAL" })
      expect(failure.details).toMatch(/unmarshal|deserializ|pars|decod/i)
    }
    await expectStillServes("garbage requests")
  })

  it("refuses a group message whose payload is not an MLS message (INVALID_ARGUMENT)", async () => {
    const failure = await grpcFailureOf(mls.sendGroupMessage(new Uint8Array(randomBytes(200))))
    expect(statusName(failure.code)).toBe("INVALID_ARGUMENT")
    expect(failure.details).toMatch(/invalid group message/i)
    const empty = await grpcFailureOf(
      raw.unary(mlsMethod("SendGroupMessages"), mlsApi.SendGroupMessagesRequest, { messages: [] }, emptyCodec),
    )
    expect(statusName(empty.code)).toBe("INVALID_ARGUMENT")
    expect(empty.details).toMatch(/no group messages/i)
    await expectStillServes("a non-MLS group message")
  })

  it("refuses empty and malformed batches with node-go's INVALID_ARGUMENT reasons", async () => {
    const key = new Uint8Array(randomBytes(32))
    const cases: { method: string; request: Uint8Array; reason: RegExp }[] = [
      {
        method: mlsMethod("SendWelcomeMessages"),
        request: mlsApi.SendWelcomeMessagesRequest.encode({ messages: [] }).finish(),
        reason: /no welcome messages to send/,
      },
      {
        // A v1 welcome without its HPKE public key (and not symmetric-key wrapped).
        method: mlsMethod("SendWelcomeMessages"),
        request: mlsApi.SendWelcomeMessagesRequest.encode(
          mlsApi.SendWelcomeMessagesRequest.fromPartial({ messages: [{ v1: { installationKey: key, data: key } }] }),
        ).finish(),
        reason: /invalid welcome message/,
      },
      {
        method: mlsMethod("GetNewestGroupMessage"),
        request: mlsApi.GetNewestGroupMessageRequest.encode({ groupIds: [], includeContent: true }).finish(),
        reason: /no group ids provided/,
      },
      {
        method: mlsMethod("BatchPublishCommitLog"),
        request: mlsApi.BatchPublishCommitLogRequest.encode({
          requests: Array.from({ length: 11 }, () => ({ groupId: key, serializedCommitLogEntry: key, signature: undefined })),
        }).finish(),
        reason: /cannot exceed 10 inserts/,
      },
      {
        method: mlsMethod("BatchQueryCommitLog"),
        request: mlsApi.BatchQueryCommitLogRequest.encode({ requests: [] }).finish(),
        reason: /no requests to query/,
      },
    ]
    for (const { method, request, reason } of cases) {
      const failure = await grpcFailureOf(raw.unaryBytes(method, request))
      expect({ method, code: statusName(failure.code), details: failure.details }).toEqual({
        method,
        code: "INVALID_ARGUMENT",
        details: expect.stringMatching(reason),
      })
    }

    const welcomeStream = raw.serverStreamBytes(
      mlsMethod("SubscribeWelcomeMessages"),
      mlsApi.SubscribeWelcomeMessagesRequest.encode({ filters: [] }).finish(),
    )
    const streamFailure = await grpcFailureOf(
      new Promise((resolve, reject) => {
        welcomeStream.on("error", reject)
        welcomeStream.on("end", resolve)
        welcomeStream.on("data", () => undefined)
      }),
    )
    expect(statusName(streamFailure.code)).toBe("INVALID_ARGUMENT")
    expect(streamFailure.details).toMatch(/no valid filters provided/)
    await expectStillServes("malformed batches")
  })

  it("refuses a real key package with one signature byte flipped, and keeps the genuine one", async () => {
    const installationKey = alice.client.installationIdBytes
    const [genuine] = (await mls.fetchKeyPackages([installationKey])).keyPackages
    expect(genuine?.keyPackageTlsSerialized.length).toBeGreaterThan(1000)
    const forged = Uint8Array.from(genuine!.keyPackageTlsSerialized)
    // A KeyPackage ends with its signature (RFC 9420 §10): the last byte is a signature byte.
    forged[forged.length - 1]! ^= 0x01

    const failure = await grpcFailureOf(mls.uploadKeyPackage(forged))
    expect(statusName(failure.code)).toBe("INVALID_ARGUMENT")
    expect(failure.details).toMatch(/invalid identity/i)
    expect(failure.details).toMatch(/signature/i)

    const [after] = (await mls.fetchKeyPackages([installationKey])).keyPackages
    expect(Buffer.from(after!.keyPackageTlsSerialized).equals(Buffer.from(genuine!.keyPackageTlsSerialized))).toBe(true)
    // The unaltered bytes are still accepted: the refusal was the flipped byte, nothing else.
    await mls.uploadKeyPackage(genuine!.keyPackageTlsSerialized)

    const garbage = await grpcFailureOf(mls.uploadKeyPackage(new Uint8Array(randomBytes(300))))
    expect(statusName(garbage.code)).toBe("INVALID_ARGUMENT")
    expect(garbage.details).toMatch(/invalid identity/i)
    await expectStillServes("a forged key package")
  })

  it("refuses the SDK's real registration replayed or moved to another inbox, leaving the log as it was", async () => {
    const log = await updatesOf(alice.client.inboxId)
    expect(log).toHaveLength(1)
    const registration = log[0]!.update!
    expect(registration.actions.find((a) => a.createInbox)?.createInbox?.initialIdentifier).toBe(alice.signer.address)

    const replayed = await grpcFailureOf(identity.publish(registration))
    expect(statusName(replayed.code)).toBe("INVALID_ARGUMENT")
    expect(replayed.details).toMatch(/already exists|cannot be created again/i)

    const moved = retargetedRegistration(registration, 2n)
    const forged = await grpcFailureOf(identity.publish(moved))
    expect(statusName(forged.code)).toBe("INVALID_ARGUMENT")
    expect(forged.details).toMatch(/signature/i)

    expect(await updatesOf(moved.inboxId)).toEqual([])
    expect((await updatesOf(alice.client.inboxId)).map((u) => u.sequenceId.toString())).toEqual([log[0]!.sequenceId.toString()])
    expect(await identity.inboxIdOf(alice.signer.address)).toBe(alice.client.inboxId)
    await expectStillServes("a replayed and an altered identity update")
  })

  it("refuses an inbox registration signed by the wrong wallet, and accepts the same one signed right", async () => {
    const owner = createEoaSigner()
    const mallory = createEoaSigner()
    const clientTimestampNs = BigInt(Date.now()) * 1_000_000n

    const forged = createInboxUpdate(owner.address, mallory.privateKey, { clientTimestampNs })
    const failure = await grpcFailureOf(identity.publish(forged))
    expect(statusName(failure.code)).toBe("INVALID_ARGUMENT")
    expect(failure.details).toMatch(/signature/i)
    expect(failure.details).toContain(mallory.address)
    expect(await updatesOf(forged.inboxId)).toEqual([])
    expect(await identity.inboxIdOf(owner.address)).toBeUndefined()

    const genuine = createInboxUpdate(owner.address, owner.privateKey, { clientTimestampNs })
    expect(genuine.inboxId).toBe(forged.inboxId)
    await identity.publish(genuine)
    const stored = await updatesOf(genuine.inboxId)
    expect(stored.map((u) => u.update?.actions[0]?.createInbox?.initialIdentifier)).toEqual([owner.address])
    expect(await identity.inboxIdOf(owner.address)).toBe(genuine.inboxId)
    await expectStillServes("a registration signed by the wrong wallet")
  })

  it("refuses a request over the 50 MiB limit with RESOURCE_EXHAUSTED", async () => {
    const oversized = new Uint8Array(MAX_RECEIVE_MESSAGE_BYTES + 1024)
    const failure = await grpcFailureOf(mls.sendGroupMessage(oversized))
    expect(statusName(failure.code)).toBe("RESOURCE_EXHAUSTED")
    expect(failure.details).toMatch(/larger than max/i)
    await expectStillServes("an oversized request")
  })

  it("answers unknown groups, installations and inboxes with empty results, not errors", async () => {
    const unknownGroup = new Uint8Array(randomBytes(16))
    const groupPage = await mls.queryGroupMessages(unknownGroup)
    expect(groupPage.messages).toEqual([])
    expect(groupPage.pagingInfo?.idCursor.toString()).toBe("0")

    const welcomes = await mls.queryWelcomeMessages(new Uint8Array(randomBytes(32)))
    expect(welcomes.messages).toEqual([])

    const unknownInstallation = new Uint8Array(randomBytes(32))
    const packages = (await mls.fetchKeyPackages([unknownInstallation, alice.client.installationIdBytes])).keyPackages
    expect(packages).toHaveLength(2)
    expect(packages[0]?.keyPackageTlsSerialized ?? new Uint8Array()).toHaveLength(0)
    expect(packages[1]?.keyPackageTlsSerialized.length).toBeGreaterThan(1000)

    expect(await updatesOf("ab".repeat(32))).toEqual([])

    // node-go's store answers an empty group id with a plain error, which grpc-go sends as UNKNOWN.
    const noGroup = await grpcFailureOf(mls.queryGroupMessages(new Uint8Array()))
    expect(statusName(noGroup.code)).toBe("UNKNOWN")
    expect(noGroup.details).toMatch(/group is required/i)
    await expectStillServes("queries for unknown topics")
  })

  it("streams only the known group's messages to a subscription that also names an unknown group", async () => {
    const groupId = Buffer.from(aliceGroup.id, "hex")
    const request = mlsApi.SubscribeGroupMessagesRequest.encode({
      filters: [
        { groupId: new Uint8Array(randomBytes(16)), idCursor: Long.UZERO },
        { groupId, idCursor: Long.UZERO },
      ],
    }).finish()
    const call = raw.serverStreamBytes(mlsMethod("SubscribeGroupMessages"), request)
    h.own({ close: () => call.cancel() })
    const received: MlsApiTypes.GroupMessage[] = []
    call.on("data", (bytes: Uint8Array) => received.push(mlsApi.GroupMessage.decode(bytes)))
    call.on("error", () => undefined)

    const history = await mls.queryGroupMessages(groupId, { direction: ASC })
    await expectStillServes("subscribing to an unknown group")
    const expectedCount = history.messages.length + 1
    await pollUntil("the subscription to deliver the group's history and the new message", () => received.length >= expectedCount)
    expect(received.every((m) => Buffer.from(m.v1!.groupId).equals(groupId))).toBe(true)
    const ids = received.map((m) => m.v1!.id.toNumber())
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    expect(ids.slice(0, history.messages.length)).toEqual(history.messages.map((m) => m.v1!.id.toNumber()))
    call.cancel()
  })

  it("treats a cursor from the future as past everything: nothing newer, everything older", async () => {
    const groupId = Buffer.from(aliceGroup.id, "hex")
    const newer = await mls.queryGroupMessages(groupId, { direction: ASC, idCursor: FUTURE_ID })
    expect(newer.messages).toEqual([])
    expect(newer.pagingInfo?.idCursor.toString()).toBe("0")

    const newestFirst = await mls.queryGroupMessages(groupId, { direction: DESC })
    const older = await mls.queryGroupMessages(groupId, { direction: DESC, idCursor: FUTURE_ID })
    expect(newestFirst.messages.length).toBeGreaterThan(0)
    expect(older.messages.map((m) => m.v1!.id.toString())).toEqual(newestFirst.messages.map((m) => m.v1!.id.toString()))

    const welcomes = await mls.queryWelcomeMessages(bob.client.installationIdBytes, { direction: ASC, idCursor: FUTURE_ID })
    expect(welcomes.messages).toEqual([])
    expect(await updatesOf(alice.client.inboxId, FUTURE_ID)).toEqual([])
    await expectStillServes("queries with a cursor from the future")
  })

  it("replays nothing to a subscription whose cursor is from the future, yet streams new messages", async () => {
    // node-go's subscription keeps its high-water mark from what it sent, not from the cursor, so a
    // message published after subscribing is delivered whatever the cursor said.
    const groupId = Buffer.from(aliceGroup.id, "hex")
    const request = mlsApi.SubscribeGroupMessagesRequest.encode({ filters: [{ groupId, idCursor: FUTURE_ID }] }).finish()
    const call = raw.serverStreamBytes(mlsMethod("SubscribeGroupMessages"), request)
    h.own({ close: () => call.cancel() })
    const received: MlsApiTypes.GroupMessage[] = []
    call.on("data", (bytes: Uint8Array) => received.push(mlsApi.GroupMessage.decode(bytes)))
    call.on("error", () => undefined)
    expect((await streamHeaders(call)).get("subscribed")).toEqual(["true"])

    await expectStillServes("subscribing with a cursor from the future")
    await pollUntil("the future-cursor subscription to deliver the new message", () => received.length > 0)
    const [newest] = (await mls.queryGroupMessages(groupId, { direction: DESC, limit: 1 })).messages
    expect(received.map((m) => m.v1!.id.toString())).toEqual([newest!.v1!.id.toString()])
    expect(Buffer.from(received[0]!.v1!.data).equals(Buffer.from(newest!.v1!.data))).toBe(true)
    call.cancel()
  })
})
