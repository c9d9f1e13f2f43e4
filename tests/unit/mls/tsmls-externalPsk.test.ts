// processMessage dropped the context's external PSKs for PrivateMessages (it passed `{}`), so a
// commit with a PreSharedKey proposal sent as a PrivateMessage could not be processed.
import { describe, expect, it } from "vitest"
import { bytesToBase64, createCommit, defaultProposalTypes, pskTypes, type ClientState, type Proposal } from "ts-mls"
import { xmtpCiphersuite } from "../../../src/engine/mls/ciphersuite"
import { applyHandshake, groupOf, mlsContext, newMember, utf8 } from "./tsmls-fixture"

describe("external PSKs", () => {
  it("a PrivateMessage commit with a PreSharedKey proposal is processed with the context's PSKs", async () => {
    const cs = await xmtpCiphersuite()
    const pskId = utf8("shared out of band")
    const context = { ...mlsContext(cs), externalPsks: { [bytesToBase64(pskId)]: cs.rng.randomBytes(32) } }
    const [alix, bo] = (await groupOf(context, [await newMember(cs, "alix"), await newMember(cs, "bo")])) as [ClientState, ClientState]
    const psk: Proposal = {
      proposalType: defaultProposalTypes.psk,
      psk: { preSharedKeyId: { psktype: pskTypes.external, pskId, pskNonce: cs.rng.randomBytes(cs.kdf.size) } },
    }
    const { commit, newState } = await createCommit({ context, state: alix, extraProposals: [psk] })
    const boAfter = await applyHandshake(context, bo, commit)
    expect(boAfter.keySchedule.epochAuthenticator).toEqual(newState.keySchedule.epochAuthenticator)
  })
})
