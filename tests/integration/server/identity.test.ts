// The identity API: per-inbox logs ordered by sequence id, validation against the whole history
// with one update at a time per inbox, the address -> inbox mapping (latest association wins,
// revocation removes), node-go's 256-entry limit, and the statuses of refused updates.
import { status } from "@grpc/grpc-js"
import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import { identityApi } from "../../../src/engine/proto/index"
import type { AssociationTypes } from "../../../src/engine/proto/index"
import { defaultValidators } from "../../../src/server/validators"
import { BACKENDS } from "./support/databases"
import { randomId, recordingValidators } from "./support/fixtures"
import { IDENTITY } from "./support/rawClient"
import { SuiteNode } from "./support/suiteNode"

const { validators, historyLengthsSeen } = recordingValidators()
const suite = new SuiteNode(validators)
const node = suite.api

const newInboxId = (): string => createHash("sha256").update(randomId()).digest("hex")
const newAddress = (): string => `0x${Buffer.from(randomId(20)).toString("hex")}`

const create = (address: string) => ({ createInbox: { initialIdentifier: address, initialIdentifierKind: 1, nonce: 1 } })
const addInstallation = () => ({ add: { newMemberIdentifier: { installationPublicKey: randomId() } } })
const addAddress = (address: string) => ({ add: { newMemberIdentifier: { ethereumAddress: address } } })
const revokeAddress = (address: string) => ({ revoke: { memberToRevoke: { ethereumAddress: address } } })

async function publish(inboxId: string, ...actions: AssociationTypes.IdentityAction[] | object[]) {
  return node.publishIdentityUpdate({ inboxId, clientTimestampNs: Date.now() * 1e6, actions })
}

async function resolve(address: string): Promise<string | undefined> {
  return (await node.getInboxIds([address])).responses[0]?.inboxId
}

