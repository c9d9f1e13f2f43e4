// The remaining RPCs through a real node. One key package is made by the engine and checked by the
// node for real. For the rest (many key packages, identity updates), this file's node gets
// permissive key-package and identity-update validators (injected via startNode's `validators`)
// so the client's plumbing is exercised without signing identity updates here; group messages
// keep the real check.
import { ed25519 } from "@noble/curves/ed25519.js"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { ApiError, MAX_PAGE_SIZE, type PublishCommitLogEntry } from "../../../src/engine/api/index"
import { createXmtpKeyPackage } from "../../../src/engine/mls/keyPackageCreation"
import { Long, associations, type AssociationTypes } from "../../../src/engine/proto/index"
import { defaultValidators, type NodeValidators } from "../../../src/server/validators"
import { Harness, hex, randomGroupId, type RunningNode } from "./helpers/apiHarness"

const harness = new Harness()
let node: RunningNode

const permissiveValidators: NodeValidators = {
  ...defaultValidators,
  // the installation key is the key package's first 32 bytes
  validateKeyPackage: async (bytes) => ({
    installationKey: bytes.slice(0, 32),
    inboxId: "a".repeat(64),
    notAfterSeconds: BigInt(Math.floor(Date.now() / 1000) + 86_400),
  }),
  validateIdentityUpdate: async (_history, update) => ({
    addedMembers: update.actions.flatMap((action) => [
      ...(action.createInbox ? [{ ethereumAddress: action.createInbox.initialIdentifier }] : []),
      ...(action.add?.newMemberIdentifier ? [action.add.newMemberIdentifier] : []),
    ]),
    removedMembers: [],
  }),
}

beforeEach(async () => {
  node = await harness.node({ validators: permissiveValidators })
})
afterEach(() => harness.close())

const ETHEREUM = associations.IdentifierKind.IDENTIFIER_KIND_ETHEREUM

function createInboxUpdate(inboxId: string, address: string, timestampNs: bigint): AssociationTypes.IdentityUpdate {
  return {
    inboxId,
    clientTimestampNs: Long.fromString(timestampNs.toString(), true),
    actions: [
      {
        createInbox: {
          initialIdentifier: address,
          initialIdentifierKind: ETHEREUM,
          nonce: Long.fromNumber(1, true),
          initialIdentifierSignature: { erc191: { bytes: new Uint8Array(65).fill(1) } },
        },
      },
    ],
  }
}

describe("MlsApi key packages", () => {
  it("uploads a real key package to a node that validates it, and fetches it by installation key", async () => {
    const strictNode = await harness.node()
    const { mls } = harness.client(strictNode.port)
    const privateKey = ed25519.utils.randomSecretKey()
    const installationKey = ed25519.getPublicKey(privateKey)
    const { keyPackageBytes } = await createXmtpKeyPackage({
      inboxId: "e".repeat(64),
      installationSignatureKeyPair: { publicKey: installationKey, privateKey },
    })
    await mls.uploadKeyPackage({ keyPackageTlsSerialized: keyPackageBytes, isInboxIdCredential: true })
    const [fetched] = await mls.fetchKeyPackages([installationKey])
    expect(hex(fetched!)).toBe(hex(keyPackageBytes))

    const refused = await mls
      .uploadKeyPackage({ keyPackageTlsSerialized: keyPackageBytes.slice(0, 100), isInboxIdCredential: true })
      .catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ApiError)
    expect(refused).toMatchObject({ code: "InvalidArgument", transient: false })
    expect((refused as ApiError).details).toContain("invalid identity")
  })

  it("uploads key packages and fetches them per installation, in order, with gaps for unknown ones", async () => {
    const { mls } = harness.client(node.port)
    const kpA = new Uint8Array(200).fill(0xa1)
    const kpB = new Uint8Array(300).fill(0xb2)
    await mls.uploadKeyPackage({ keyPackageTlsSerialized: kpA, isInboxIdCredential: true })
    await mls.uploadKeyPackage({ keyPackageTlsSerialized: kpB, isInboxIdCredential: true })

    const unknown = new Uint8Array(32).fill(0x77)
    const fetched = await mls.fetchKeyPackages([kpB.slice(0, 32), unknown, kpA.slice(0, 32)])
    expect(fetched.map((kp) => (kp ? hex(kp) : undefined))).toEqual([hex(kpB), undefined, hex(kpA)])
    expect(await mls.fetchKeyPackages([])).toEqual([])
  })
})

