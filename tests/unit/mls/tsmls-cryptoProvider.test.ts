// The node:crypto CryptoProvider against published known answers (RFC 9180 A.2.1, RFC 5869 A.1
// and A.3, RFC 8032 7.1) and against ts-mls's default provider, in both directions.
import { describe, expect, it } from "vitest"
import { createCommit, defaultCryptoProvider, joinGroup, type CiphersuiteImpl, type ClientState } from "ts-mls"
import { makeNodeCiphersuiteImpl, nodeCryptoProvider } from "../../../src/engine/mls/cryptoProvider"
import { chaCha20Poly1305, nobleChaCha20Poly1305, nodeChaCha20Poly1305 } from "../../../src/engine/mls/cryptoProviderAead"
import { CryptoProviderError } from "../../../src/engine/mls/cryptoProviderErrors"
import {
  computeNonce,
  deriveX25519KeyPair,
  exportFromContext,
  setupBaseReceiver,
  setupBaseSender,
} from "../../../src/engine/mls/cryptoProviderHpke"
import { hkdfExpand, hkdfExtract } from "../../../src/engine/mls/cryptoProviderPrimitives"
import { addProposal, groupOf, mlsContext, newMember, readText, sendText } from "./tsmls-fixture"

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ""), "hex"))
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex")
const utf8 = (text: string) => new TextEncoder().encode(text)

// RFC 9180 Appendix A.2.1: mode 0, kem_id 32, kdf_id 1, aead_id 3.
const A21 = {
  info: "4f6465206f6e2061204772656369616e2055726e",
  ikmE: "909a9b35d3dc4713a5e72a4da274b55d3d3821a37e5d099e74a647db583a904b",
  pkEm: "1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a",
  skEm: "f4ec9b33b792c372c1d2c2063507b684ef925b8c75a42dbcbf57d63ccd381600",
  ikmR: "1ac01f181fdf9f352797655161c58b75c656a6cc2716dcb66372da835542e1df",
  pkRm: "4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a",
  skRm: "8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb",
  enc: "1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a",
  key: "ad2744de8e17f4ebba575b3f5f5a8fa1f69c2a07f6e7500bc60ca6e3e3ec1c91",
  baseNonce: "5c4d98150661b848853b547f",
  exporterSecret: "a3b010d4994890e2c6968a36f64470d3c824c8f5029942feb11e7a74b2921922",
  plaintext: "4265617574792069732074727574682c20747275746820626561757479",
  encryptions: [
    {
      sequence: 0,
      aad: "436f756e742d30",
      ct: "1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db21993c62ce81883d2dd1b51a28",
    },
    {
      sequence: 1,
      aad: "436f756e742d31",
      ct: "6b53c051e4199c518de79594e1c4ab18b96f081549d45ce015be002090bb119e85285337cc95ba5f59992dc98c",
    },
  ],
  exports: [
    { context: "", value: "4bbd6243b8bb54cec311fac9df81841b6fd61f56538a775e7c80a9f40160606e" },
    { context: "00", value: "8c1df14732580e5501b00f82b10a1647b40713191b7c1240ac80e2b68808ba69" },
    { context: "54657374436f6e74657874", value: "5acb09211139c43b3090489a9da433e8a30ee7188ba8b0a9a1ccf0c229283e53" },
  ],
}

