import { ed25519, ed25519ph } from "@noble/curves/ed25519.js"
import { p256 } from "@noble/curves/nist.js"
import { bytesToNumberLE, concatBytes, numberToBytesLE } from "@noble/curves/utils.js"
import { utf8ToBytes } from "@noble/hashes/utils.js"
import { describe, expect, it } from "vitest"
import { INSTALLATION_KEY_SIGNATURE_CONTEXT } from "../../../src/engine/identity/constants"
import { createInstallationKey, verifyInstallationSignature } from "../../../src/engine/identity/installationKey"
import { ethereumMember, installationMember, memberKey, passkeyMember } from "../../../src/engine/identity/memberIdentifier"
import { createEoaSigner } from "../../../src/engine/identity/signers"
import { verifySignature } from "../../../src/engine/identity/verifiedSignature"
import { Long, type SignatureTypes } from "../../../src/engine/proto/index"
import { createLegacyKey } from "./support/legacyKey"
import { createSoftwarePasskey } from "./support/softwarePasskey"

const TEXT = "XMTP : Authenticate to inbox\n\nInbox ID: abc"

function rejects(signature: SignatureTypes.Signature, code: string, text = TEXT) {
  expect(() => verifySignature(text, signature)).toThrow(expect.objectContaining({ code }))
}

describe("ERC-191 wallet signatures", () => {
  it("name the recovered lowercase address", async () => {
    const wallet = createEoaSigner()
    const verified = verifySignature(TEXT, { erc191: { bytes: await wallet.signMessage(TEXT) } })
    expect(verified).toMatchObject({ signer: ethereumMember(wallet.address), kind: "erc191" })
  })

  it("are refused when they cannot be recovered", () => {
    rejects({ erc191: { bytes: new Uint8Array(65) } }, "InvalidSignature")
    rejects({ erc191: { bytes: new Uint8Array(64).fill(1) } }, "InvalidSignature")
  })
})

describe("installation key signatures (Ed25519ph, context IDENTITY UPDATE SIGNATURE)", () => {
  const key = createInstallationKey()

  it("verify, and agree with RFC 8032 Ed25519ph as noble implements it", () => {
    const signature = key.sign(TEXT)
    expect(ed25519ph.verify(signature, utf8ToBytes(TEXT), key.publicKey, { context: INSTALLATION_KEY_SIGNATURE_CONTEXT, zip215: false })).toBe(true)
    expect(verifySignature(TEXT, { installationKey: { bytes: signature, publicKey: key.publicKey } })).toMatchObject({
      signer: installationMember(key.publicKey),
      kind: "installationKey",
    })
  })

  it("are refused with another context, without prehash, over other text, or from another key", () => {
    const otherContext = ed25519ph.sign(utf8ToBytes(TEXT), key.privateKey, { context: utf8ToBytes("PUBLIC SIGNATURE CONTEXT") })
    const plain = ed25519.sign(utf8ToBytes(TEXT), key.privateKey)
    for (const bytes of [otherContext, plain, key.sign(`${TEXT}.`)]) {
      expect(verifyInstallationSignature(TEXT, bytes, key.publicKey)).toBe(false)
    }
    expect(verifyInstallationSignature(TEXT, key.sign(TEXT), createInstallationKey().publicKey)).toBe(false)
    rejects({ installationKey: { bytes: plain, publicKey: key.publicKey } }, "InvalidSignature")
  })

  it("are refused when s is not reduced (s + L), as ed25519-dalek refuses it", () => {
    const signature = key.sign(TEXT)
    const s = bytesToNumberLE(signature.subarray(32)) + ed25519.Point.Fn.ORDER
    const unreduced = concatBytes(signature.subarray(0, 32), numberToBytesLE(s, 32))
    expect(verifyInstallationSignature(TEXT, unreduced, key.publicKey)).toBe(false)
  })
})

describe("passkey signatures (WebAuthn, P-256)", () => {
  it("name the passkey with the client data's origin as relying party", () => {
    const passkey = createSoftwarePasskey("https://chat.example")
    const verified = verifySignature(TEXT, passkey.sign(TEXT))
    expect(verified.kind).toBe("p256")
    expect(verified.signer).toEqual(passkeyMember(passkey.publicKey, "https://chat.example"))
    expect(verified.rawBytes).toHaveLength(64)
  })

  it("are refused when the challenge is not the text", () => {
    rejects(createSoftwarePasskey().sign(`${TEXT}!`), "InvalidSignature")
  })

  it("are refused when the client data is not JSON or lacks its origin", () => {
    const signature = createSoftwarePasskey().sign(TEXT).passkey!
    rejects({ passkey: { ...signature, clientDataJson: utf8ToBytes("not json") } }, "InvalidSignature")
    const noOrigin = utf8ToBytes(JSON.stringify({ challenge: Buffer.from(TEXT).toString("base64url") }))
    rejects({ passkey: { ...signature, clientDataJson: noOrigin } }, "InvalidSignature")
  })

  it("accept a high-s signature (p256 does not enforce low s) and refuse a tampered one", () => {
    const signature = createSoftwarePasskey().sign(TEXT).passkey!
    const parsed = p256.Signature.fromBytes(signature.signature, "der")
    const highS = new p256.Signature(parsed.r, p256.Point.CURVE().n - parsed.s).toBytes("der")
    expect(verifySignature(TEXT, { passkey: { ...signature, signature: highS } }).kind).toBe("p256")
    const tamperedData = Uint8Array.from(signature.authenticatorData)
    tamperedData[32] = tamperedData[32]! ^ 1
    rejects({ passkey: { ...signature, authenticatorData: tamperedData } }, "InvalidSignature")
  })
})

describe("legacy delegated signatures (XMTP v2 keys)", () => {
  it("name the wallet that delegated the key, and record the wallet's signature against replay", async () => {
    const wallet = createEoaSigner()
    const legacy = await createLegacyKey(wallet)
    const signature = legacy.sign(TEXT)
    const verified = verifySignature(TEXT, signature)
    expect(verified.kind).toBe("legacyDelegated")
    expect(memberKey(verified.signer)).toBe(memberKey(ethereumMember(wallet.address)))
    const walletCompact = signature.delegatedErc191!.delegatedKey!.signature!.walletEcdsaCompact!
    expect(verified.rawBytes.subarray(0, 64)).toEqual(walletCompact.bytes)
  })

  it("are refused when another key signed the text", async () => {
    const wallet = createEoaSigner()
    const delegated = (await createLegacyKey(wallet)).sign(TEXT).delegatedErc191!
    const impostor = (await createLegacyKey(wallet)).sign(TEXT).delegatedErc191!
    rejects({ delegatedErc191: { delegatedKey: delegated.delegatedKey, signature: impostor.signature } }, "InvalidSignature")
  })
})

describe("smart-contract wallet signatures", () => {
  it("are refused with a typed code: ERC-1271 needs a chain RPC", () => {
    rejects(
      { erc6492: { accountId: "eip155:1:0x1234567890abcdef1234567890abcdef12345678", blockNumber: Long.fromNumber(1, true), signature: new Uint8Array(65) } },
      "SmartContractWalletUnsupported",
    )
  })
})

it("an empty signature is malformed", () => {
  rejects({}, "Malformed")
})