describe.each(BACKENDS)("PublishIdentityUpdate and GetIdentityUpdates on %s", (backend) => {
  suite.on(backend)

  it("returns an inbox's updates in sequence order, after the sequence id asked for", async () => {
    const inboxId = newInboxId()
    await publish(inboxId, create(newAddress()), addInstallation())
    await publish(inboxId, addInstallation())
    await publish(inboxId, addInstallation())

    const [all] = (await node.getIdentityUpdates([{ inboxId, sequenceId: 0 }])).responses
    expect(all?.inboxId).toBe(inboxId)
    const sequenceIds = all?.updates.map((u) => u.sequenceId.toNumber()) ?? []
    expect(sequenceIds).toHaveLength(3)
    expect(sequenceIds).toEqual([...sequenceIds].sort((a, b) => a - b))
    expect(all?.updates[0]?.update?.actions).toHaveLength(2)
    expect(all?.updates[0]?.update?.inboxId).toBe(inboxId)
    expect(all?.updates[0]?.serverTimestampNs.isZero()).toBe(false)

    const [later] = (await node.getIdentityUpdates([{ inboxId, sequenceId: sequenceIds[0] }])).responses
    expect(later?.updates.map((u) => u.sequenceId.toNumber())).toEqual(sequenceIds.slice(1))
  })

  it("answers several inboxes in request order, with an empty log for an unknown inbox", async () => {
    const a = newInboxId()
    const b = newInboxId()
    await publish(a, create(newAddress()))
    await publish(b, create(newAddress()))
    const responses = (await node.getIdentityUpdates([{ inboxId: b }, { inboxId: newInboxId() }, { inboxId: a }])).responses
    expect(responses.map((r) => r.updates.length)).toEqual([1, 0, 1])
    expect(responses[0]?.inboxId).toBe(b)
    expect(responses[2]?.inboxId).toBe(a)
  })

  it("decides concurrent updates to one inbox one at a time, each against the full history", async () => {
    const inboxId = newInboxId()
    await publish(inboxId, create(newAddress()))
    historyLengthsSeen.length = 0
    await Promise.all(Array.from({ length: 10 }, () => publish(inboxId, addInstallation())))
    expect([...historyLengthsSeen].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    const [log] = (await node.getIdentityUpdates([{ inboxId }])).responses
    expect(log?.updates).toHaveLength(11)
  })

  it("answers INVALID_ARGUMENT when the validator refuses, and stores nothing", async () => {
    const inboxId = newInboxId()
    const error = await suite.client.failure(
      `${IDENTITY}PublishIdentityUpdate`,
      identityApi.PublishIdentityUpdateRequest,
      identityApi.PublishIdentityUpdateResponse,
      { message: identityApi.PublishIdentityUpdateRequest.fromPartial({ identityUpdate: { inboxId, actions: [addInstallation()] } }) },
    )
    expect(error.code).toBe(status.INVALID_ARGUMENT)
    expect(error.details).toMatch(/^invalid identity update: .*\[NotCreated\]$/)
    expect((await node.getIdentityUpdates([{ inboxId }])).responses[0]?.updates).toHaveLength(0)
  })

  it("answers UNKNOWN, as node-go does, for a missing update and for an inbox id that is not hex", async () => {
    const call = (request: object) =>
      suite.client.failure(
        `${IDENTITY}PublishIdentityUpdate`,
        identityApi.PublishIdentityUpdateRequest,
        identityApi.PublishIdentityUpdateResponse,
        { message: identityApi.PublishIdentityUpdateRequest.fromPartial(request) },
      )
    const missing = await call({})
    expect(missing.code).toBe(status.UNKNOWN)
    expect(missing.details).toBe("IdentityUpdate is required")
    const notHex = await call({ identityUpdate: { inboxId: "not-hex", actions: [create(newAddress())] } })
    expect(notHex.code).toBe(status.UNKNOWN)
    const query = await suite.client.failure(
      `${IDENTITY}GetIdentityUpdates`,
      identityApi.GetIdentityUpdatesRequest,
      identityApi.GetIdentityUpdatesResponse,
      { message: identityApi.GetIdentityUpdatesRequest.fromPartial({ requests: [{ inboxId: "abc" }] }) },
    )
    expect(query.code).toBe(status.UNKNOWN)
  })

  it("refuses the 257th update of an inbox", async () => {
    const inboxId = newInboxId()
    await publish(inboxId, create(newAddress()))
    for (let i = 1; i < 256; i++) await publish(inboxId, addInstallation())
    const error = await suite.client.failure(
      `${IDENTITY}PublishIdentityUpdate`,
      identityApi.PublishIdentityUpdateRequest,
      identityApi.PublishIdentityUpdateResponse,
      { message: identityApi.PublishIdentityUpdateRequest.fromPartial({ identityUpdate: { inboxId, actions: [addInstallation()] } }) },
    )
    expect(error.code).toBe(status.UNKNOWN)
    expect(error.details).toBe("inbox log is full")
    expect((await node.getIdentityUpdates([{ inboxId }])).responses[0]?.updates).toHaveLength(256)
  })
})

describe.each(BACKENDS)("GetInboxIds on %s", (backend) => {
  suite.on(backend)

  it("resolves an address to its inbox, and nothing for an unknown address", async () => {
    const inboxId = newInboxId()
    const address = newAddress()
    await publish(inboxId, create(address))
    const unknown = newAddress()
    const { responses } = await node.getInboxIds([address, unknown])
    expect(responses.map((r) => [r.identifier, r.inboxId])).toEqual([
      [address, inboxId],
      [unknown, undefined],
    ])
  })

  it("follows the latest association, and falls back when it is revoked", async () => {
    const first = newInboxId()
    const second = newInboxId()
    const address = newAddress()
    await publish(first, create(address))
    await publish(second, create(newAddress()))
    await publish(second, addAddress(address))
    expect(await resolve(address)).toBe(second)

    await publish(second, revokeAddress(address))
    expect(await resolve(address)).toBe(first)
    await publish(first, revokeAddress(address))
    expect(await resolve(address)).toBeUndefined()

    await publish(first, addAddress(address))
    expect(await resolve(address)).toBe(first)
  })

  it("records Ethereum addresses only", async () => {
    const inboxId = newInboxId()
    const installation = randomId()
    await publish(inboxId, create(newAddress()), { add: { newMemberIdentifier: { installationPublicKey: installation } } })
    expect(await resolve(Buffer.from(installation).toString("hex"))).toBeUndefined()
  })
})

describe("with the engine's validators", () => {
  const real = new SuiteNode(defaultValidators)
  real.on("sqlite")

  it("refuses an update whose signatures do not verify", async () => {
    const inboxId = newInboxId()
    const error = await real.client.failure(
      `${IDENTITY}PublishIdentityUpdate`,
      identityApi.PublishIdentityUpdateRequest,
      identityApi.PublishIdentityUpdateResponse,
      {
        message: identityApi.PublishIdentityUpdateRequest.fromPartial({
          identityUpdate: {
            inboxId,
            clientTimestampNs: Date.now() * 1e6,
            actions: [{ createInbox: { initialIdentifier: newAddress(), nonce: 1, initialIdentifierKind: 1, initialIdentifierSignature: { erc191: { bytes: randomId(65) } } } }],
          },
        }),
      },
    )
    expect(error.code).toBe(status.INVALID_ARGUMENT)
    expect(error.details).toMatch(/^invalid identity update: /)
    expect((await real.api.getIdentityUpdates([{ inboxId }])).responses[0]?.updates).toHaveLength(0)
  })
})