describe("HPKE base mode, RFC 9180 A.2.1 (DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305)", () => {
  const ephemeral = deriveX25519KeyPair(hex(A21.ikmE))
  const recipient = deriveX25519KeyPair(hex(A21.ikmR))

  it("derives the published key pairs from ikmE and ikmR", () => {
    expect(toHex(ephemeral.privateKey.raw)).toBe(A21.skEm)
    expect(toHex(ephemeral.publicKey.raw)).toBe(A21.pkEm)
    expect(toHex(recipient.privateKey.raw)).toBe(A21.skRm)
    expect(toHex(recipient.publicKey.raw)).toBe(A21.pkRm)
  })

  it("sender and receiver reach the published key schedule", () => {
    const { enc, context } = setupBaseSender(recipient.publicKey, hex(A21.info), ephemeral)
    expect(toHex(enc)).toBe(A21.enc)
    expect(toHex(context.key)).toBe(A21.key)
    expect(toHex(context.baseNonce)).toBe(A21.baseNonce)
    expect(toHex(context.exporterSecret)).toBe(A21.exporterSecret)
    const receiver = setupBaseReceiver(hex(A21.enc), recipient.privateKey, hex(A21.info))
    expect(receiver).toEqual(context)
    for (const { context: exporterContext, value } of A21.exports) {
      expect(toHex(exportFromContext(receiver, hex(exporterContext), 32))).toBe(value)
    }
  })

  for (const aead of [nodeChaCha20Poly1305, nobleChaCha20Poly1305]) {
    it(`produces the published ciphertexts with ${aead.implementation}`, () => {
      const { context } = setupBaseSender(recipient.publicKey, hex(A21.info), ephemeral)
      for (const { sequence, aad, ct } of A21.encryptions) {
        const nonce = computeNonce(context.baseNonce, sequence)
        expect(toHex(aead.seal(context.key, nonce, hex(aad), hex(A21.plaintext)))).toBe(ct)
        expect(toHex(aead.open(context.key, nonce, hex(aad), hex(ct)))).toBe(A21.plaintext)
      }
    })
  }

  it("opens the published single-shot ciphertext through the ts-mls Hpke interface", async () => {
    const hpke = makeNodeCiphersuiteImpl().hpke
    const privateKey = await hpke.importPrivateKey(hex(A21.skRm))
    const [first] = A21.encryptions
    const opened = await hpke.open(privateKey, hex(A21.enc), hex(first!.ct), hex(A21.info), hex(first!.aad))
    expect(toHex(opened)).toBe(A21.plaintext)
    expect(toHex(await hpke.exportPublicKey((await hpke.deriveKeyPair(hex(A21.ikmR))).publicKey))).toBe(A21.pkRm)
  })

  it("refuses a tampered ciphertext with DecryptionFailed", async () => {
    const hpke = makeNodeCiphersuiteImpl().hpke
    const privateKey = await hpke.importPrivateKey(hex(A21.skRm))
    const [first] = A21.encryptions
    const tampered = hex(first!.ct)
    tampered[0]! ^= 1
    await expect(hpke.open(privateKey, hex(A21.enc), tampered, hex(A21.info), hex(first!.aad))).rejects.toMatchObject({
      code: "DecryptionFailed",
    })
  })

  it("refuses a small-order X25519 public key (all-zero shared secret)", () => {
    expect(() => setupBaseReceiver(new Uint8Array(32), recipient.privateKey, hex(A21.info))).toThrow(CryptoProviderError)
  })
})

describe("HKDF-SHA256, RFC 5869", () => {
  it("A.1 basic test case", () => {
    const prk = hkdfExtract(hex("000102030405060708090a0b0c"), hex("0b".repeat(22)))
    expect(toHex(prk)).toBe("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5")
    expect(toHex(hkdfExpand(prk, hex("f0f1f2f3f4f5f6f7f8f9"), 42))).toBe(
      "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
    )
  })

  it("A.3 zero-length salt and info", () => {
    const prk = hkdfExtract(new Uint8Array(0), hex("0b".repeat(22)))
    expect(toHex(prk)).toBe("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04")
    expect(toHex(hkdfExpand(prk, new Uint8Array(0), 42))).toBe(
      "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
    )
  })
})

describe("Ed25519, RFC 8032 section 7.1 TEST 1", () => {
  it("signs and verifies the published empty-message signature", async () => {
    const { signature } = makeNodeCiphersuiteImpl()
    const secret = hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    const publicKey = hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
    const expected =
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
    expect(toHex(await signature.sign(secret, new Uint8Array(0)))).toBe(expected)
    expect(await signature.verify(publicKey, new Uint8Array(0), hex(expected))).toBe(true)
    expect(await signature.verify(publicKey, Uint8Array.of(0), hex(expected))).toBe(false)
    expect(await signature.verify(publicKey, new Uint8Array(0), hex(expected).subarray(1))).toBe(false)
  })
})

