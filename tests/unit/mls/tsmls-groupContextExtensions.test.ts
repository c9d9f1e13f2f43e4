// Defect 2: a GroupContextExtensions commit carries an UpdatePath (RFC 9420 section 17.4) whose
// path secrets are encrypted under the provisional GroupContext of section 12.4.1: new epoch, new
// tree hash, NEW extensions, old confirmed transcript hash. rc.10 omitted the path and, once one
// is added, encrypted it under the old extensions, which OpenMLS (every XMTP client) rejects.
import { beforeAll, describe, expect, it } from "vitest"
import {
  contentTypes,
  createCommit,
  joinGroup,
  makeCustomExtension,
  wireformats,
  type CiphersuiteImpl,
  type ClientState,
  type GroupContext,
  type GroupContextExtension,
  type UpdatePath,
} from "ts-mls"
import { xmtpCiphersuite } from "../../../src/engine/mls/ciphersuite"
import {
  addProposal,
  applyHandshake,
  groupContextExtensionsProposal,
  groupOf,
  mlsContext,
  newMember,
  readText,
  sendText,
  utf8,
} from "./tsmls-fixture"

const XMTP_MUTABLE_METADATA = 0xff00

let cs: CiphersuiteImpl
beforeAll(async () => {
  cs = await xmtpCiphersuite()
})

// TLS presentation language as RFC 9420 section 2.1.2 uses it, written out for this check so it
// does not lean on the library's own encoders.
function varint(length: number): Uint8Array {
  if (length < 0x40) return Uint8Array.of(length)
  if (length < 0x4000) return Uint8Array.of(0x40 | (length >> 8), length & 0xff)
  return Uint8Array.of(0x80 | (length >>> 24), (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff)
}
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]))
const opaque = (bytes: Uint8Array) => concat(varint(bytes.length), bytes)
const uint16 = (value: number) => Uint8Array.of(value >> 8, value & 0xff)
const uint64 = (value: bigint) => Uint8Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(56 - 8 * i)) & 0xffn))

/** struct GroupContext (RFC 9420 section 8.1); custom extensions only, their data is raw. */
function encodeGroupContext(gc: GroupContext): Uint8Array {
  const extensions = gc.extensions.map((extension) => {
    if (!(extension.extensionData instanceof Uint8Array)) throw new Error("this check encodes raw extension data only")
    return concat(uint16(extension.extensionType), opaque(extension.extensionData))
  })
  return concat(
    uint16(gc.version),
    uint16(gc.cipherSuite),
    opaque(gc.groupId),
    uint64(gc.epoch),
    opaque(gc.treeHash),
    opaque(gc.confirmedTranscriptHash),
    opaque(concat(...extensions)),
  )
}

/** DecryptWithLabel(sk, "UpdatePathNode", group_context, kem_output, ciphertext), section 5.1.3. */
async function openPathSecret(privateKey: Uint8Array, context: GroupContext, kemOutput: Uint8Array, ciphertext: Uint8Array) {
  const info = concat(opaque(utf8("MLS 1.0 UpdatePathNode")), opaque(encodeGroupContext(context)))
  return cs.hpke.open(await cs.hpke.importPrivateKey(privateKey), kemOutput, ciphertext, info)
}

/** DeriveSecret(path_secret, "node") then DeriveKeyPair: the public key the path must carry. */
async function pathNodePublicKey(pathSecret: Uint8Array): Promise<Uint8Array> {
  const kdfLabel = concat(uint16(cs.kdf.size), opaque(utf8("MLS 1.0 node")), opaque(new Uint8Array(0)))
  const nodeSecret = await cs.kdf.expand(pathSecret, kdfLabel, cs.kdf.size)
  return cs.hpke.exportPublicKey((await cs.hpke.deriveKeyPair(nodeSecret)).publicKey)
}

const metadata = (text: string): GroupContextExtension =>
  makeCustomExtension({ extensionType: XMTP_MUTABLE_METADATA, extensionData: utf8(text) })

async function threeMembers(): Promise<ClientState[]> {
  const members = await Promise.all(["alix", "bo", "caro"].map((name) => newMember(cs, name, [XMTP_MUTABLE_METADATA])))
  return groupOf(mlsContext(cs), members, [metadata("name: v1")])
}

