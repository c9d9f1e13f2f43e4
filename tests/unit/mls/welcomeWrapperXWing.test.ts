// The X-Wing KEM used for welcome wrapping runs its X25519 on node:crypto; these checks hold it
// against the unmodified @hpke/hybridkem-x-wing (pure-JS X25519) under the same KEM id, in both
// directions, so a difference in either primitive shows up as a failed open.
import { randomBytes } from "node:crypto"
import { CipherSuite, HkdfSha256 } from "@hpke/core"
import { Chacha20Poly1305 } from "@hpke/chacha20poly1305"
import { XWing } from "@hpke/hybridkem-x-wing"
import { describe, expect, it } from "vitest"
import { WelcomeError } from "../../../src/engine/mls/welcomeWrapperErrors"
import { HPKE_RS_XWING_DRAFT06_KEM_ID, hpkeOpenAll, hpkeSealAll, xwingPublicKey } from "../../../src/engine/mls/welcomeWrapperHpke"

class StockXWingDraft06 extends XWing {
  constructor() {
    super()
    Object.defineProperty(this, "id", { value: HPKE_RS_XWING_DRAFT06_KEM_ID })
  }
}

const stockSuite = () => new CipherSuite({ kem: new StockXWingDraft06(), kdf: new HkdfSha256(), aead: new Chacha20Poly1305() })
const info = new TextEncoder().encode("parley x-wing check")
const bytes = (length: number) => new Uint8Array(randomBytes(length))
const hex = (data: Uint8Array | ArrayBuffer) => Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString("hex")

describe("X-Wing with node:crypto X25519", () => {
  it("derives the same public key from a seed as the stock package", async () => {
    for (let round = 0; round < 5; round++) {
      const seed = bytes(32)
      const stock = await new XWing().generateKeyPairDerand(seed)
      expect(hex(await xwingPublicKey(seed))).toBe(hex(await new XWing().serializePublicKey(stock.publicKey)))
    }
  })

  it("seals to a stock recipient and opens what a stock sender sealed", async () => {
    const suite = stockSuite()
    const seed = bytes(32)
    const publicKey = await xwingPublicKey(seed)
    const plaintexts = [bytes(300), bytes(40)]

    const sealed = await hpkeSealAll("xwingMlkem768Draft6", publicKey, info, plaintexts)
    const recipient = await suite.createRecipientContext({
      recipientKey: await suite.kem.deserializePrivateKey(seed),
      enc: sealed.enc,
      info,
    })
    for (const [index, ciphertext] of sealed.ciphertexts.entries()) {
      expect(hex(await recipient.open(ciphertext))).toBe(hex(plaintexts[index]!))
    }

    const sender = await suite.createSenderContext({ recipientPublicKey: await suite.kem.deserializePublicKey(publicKey), info })
    const ciphertexts = [new Uint8Array(await sender.seal(plaintexts[0]!)), new Uint8Array(await sender.seal(plaintexts[1]!))]
    const opened = await hpkeOpenAll("xwingMlkem768Draft6", seed, new Uint8Array(sender.enc), info, ciphertexts)
    expect(opened.map(hex)).toEqual(plaintexts.map(hex))
  })

  it("refuses a recipient whose X25519 half is a small-order point (all-zero shared secret)", async () => {
    const publicKey = await xwingPublicKey(bytes(32))
    publicKey.fill(0, 1184)
    const error = await hpkeSealAll("xwingMlkem768Draft6", publicKey, info, [bytes(10)]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WelcomeError)
    expect((error as WelcomeError).code).toBe("InvalidPublicKey")
  })
})
