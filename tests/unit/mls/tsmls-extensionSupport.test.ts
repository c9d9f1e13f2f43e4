// Defect 4: RFC 9420 sections 11.1 and 12.1.7. Every member of the group a commit produces must
// support every GroupContext extension; a GroupContextExtensions proposal that introduces a type
// some member does not list in its capabilities is invalid. rc.10 accepted it on both sides.
import { beforeAll, describe, expect, it } from "vitest"
import {
  createCommit,
  makeCustomExtension,
  nodeTypes,
  ValidationError,
  type CiphersuiteImpl,
  type ClientState,
  type GroupContextExtension,
} from "ts-mls"
import { xmtpCiphersuite } from "../../../src/engine/mls/ciphersuite"
import {
  addProposal,
  applyHandshake,
  groupContextExtensionsProposal,
  groupOf,
  mlsContext,
  newMember,
  removeProposal,
  utf8,
} from "./tsmls-fixture"

const XMTP_MUTABLE_METADATA = 0xff00
const NEW_EXTENSION = 0xff10

let cs: CiphersuiteImpl
beforeAll(async () => {
  cs = await xmtpCiphersuite()
})

const extension = (extensionType: number, text: string): GroupContextExtension =>
  makeCustomExtension({ extensionType, extensionData: utf8(text) })

const introducingNewExtension = groupContextExtensionsProposal([
  extension(XMTP_MUTABLE_METADATA, "name"),
  extension(NEW_EXTENSION, "something new"),
])

/** alix and bo support NEW_EXTENSION, caro (leaf 2) does not. */
async function groupWhereCaroLacksTheExtension(): Promise<ClientState[]> {
  const members = await Promise.all([
    newMember(cs, "alix", [XMTP_MUTABLE_METADATA, NEW_EXTENSION]),
    newMember(cs, "bo", [XMTP_MUTABLE_METADATA, NEW_EXTENSION]),
    newMember(cs, "caro", [XMTP_MUTABLE_METADATA]),
  ])
  return groupOf(mlsContext(cs), members, [extension(XMTP_MUTABLE_METADATA, "name")])
}

/** alix's client believes caro supports NEW_EXTENSION: a buggy or hostile committer. */
function withCaroClaimingSupport(state: ClientState): ClientState {
  const ratchetTree = state.ratchetTree.map((node, nodeIndex) => {
    if (nodeIndex !== 4 || node?.nodeType !== nodeTypes.leaf) return node
    const capabilities = { ...node.leaf.capabilities, extensions: [...node.leaf.capabilities.extensions, NEW_EXTENSION] }
    return { ...node, leaf: { ...node.leaf, capabilities } }
  })
  return { ...state, ratchetTree }
}

describe("GroupContextExtensions that a member does not support", () => {
  it("the committer refuses to commit them", async () => {
    const [alix] = (await groupWhereCaroLacksTheExtension()) as [ClientState]
    const attempt = createCommit({ context: mlsContext(cs), state: alix, extraProposals: [introducingNewExtension] })
    await expect(attempt).rejects.toThrow(ValidationError)
    await expect(attempt).rejects.toThrow(/does not support/)
  })

  it("the committer refuses them together with an Add of a member that lacks the extension", async () => {
    const context = mlsContext(cs)
    const members = await Promise.all(["alix", "bo"].map((name) => newMember(cs, name, [XMTP_MUTABLE_METADATA, NEW_EXTENSION])))
    const [alix] = (await groupOf(context, members)) as [ClientState]
    const dan = await newMember(cs, "dan", [XMTP_MUTABLE_METADATA])
    const attempt = createCommit({ context, state: alix, extraProposals: [introducingNewExtension, addProposal(dan)] })
    await expect(attempt).rejects.toThrow(ValidationError)
  })

  it("receivers reject a commit that introduces them, even when the committer's client let it through", async () => {
    const context = mlsContext(cs)
    const [alix, bo, caro] = (await groupWhereCaroLacksTheExtension()) as [ClientState, ClientState, ClientState]
    const { commit } = await createCommit({ context, state: withCaroClaimingSupport(alix), extraProposals: [introducingNewExtension] })
    await expect(applyHandshake(context, bo, commit)).rejects.toThrow(/does not support/)
    await expect(applyHandshake(context, caro, commit)).rejects.toThrow(/does not support/)
  })

  it("a member that leaves in the same commit does not block them", async () => {
    const context = mlsContext(cs)
    const [alix, bo] = (await groupWhereCaroLacksTheExtension()) as [ClientState, ClientState]
    const result = await createCommit({
      context,
      state: alix,
      extraProposals: [introducingNewExtension, removeProposal(2)],
    })
    const boAfter = await applyHandshake(context, bo, result.commit)
    expect(boAfter.groupContext.extensions.map((e) => e.extensionType)).toEqual([XMTP_MUTABLE_METADATA, NEW_EXTENSION])
  })
})
