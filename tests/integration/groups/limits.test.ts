// Hard limits through real Parley clients on a real node: installations per inbox, and how many
// epochs late a message may arrive before its sender must encrypt it again.
import { describe, expect, it } from "vitest"
import { type ApiClient } from "../../../src/engine/api/index"
import { GroupError, GroupMessageKind, type Client, type Group } from "../../../src/engine/index"
import { MAX_INSTALLATIONS_PER_INBOX } from "../../../src/engine/identity/index"
import { XMTP_MAX_PAST_EPOCHS } from "../../../src/engine/mls/ciphersuite"
import { type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { conversationOf, syncEveryone } from "./support/groupScenario"

describe("limits", () => {
  let h: EngineHarness
  let api: ApiClient
  let alice: Client
  let bob: Client
  let carol: Client

  useEngineClients("group-limits", ["alice", "bob", "carol"], (s) => {
    ({ h, clients: { alice, bob, carol } } = s)
    api = h.apiClient()
  })

  it("CONST-05: an inbox holds at most 10 installations; the 11th cannot register", async () => {
    expect(MAX_INSTALLATIONS_PER_INBOX).toBe(10)
    const first = h.profile("many-0")
    const installations = [await h.open(first)]
    for (let i = 1; i < 10; i++) installations.push(await h.open({ ...h.profile(`many-${i}`), signer: first.signer }))
    await expect(h.open({ ...h.profile("many-10"), signer: first.signer })).rejects.toMatchObject({ code: "TooManyInstallations" })
    for (const installation of installations) await h.closeClient(installation)
  })

  /** Bob, who has already sent once (so no key rotation goes first), falls `epochs` commits behind, then sends. */
  async function lateMessage(epochs: number): Promise<{ group: Group; appEnvelopes: number }> {
    const group = await alice.conversations.createGroup([bob.inboxId, carol.inboxId])
    await syncEveryone([bob, carol], group.id)
    const bobGroup = await conversationOf(bob, group.id)
    await bobGroup.sendText("warm-up")
    await group.sync()
    for (let i = 0; i < epochs; i++) await group.updateName(`name ${i}`)
    await bobGroup.sendText(`sent ${epochs} epochs late`)
    const appEnvelopes = (await api.mls.queryAllGroupMessages(Buffer.from(group.id, "hex"))).filter((e) => !e.isCommit).length - 1
    return { group, appEnvelopes }
  }

  /** Syncs, allowing only refusals of envelopes from epochs whose keys are gone. */
  async function syncAllowingOldEpochs(group: Group): Promise<void> {
    await group.sync().catch((error: unknown) => {
      if (!(error instanceof GroupError) || error.failures.some((f) => f.code !== "OldEpoch" && f.code !== "Undecryptable")) throw error
    })
  }

  it("CONST-06: two epochs late, the message is read as sent; three epochs late, its sender encrypts it again", async () => {
    expect(XMTP_MAX_PAST_EPOCHS).toBe(3)
    for (const [epochs, copies] of [
      [2, 1],
      [3, 2],
    ] as const) {
      const { group, appEnvelopes } = await lateMessage(epochs)
      expect(appEnvelopes).toBe(copies)
      const carolGroup = await conversationOf(carol, group.id)
      await syncAllowingOldEpochs(carolGroup)
      await syncAllowingOldEpochs(group)
      for (const g of [group, carolGroup]) {
        const texts = (await g.messages()).filter((m) => m.kind === GroupMessageKind.Application).map((m) => m.content)
        expect(texts).toEqual(["warm-up", `sent ${epochs} epochs late`])
      }
    }
  })
})
