// Defect 1 (security): RFC 9420 section 12.4 / 17.4 "Path Required". ts-mls 2.0.0-rc.10 sent a
// commit with one Remove (or one Update, or a GroupContextExtensions) without an UpdatePath, so
// its commit secret was all zeroes and the removed member could derive the next epoch.
import { beforeAll, describe, expect, it } from "vitest"
import { contentTypes, createCommit, wireformats, type CiphersuiteImpl, type ClientState, type Proposal } from "ts-mls"
import { xmtpCiphersuite } from "../../../src/engine/mls/ciphersuite"
import {
  addProposal,
  applyHandshake,
  commitToAll,
  groupContextExtensionsProposal,
  groupOf,
  mlsContext,
  newMember,
  readText,
  removeProposal,
  sendText,
} from "./tsmls-fixture"
import { initializeEpoch } from "./vectors/tsmlsInternals"

let cs: CiphersuiteImpl
beforeAll(async () => {
  cs = await xmtpCiphersuite()
})

async function threeMembers(): Promise<ClientState[]> {
  return groupOf(mlsContext(cs), await Promise.all(["alix", "bo", "caro"].map((name) => newMember(cs, name))))
}

describe("commits that must carry an UpdatePath", () => {
  it("a member removed by a commit cannot read the next epoch (rc.10's pathless Remove let it)", async () => {
    const context = mlsContext(cs)
    const [alix, bo, caro] = (await threeMembers()) as [ClientState, ClientState, ClientState]
    const removal = await createCommit({ context, state: alix, extraProposals: [removeProposal(2)] })

    const boAfter = await applyHandshake(context, bo, removal.commit)
    const caroAfter = await applyHandshake(context, caro, removal.commit)
    expect(caroAfter.groupActiveState.kind).toBe("removedFromGroup")
    expect(caroAfter.groupContext.epoch).toBe(caro.groupContext.epoch)
    expect(boAfter.groupContext.epoch).toBe(removal.newState.groupContext.epoch)

    const { message } = await sendText(context, removal.newState, "after caro left")
    expect(await readText(context, boAfter, message)).toBe("after caro left")
    await expect(readText(context, caroAfter, message)).rejects.toThrow()
  })

  it("the last member left after a removal does not fall back to an all-zero commit secret", async () => {
    const context = mlsContext(cs)
    const [alix, bo] = (await groupOf(context, [await newMember(cs, "alix"), await newMember(cs, "bo")])) as [ClientState, ClientState]
    const removal = await createCommit({ context, state: alix, extraProposals: [removeProposal(1)] })
    expect((await applyHandshake(context, bo, removal.commit)).groupActiveState.kind).toBe("removedFromGroup")

    // What bo could compute on its own: it knows the old init_secret and the new GroupContext
    // (the tree and the commit are public to it). With a zero commit secret that is the new epoch.
    const zeroes = new Uint8Array(cs.kdf.size)
    const guessed = await initializeEpoch(bo.keySchedule.initSecret, zeroes, removal.newState.groupContext, zeroes, cs.kdf)
    expect(guessed.keySchedule.epochAuthenticator).not.toEqual(removal.newState.keySchedule.epochAuthenticator)
  })

  it("the committer attaches a path unless every proposal is Add, PreSharedKey or ReInit", async () => {
    const context = mlsContext(cs)
    const [alix] = (await threeMembers()) as [ClientState]
    const custom: Proposal = { proposalType: 0xff77, proposalData: Uint8Array.of(1) }
    const cases: [string, Proposal[], boolean][] = [
      ["empty commit", [], true],
      ["Remove", [removeProposal(1)], true],
      ["GroupContextExtensions", [groupContextExtensionsProposal([])], true],
      ["custom proposal type", [custom], true],
      ["Add", [addProposal(await newMember(cs, "dan"))], false],
    ]
    for (const [name, proposals, pathExpected] of cases) {
      const { commit } = await createCommit({ context, state: alix, extraProposals: proposals, wireAsPublicMessage: true })
      if (commit.wireformat !== wireformats.mls_public_message || commit.publicMessage.content.contentType !== contentTypes.commit) {
        throw new Error("expected a public commit")
      }
      expect({ name, path: commit.publicMessage.content.commit.path !== undefined }).toEqual({ name, path: pathExpected })
    }
  })

  it("remaining members keep talking across several pathful removals", async () => {
    const context = mlsContext(cs)
    const members = await Promise.all(["a", "b", "c", "d", "e"].map((name) => newMember(cs, name)))
    let states = await groupOf(context, members)
    states = (await commitToAll(context, states, 0, [removeProposal(3)])).states
    states = (await commitToAll(context, states, 1, [removeProposal(4)])).states
    const [a, b, c] = states as [ClientState, ClientState, ClientState]
    const { message } = await sendText(context, c, "still here")
    expect(await readText(context, a, message)).toBe("still here")
    expect(await readText(context, b, message)).toBe("still here")
  })
})