describe("GroupContextExtensions commits", () => {
  it("carry a path that every member processes, and install the new extensions", async () => {
    const context = mlsContext(cs)
    const [alix, bo, caro] = (await threeMembers()) as [ClientState, ClientState, ClientState]
    const result = await createCommit({ context, state: alix, extraProposals: [groupContextExtensionsProposal([metadata("name: v2")])] })
    const boAfter = await applyHandshake(context, bo, result.commit)
    const caroAfter = await applyHandshake(context, caro, result.commit)
    for (const state of [result.newState, boAfter, caroAfter]) {
      expect(state.groupContext.extensions).toEqual([metadata("name: v2")])
      expect(state.keySchedule.epochAuthenticator).toEqual(result.newState.keySchedule.epochAuthenticator)
    }
    const { message } = await sendText(context, caroAfter, "renamed")
    expect(await readText(context, boAfter, message)).toBe("renamed")
  })

  it("encrypt the path under the provisional GroupContext with the new extensions, not the old", async () => {
    const context = mlsContext(cs)
    const [alix, bo] = (await threeMembers()) as [ClientState, ClientState]
    const { commit } = await createCommit({
      context,
      state: alix,
      extraProposals: [groupContextExtensionsProposal([metadata("name: v2")])],
      wireAsPublicMessage: true,
    })
    if (commit.wireformat !== wireformats.mls_public_message || commit.publicMessage.content.contentType !== contentTypes.commit) {
      throw new Error("expected a public commit")
    }
    const path: UpdatePath | undefined = commit.publicMessage.content.commit.path
    if (path === undefined) throw new Error("a GroupContextExtensions commit must carry a path")
    const boAfter = await applyHandshake(context, bo, commit)

    // alix is leaf 0, bo leaf 1: the first path node is their parent (node 1), and its only
    // ciphertext goes to bo's leaf (node 2), whose private key bo holds.
    const [parent] = path.nodes
    const [toBo] = parent?.encryptedPathSecret ?? []
    const boLeafKey = bo.privatePath.privateKeys[2]
    if (parent === undefined || toBo === undefined || boLeafKey === undefined) throw new Error("unexpected tree shape")

    const provisional: GroupContext = {
      ...boAfter.groupContext, // new epoch, tree hash and extensions
      confirmedTranscriptHash: bo.groupContext.confirmedTranscriptHash,
    }
    const pathSecret = await openPathSecret(boLeafKey, provisional, toBo.kemOutput, toBo.ciphertext)
    expect(await pathNodePublicKey(pathSecret)).toEqual(parent.hpkePublicKey)

    const withOldExtensions: GroupContext = { ...provisional, extensions: bo.groupContext.extensions }
    await expect(openPathSecret(boLeafKey, withOldExtensions, toBo.kemOutput, toBo.ciphertext)).rejects.toThrow()
    const withNewTranscript: GroupContext = boAfter.groupContext
    await expect(openPathSecret(boLeafKey, withNewTranscript, toBo.kemOutput, toBo.ciphertext)).rejects.toThrow()
  })

  it("with an Add (how XMTP adds members) leave the new member out of the path's recipients", async () => {
    const context = mlsContext(cs)
    const [alix, bo, caro] = (await threeMembers()) as [ClientState, ClientState, ClientState]
    const dan = await newMember(cs, "dan", [XMTP_MUTABLE_METADATA])
    const { commit, welcome } = await createCommit({
      context,
      state: alix,
      extraProposals: [addProposal(dan), groupContextExtensionsProposal([metadata("members: 4")])],
      wireAsPublicMessage: true,
      ratchetTreeExtension: true,
    })
    if (commit.wireformat !== wireformats.mls_public_message || commit.publicMessage.content.contentType !== contentTypes.commit) {
      throw new Error("expected a public commit")
    }
    // alix's filtered direct path is node 1 (copath: bo's leaf) and node 3 (copath: the blank
    // node 5, whose resolution is caro's leaf and dan's new leaf). Dan gets the path secret in the
    // Welcome, so node 3's secret is encrypted to caro alone (RFC 9420 section 12.4.1).
    const path = commit.publicMessage.content.commit.path
    expect(path?.nodes.map((node) => node.encryptedPathSecret.length)).toEqual([1, 1])
    if (welcome === undefined) throw new Error("an Add commit has a Welcome")

    const boAfter = await applyHandshake(context, bo, commit)
    const caroAfter = await applyHandshake(context, caro, commit)
    const danJoined = await joinGroup({ context, welcome: welcome.welcome, keyPackage: dan.publicPackage, privateKeys: dan.privatePackage })
    const { message } = await sendText(context, danJoined, "hi, I am dan")
    expect(await readText(context, boAfter, message)).toBe("hi, I am dan")
    expect(await readText(context, caroAfter, message)).toBe("hi, I am dan")
  })

  it("an empty extension list clears the extensions (rc.10 treated it as no change)", async () => {
    const context = mlsContext(cs)
    const [alix, bo] = (await threeMembers()) as [ClientState, ClientState]
    const result = await createCommit({ context, state: alix, extraProposals: [groupContextExtensionsProposal([])] })
    expect(result.newState.groupContext.extensions).toEqual([])
    expect((await applyHandshake(context, bo, result.commit)).groupContext.extensions).toEqual([])
  })
})
