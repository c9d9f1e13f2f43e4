// Defect 7: keyRetentionConfig.retainKeysForEpochs. rc.10 pruned with slice(-max), and slice(-0)
// is the whole array, so 0 kept every past epoch forever. XMTP keeps 3 past epochs.
import { beforeAll, describe, expect, it } from "vitest"
import { type CiphersuiteImpl, type ClientConfig, type ClientState, type MlsFramedMessage } from "ts-mls"
import { XMTP_MAX_PAST_EPOCHS, xmtpCiphersuite, xmtpClientConfig } from "../../../src/engine/mls/ciphersuite"
import { commitToAll, groupOf, mlsContext, newMember, readText, sendText } from "./tsmls-fixture"

let cs: CiphersuiteImpl
beforeAll(async () => {
  cs = await xmtpCiphersuite()
})

/**
 * Two members; before each of `epochs` commits by bo, alix sends a message that bo only reads
 * at the end, once the group has moved on. Returns bo's final state and the late messages, the
 * first sent `epochs` epochs ago.
 */
async function lateMessages(clientConfig: ClientConfig, epochs: number) {
  const context = mlsContext(cs, clientConfig)
  let states = await groupOf(context, [await newMember(cs, "alix"), await newMember(cs, "bo")])
  const late: { epochsAgo: number; message: MlsFramedMessage }[] = []
  for (let i = 0; i < epochs; i++) {
    const [alix] = states as [ClientState]
    const sent = await sendText(context, alix, `message ${i}`)
    late.push({ epochsAgo: epochs - i, message: sent.message })
    states = [sent.newState, ...states.slice(1)]
    states = (await commitToAll(context, states, 1, [])).states
  }
  return { context, bo: states[1] as ClientState, late }
}

describe("past epochs kept for late messages", () => {
  it("retainKeysForEpochs 0 keeps none (rc.10 kept them all)", async () => {
    const config: ClientConfig = { ...xmtpClientConfig, keyRetentionConfig: { ...xmtpClientConfig.keyRetentionConfig, retainKeysForEpochs: 0 } }
    const { context, bo, late } = await lateMessages(config, 2)
    expect(bo.historicalReceiverData.size).toBe(0)
    for (const { message } of late) await expect(readText(context, bo, message)).rejects.toThrow("epoch too old")
  })

  it("XMTP's configuration keeps exactly the 3 most recent past epochs", async () => {
    expect(XMTP_MAX_PAST_EPOCHS).toBe(3)
    expect(xmtpClientConfig.keyRetentionConfig.retainKeysForEpochs).toBe(XMTP_MAX_PAST_EPOCHS)
    const { context, bo, late } = await lateMessages(xmtpClientConfig, 5)
    expect(bo.historicalReceiverData.size).toBe(XMTP_MAX_PAST_EPOCHS)
    for (const { epochsAgo, message } of late) {
      if (epochsAgo <= XMTP_MAX_PAST_EPOCHS) expect(await readText(context, bo, message)).toMatch(/^message /)
      else await expect(readText(context, bo, message)).rejects.toThrow("epoch too old")
    }
  })
})