describe("node:crypto provider against ts-mls's default provider", () => {
  const pairs = async (): Promise<[string, CiphersuiteImpl, CiphersuiteImpl][]> => {
    const ours = await nodeCryptoProvider.getCiphersuiteImpl(3)
    const theirs = await defaultCryptoProvider.getCiphersuiteImpl(3)
    return [
      ["default seals, node:crypto opens", theirs, ours],
      ["node:crypto seals, default opens", ours, theirs],
    ]
  }

  it("HPKE seal by one opens with the other, and their exported secrets agree", async () => {
    for (const [, sender, receiver] of await pairs()) {
      const recipient = await receiver.hpke.generateKeyPair()
      const recipientPublic = await sender.hpke.importPublicKey(await receiver.hpke.exportPublicKey(recipient.publicKey))
      const info = utf8("MLS 1.0 interop")
      const aad = utf8("aad")
      const plaintext = utf8("a path secret")
      const { ct, enc } = await sender.hpke.seal(recipientPublic, plaintext, info, aad)
      expect(await receiver.hpke.open(recipient.privateKey, enc, ct, info, aad)).toEqual(plaintext)
      const exported = await sender.hpke.exportSecret(recipientPublic, utf8("MLS 1.0 external init secret"), 32, new Uint8Array(0))
      const imported = await receiver.hpke.importSecret(recipient.privateKey, utf8("MLS 1.0 external init secret"), exported.enc, 32, new Uint8Array(0))
      expect(imported).toEqual(exported.secret)
    }
  })

  it("derives the same key pairs, hashes, MACs, HKDF outputs and AEAD ciphertexts", async () => {
    const [[, theirs, ours]] = (await pairs()) as [[string, CiphersuiteImpl, CiphersuiteImpl]]
    const ikm = utf8("input keying material")
    const mine = await ours.hpke.deriveKeyPair(ikm)
    const other = await theirs.hpke.deriveKeyPair(ikm)
    expect(await ours.hpke.exportPublicKey(mine.publicKey)).toEqual(await theirs.hpke.exportPublicKey(other.publicKey))
    expect(await ours.hpke.exportPrivateKey(mine.privateKey)).toEqual(await theirs.hpke.exportPrivateKey(other.privateKey))
    expect(await ours.hash.digest(ikm)).toEqual(await theirs.hash.digest(ikm))
    expect(await ours.hash.mac(ikm, ikm)).toEqual(await theirs.hash.mac(ikm, ikm))
    expect(await ours.hash.verifyMac(ikm, await theirs.hash.mac(ikm, ikm), ikm)).toBe(true)
    const prk = await ours.kdf.extract(new Uint8Array(0), ikm)
    expect(prk).toEqual(await theirs.kdf.extract(new Uint8Array(0), ikm))
    expect(await ours.kdf.expand(prk, ikm, 77)).toEqual(await theirs.kdf.expand(prk, ikm, 77))
    const key = ours.rng.randomBytes(32)
    const nonce = ours.rng.randomBytes(12)
    const sealed = await ours.hpke.encryptAead(key, nonce, ikm, ikm)
    expect(sealed).toEqual(await theirs.hpke.encryptAead(key, nonce, ikm, ikm))
    expect(await theirs.hpke.decryptAead(key, nonce, ikm, sealed)).toEqual(ikm)
  })

  it("signatures cross-verify, including the default provider's PKCS#8 signing keys", async () => {
    for (const [, signer, verifier] of await pairs()) {
      const { signKey, publicKey } = await signer.signature.keygen()
      const message = utf8("a framed content")
      expect(await verifier.signature.verify(publicKey, message, await signer.signature.sign(signKey, message))).toBe(true)
      expect(await verifier.signature.verify(publicKey, message, await verifier.signature.sign(signKey, message))).toBe(true)
    }
  })

  it("a member on the pure-JS ChaCha20-Poly1305 (Electron's case) talks with one on node:crypto's", async () => {
    const onElectron = mlsContext(makeNodeCiphersuiteImpl(nobleChaCha20Poly1305))
    const onNode = mlsContext(makeNodeCiphersuiteImpl(nodeChaCha20Poly1305))
    const caro = await newMember(onElectron.cipherSuite, "caro")
    const bo = await newMember(onNode.cipherSuite, "bo")
    const [created] = (await groupOf(onElectron, [caro])) as [ClientState]
    const { newState: caroState, welcome } = await createCommit({
      context: onElectron,
      state: created,
      extraProposals: [addProposal(bo)],
      ratchetTreeExtension: true,
    })
    if (welcome === undefined) throw new Error("an Add commit has a Welcome")
    const boState = await joinGroup({ context: onNode, welcome: welcome.welcome, keyPackage: bo.publicPackage, privateKeys: bo.privatePackage })
    const fromCaro = await sendText(onElectron, caroState, "from the pure-JS AEAD")
    expect(await readText(onNode, boState, fromCaro.message)).toBe("from the pure-JS AEAD")
    const fromBo = await sendText(onNode, boState, "from node:crypto's AEAD")
    expect(await readText(onElectron, fromCaro.newState, fromBo.message)).toBe("from node:crypto's AEAD")
  })

  it("picks node:crypto's ChaCha20-Poly1305 under Node, and refuses other ciphersuites", async () => {
    expect(chaCha20Poly1305().implementation).toBe("node:crypto")
    await expect(nodeCryptoProvider.getCiphersuiteImpl(1)).rejects.toMatchObject({ code: "UnsupportedCiphersuite" })
  })
})