describe("IdentityApi", () => {
  it("publishes an identity update, reads it back after a sequence id, and maps the address to the inbox", async () => {
    const { identity } = harness.client(node.port)
    const inboxId = "c".repeat(64)
    const address = `0x${"12".repeat(20)}`
    const timestampNs = BigInt(Date.now()) * 1_000_000n
    await identity.publishIdentityUpdate(createInboxUpdate(inboxId, address, timestampNs))

    const [log, empty] = await identity.getIdentityUpdates([
      { inboxId, sequenceId: 0n },
      { inboxId: "d".repeat(64), sequenceId: 0n },
    ])
    expect(log?.inboxId).toBe(inboxId)
    expect(log?.updates).toHaveLength(1)
    const entry = log!.updates[0]!
    expect(typeof entry.sequenceId).toBe("bigint")
    expect(entry.serverTimestampNs > 0n).toBe(true)
    expect(entry.update.inboxId).toBe(inboxId)
    expect(BigInt(entry.update.clientTimestampNs.toString())).toBe(timestampNs)
    expect(entry.update.actions[0]?.createInbox?.initialIdentifier).toBe(address)
    expect(empty).toEqual({ inboxId: "d".repeat(64), updates: [] })

    const [after] = await identity.getIdentityUpdates([{ inboxId, sequenceId: entry.sequenceId }])
    expect(after?.updates).toEqual([])

    const found = await identity.getInboxIds([
      { identifier: address, identifierKind: ETHEREUM },
      { identifier: `0x${"34".repeat(20)}`, identifierKind: ETHEREUM },
    ])
    expect(found).toEqual([
      { identifier: address, identifierKind: ETHEREUM, inboxId },
      { identifier: `0x${"34".repeat(20)}`, identifierKind: ETHEREUM, inboxId: undefined },
    ])
  })
})

describe("MlsApi commit log", () => {
  const entry = (groupId: Uint8Array, n: number): PublishCommitLogEntry => ({
    groupId,
    serializedCommitLogEntry: new TextEncoder().encode(`entry ${n}`),
    signature: { bytes: new Uint8Array(64).fill(n % 256), publicKey: new Uint8Array(32).fill(5) },
  })
  const entryNumber = (bytes: Uint8Array) => Number(new TextDecoder().decode(bytes).split(" ")[1])

  it("publishes more entries than one call may carry and reads them back page by page", async () => {
    const { mls } = harness.client(node.port)
    const groupId = randomGroupId()
    const total = MAX_PAGE_SIZE + 5
    await mls.batchPublishCommitLog(Array.from({ length: total }, (_, i) => entry(groupId, i + 1)))

    const pages: number[] = []
    for await (const page of mls.commitLogPages(groupId)) pages.push(page.length)
    expect(pages).toEqual([MAX_PAGE_SIZE, 5])

    const all = await mls.queryAllCommitLog(groupId)
    expect(all.map((e) => entryNumber(e.serializedCommitLogEntry))).toEqual(Array.from({ length: total }, (_, i) => i + 1))
    expect(hex(all[6]!.signature!.bytes)).toBe(hex(new Uint8Array(64).fill(7)))
    const tail = await mls.queryAllCommitLog(groupId, { afterCursor: all[101]!.sequenceId })
    expect(tail.map((e) => entryNumber(e.serializedCommitLogEntry))).toEqual([103, 104, 105])
  })

  it("queries many groups in one batch, more than the node takes per call", async () => {
    const { mls } = harness.client(node.port)
    const groups = Array.from({ length: 25 }, () => randomGroupId())
    await mls.batchPublishCommitLog(groups.map((g, i) => entry(g, i + 1)))
    const pages = await mls.batchQueryCommitLog(groups.map((groupId) => ({ groupId, paging: { limit: 10 } })))
    expect(pages.map((p) => hex(p.groupId))).toEqual(groups.map(hex))
    expect(pages.map((p) => entryNumber(p.commitLogEntries[0]!.serializedCommitLogEntry))).toEqual(groups.map((_, i) => i + 1))
    expect(pages.every((p) => p.pagingInfo?.idCursor === 0n)).toBe(true)
  })
})
