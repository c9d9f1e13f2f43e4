// Defect 5: a commit sent as a PrivateMessage spends a generation of the sender's handshake
// ratchet (RFC 9420 section 9.1). If the commit is then discarded, rc.10 offered only the state the
// commit was made from, so the next handshake message reused that generation's key and nonce and
// members that had decrypted the discarded commit failed with "Desired gen in the past".
//
// The patch adds `stateIfDiscarded` to createCommit's result. The engine's rule, for
// src/engine/groups: before publishing its own commit, run the same policy receivers run in their
// processMessage callback over the commit's proposals; if that policy, the delivery node or a
// competing commit rejects it, continue from `stateIfDiscarded`, never from the state the commit
// was created from.
import { beforeAll, describe, expect, it } from "vitest"
import {
  createCommit,
  defaultProposalTypes,
  processMessage,
  type CiphersuiteImpl,
  type ClientState,
  type IncomingMessageCallback,
  type LeafIndex,
} from "ts-mls"
import { xmtpCiphersuite } from "../../../src/engine/mls/ciphersuite"
import { applyHandshake, groupOf, mlsContext, newMember, readText, removeProposal, sendText } from "./tsmls-fixture"

let cs: CiphersuiteImpl
beforeAll(async () => {
  cs = await xmtpCiphersuite()
})

/** The group's policy in this test: nobody may be removed. Receivers and the committer share it. */
const noRemovals: IncomingMessageCallback = (incoming) =>
  incoming.kind === "commit" && incoming.proposals.some(({ proposal }) => proposal.proposalType === defaultProposalTypes.remove) ? "reject" : "accept"

async function threeMembers(): Promise<ClientState[]> {
  return groupOf(mlsContext(cs), await Promise.all(["alix", "bo", "caro"].map((name) => newMember(cs, name))))
}

describe("a discarded commit", () => {
  it("does not make the committer reuse its ratchet generation (rc.10 did: 'Desired gen in the past')", async () => {
    const context = mlsContext(cs)
    const [alix, bo] = (await threeMembers()) as [ClientState, ClientState]

    const refused = await createCommit({ context, state: alix, extraProposals: [removeProposal(2)] })
    const boRefusing = await processMessage({ context, state: bo, message: refused.commit, callback: noRemovals })
    expect(boRefusing.kind === "newState" && boRefusing.actionTaken).toBe("reject")
    const boAfterRefusal = boRefusing.newState
    expect(boAfterRefusal.groupContext.epoch).toBe(bo.groupContext.epoch)

    const next = await createCommit({ context, state: refused.stateIfDiscarded, extraProposals: [] })
    const boAfter = await applyHandshake(context, boAfterRefusal, next.commit)
    expect(boAfter.keySchedule.epochAuthenticator).toEqual(next.newState.keySchedule.epochAuthenticator)

    // Continuing from the pre-commit state is exactly the rc.10 failure.
    const reused = await createCommit({ context, state: alix, extraProposals: [] })
    await expect(applyHandshake(context, boAfterRefusal, reused.commit)).rejects.toThrow("Desired gen in the past")
  })

  it("the committer that checks its own commit with the receivers' policy keeps a usable state", async () => {
    const context = mlsContext(cs)
    const [alix, bo] = (await threeMembers()) as [ClientState, ClientState]
    const proposals = [removeProposal(2)]
    const draft = await createCommit({ context, state: alix, extraProposals: proposals })
    const verdict = noRemovals({
      kind: "commit",
      senderLeafIndex: alix.privatePath.leafIndex as LeafIndex,
      proposals: proposals.map((proposal) => ({ proposal, senderLeafIndex: alix.privatePath.leafIndex })),
    })
    expect(verdict).toBe("reject")
    const alixKept = draft.stateIfDiscarded

    const { message } = await sendText(context, alixKept, "nothing happened")
    expect(await readText(context, bo, message)).toBe("nothing happened")
    const update = await createCommit({ context, state: alixKept, extraProposals: [] })
    expect((await applyHandshake(context, bo, update.commit)).groupContext.epoch).toBe(alix.groupContext.epoch + 1n)
  })

  it("a PublicMessage commit spends no ratchet generation, so its discard state is the original", async () => {
    const context = mlsContext(cs)
    const [alix] = (await threeMembers()) as [ClientState]
    const result = await createCommit({ context, state: alix, extraProposals: [], wireAsPublicMessage: true })
    expect(result.stateIfDiscarded).toEqual(alix)
  })
})
