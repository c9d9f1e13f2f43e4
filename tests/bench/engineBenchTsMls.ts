// ts-mls alone, on the commits the engine benchmark makes through the engine: one commit adding N
// XMTP-shaped key packages (Parley's own, with the X-Wing 0xff03 key) to a group with XMTP's
// context extensions, the Welcome it produces, that Welcome sealed (X-Wing HPKE) once per added
// installation, and one member joining from it. The gap between these and the engine's figures is
// the engine's own work: identity and key-package checks, storage, the network, validation.
import { randomBytes } from "node:crypto"
import { createCommit, createGroup, encode, joinGroup, mlsMessageEncoder, defaultProposalTypes } from "ts-mls"
import { newGroupContextExtensions } from "../../src/engine/groups/extensions/index"
import { xmtpMlsContext } from "../../src/engine/groups/mlsContext"
import { createInstallationKey } from "../../src/engine/identity/installationKey"
import { createXmtpKeyPackage, type XmtpKeyPackage } from "../../src/engine/mls/keyPackageCreation"
import { welcomeRecipientOf, wrapWelcome } from "../../src/engine/mls/welcomeWrapper"
import type { TsMlsFigures } from "./engineBenchProtocol"

const peakRssMb = () => process.resourceUsage().maxRSS / 1024

const fakeInboxId = (i: number) => i.toString(16).padStart(64, "0")

async function keyPackageFor(inboxId: string, offerXWingWelcomeKey: boolean): Promise<XmtpKeyPackage> {
  return createXmtpKeyPackage({ inboxId, installationSignatureKeyPair: createInstallationKey(), offerXWingWelcomeKey })
}

export async function measureTsMls(sizes: number[]): Promise<TsMlsFigures[]> {
  const context = await xmtpMlsContext()
  const largest = Math.max(...sizes)
  const members: XmtpKeyPackage[] = []
  for (let i = 0; i < largest; i++) members.push(await keyPackageFor(fakeInboxId(i + 1), true))
  const figures: TsMlsFigures[] = []
  for (const size of sizes) {
    const creatorInboxId = fakeInboxId(0)
    const creator = await keyPackageFor(creatorInboxId, false)
    const state = await createGroup({
      context,
      groupId: new Uint8Array(randomBytes(16)),
      keyPackage: creator.keyPackage,
      privateKeyPackage: creator.privateKeyPackage,
      extensions: newGroupContextExtensions({ creatorInboxId }),
    })
    const added = members.slice(0, size)

    const commitStarted = performance.now()
    const result = await createCommit({
      context,
      state,
      ratchetTreeExtension: true,
      extraProposals: added.map((kp) => ({ proposalType: defaultProposalTypes.add, add: { keyPackage: kp.keyPackage } })),
    })
    encode(mlsMessageEncoder, result.commit)
    if (!result.welcome) throw new Error("the add commit produced no welcome")
    const welcomeBytes = encode(mlsMessageEncoder, result.welcome)
    const commitMs = performance.now() - commitStarted

    const wrapStarted = performance.now()
    for (const kp of added) {
      const recipient = welcomeRecipientOf(kp.keyPackage)
      await wrapWelcome(welcomeBytes, new Uint8Array(0), recipient.hpkePublicKey, recipient.wrapperAlgorithm)
    }
    const wrapMs = performance.now() - wrapStarted

    const joiner = added[0]!
    const joinStarted = performance.now()
    await joinGroup({ context, welcome: result.welcome.welcome, keyPackage: joiner.keyPackage, privateKeys: joiner.privateKeyPackage })
    const joinMs = performance.now() - joinStarted
    figures.push({ size, commitMs, wrapMs, joinMs, welcomeBytes: welcomeBytes.length, peakRssMb: peakRssMb() })
  }
  return figures
}
