// MLS working group vectors passive-client-welcome and passive-client-handling-commit (cipher
// suite 3), run through ts-mls's public API with the node:crypto provider: join from the Welcome,
// then process every proposal and commit, and agree on each epoch's authenticator.
// (passive-client-random has no suite-3 case.)
import { describe, expect, it } from "vitest"
import {
  bytesToBase64,
  decode,
  joinGroup,
  mlsMessageDecoder,
  processMessage,
  unsafeTestingAuthenticationService,
  wireformats,
  type ClientState,
  type MlsContext,
  type MlsFramedMessage,
} from "ts-mls"
import { xmtpCiphersuite } from "../../../src/engine/mls/ciphersuite"
import { hex, loadVectors, toHex, type VectorFamily } from "./vectors/load"
import { ratchetTreeDecoder } from "./vectors/tsmlsInternals"

interface PassiveClientVector {
  cipher_suite: number
  external_psks: { psk_id: string; psk: string }[]
  key_package: string
  signature_priv: string
  encryption_priv: string
  init_priv: string
  welcome: string
  ratchet_tree: string | null
  initial_epoch_authenticator: string
  epochs: { proposals: string[]; commit: string; epoch_authenticator: string }[]
}

function framed(bytes: string): MlsFramedMessage {
  const message = decode(mlsMessageDecoder, hex(bytes))
  if (message?.wireformat !== wireformats.mls_public_message && message?.wireformat !== wireformats.mls_private_message) {
    throw new Error("expected a PublicMessage or PrivateMessage")
  }
  return message
}

async function runPassiveClient(vector: PassiveClientVector): Promise<void> {
  const context: MlsContext = {
    cipherSuite: await xmtpCiphersuite(),
    authService: unsafeTestingAuthenticationService,
    externalPsks: Object.fromEntries(vector.external_psks.map(({ psk_id, psk }) => [bytesToBase64(hex(psk_id)), hex(psk)])),
  }
  const keyPackage = decode(mlsMessageDecoder, hex(vector.key_package))
  const welcome = decode(mlsMessageDecoder, hex(vector.welcome))
  if (keyPackage?.wireformat !== wireformats.mls_key_package || welcome?.wireformat !== wireformats.mls_welcome) {
    throw new Error("expected a KeyPackage and a Welcome")
  }
  let state: ClientState = await joinGroup({
    context,
    welcome: welcome.welcome,
    keyPackage: keyPackage.keyPackage,
    privateKeys: {
      initPrivateKey: hex(vector.init_priv),
      hpkePrivateKey: hex(vector.encryption_priv),
      signaturePrivateKey: hex(vector.signature_priv),
    },
    ratchetTree: vector.ratchet_tree === null ? undefined : decode(ratchetTreeDecoder, hex(vector.ratchet_tree)),
  })
  expect(toHex(state.keySchedule.epochAuthenticator)).toBe(vector.initial_epoch_authenticator)

  for (const [index, epoch] of vector.epochs.entries()) {
    for (const proposal of epoch.proposals) {
      state = (await processMessage({ context, state, message: framed(proposal) })).newState
    }
    const result = await processMessage({ context, state, message: framed(epoch.commit) })
    expect(result.kind).toBe("newState")
    state = result.newState
    expect({ epoch: index, authenticator: toHex(state.keySchedule.epochAuthenticator) }).toEqual({
      epoch: index,
      authenticator: epoch.epoch_authenticator,
    })
  }
}

const families: VectorFamily[] = ["passive-client-welcome", "passive-client-handling-commit"]
for (const family of families) {
  describe(`${family} (suite 3)`, () => {
    const vectors = loadVectors<PassiveClientVector>(family)
    vectors.forEach((vector, index) => {
      const shape = `${vector.epochs.length} epochs, ${vector.external_psks.length} external PSKs, tree ${vector.ratchet_tree === null ? "in welcome" : "given"}`
      it(`case ${index} (${shape})`, async () => {
        expect(vector.cipher_suite).toBe(3)
        await runPassiveClient(vector)
      })
    })
  })
}
