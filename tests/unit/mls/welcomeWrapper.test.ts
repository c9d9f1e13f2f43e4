// Welcome wrapping as libxmtp's welcome_wrapper.rs does it: the HPKE info bytes, the framing (TLS
// HpkeCiphertext for the welcome, bare AEAD ciphertext for the metadata, one context), agreement
// with an independent single-shot HPKE (ts-mls's provider, which is what OpenMLS's
// encrypt_with_label amounts to), X-Wing under hpke-rs's KEM id, and the typed failures.
import { randomBytes } from "node:crypto"
import { CipherSuite, HkdfSha256 } from "@hpke/core"
import { Chacha20Poly1305 } from "@hpke/chacha20poly1305"
import { XWing } from "@hpke/hybridkem-x-wing"
import { makeCustomExtension, type CiphersuiteImpl, type KeyPackage } from "ts-mls"
import { beforeAll, describe, expect, it } from "vitest"
import { xmtpCiphersuite } from "../../../src/engine/mls/ciphersuite"
import {
  WELCOME_HPKE_INFO,
  decodeHpkeCiphertext,
  encodeHpkeCiphertext,
  unwrapWelcome,
  welcomeRecipientOf,
  wrapWelcome,
  wrapperAlgorithmOfWelcome,
} from "../../../src/engine/mls/welcomeWrapper"
import { WelcomeError, type WelcomeErrorCode } from "../../../src/engine/mls/welcomeWrapperErrors"
import { HPKE_RS_XWING_DRAFT06_KEM_ID, xwingPublicKey } from "../../../src/engine/mls/welcomeWrapperHpke"
import { XMTP_EXTENSION } from "../../../src/engine/mls/xmtpExtensions"
import { wrapperEncryption } from "../../../src/engine/proto/index"
import { ownKeyPackage, type Fixture } from "./support/keyPackageFixtures"

const bytes = (length: number) => new Uint8Array(randomBytes(length))
const hex = (data: Uint8Array) => Buffer.from(data).toString("hex")

async function rejectsWith(promise: Promise<unknown>, code: WelcomeErrorCode): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(WelcomeError)
  expect((error as WelcomeError).code).toBe(code)
}

let cs: CiphersuiteImpl
let fixture: Fixture
let initPublic: Uint8Array
let initPrivate: Uint8Array
let xwingSeed: Uint8Array
let xwingPublic: Uint8Array

beforeAll(async () => {
  cs = await xmtpCiphersuite()
  fixture = await ownKeyPackage()
  initPublic = fixture.keyPackage.initKey
  initPrivate = fixture.privateKeyPackage.initPrivateKey
  xwingSeed = bytes(32)
  xwingPublic = await xwingPublicKey(xwingSeed)
})

describe("the wrapper's framing", () => {
  it("uses the TLS EncryptContext of \"MLS 1.0 MLS_WELCOME\" with an empty context as HPKE info", () => {
    expect(hex(WELCOME_HPKE_INFO)).toBe(`13${Buffer.from("MLS 1.0 MLS_WELCOME").toString("hex")}00`)
  })

  it("writes the welcome as a TLS HpkeCiphertext and the metadata as a bare ciphertext, each 16 bytes longer", async () => {
    const welcome = bytes(300)
    const metadata = Uint8Array.of(0x08, 0x2a)
    const wrapped = await wrapWelcome(welcome, metadata, initPublic, "curve25519")
    const { kemOutput, ciphertext } = decodeHpkeCiphertext(wrapped.data)
    expect(kemOutput).toHaveLength(32)
    expect(ciphertext).toHaveLength(welcome.length + 16)
    expect(wrapped.data.subarray(0, 1)).toEqual(Uint8Array.of(0x20))
    expect(wrapped.welcomeMetadata).toHaveLength(metadata.length + 16)
    expect(await unwrapWelcome(wrapped.data, wrapped.welcomeMetadata, initPrivate, "curve25519")).toEqual({ welcome, welcomeMetadata: metadata })
  })

  it("agrees with a single-shot HPKE open and seal under the same info (OpenMLS's hpke_open / hpke_seal)", async () => {
    const welcome = bytes(500)
    const wrapped = await wrapWelcome(welcome, bytes(2), initPublic, "curve25519")
    const { kemOutput, ciphertext } = decodeHpkeCiphertext(wrapped.data)
    const privateKey = await cs.hpke.importPrivateKey(initPrivate)
    expect(await cs.hpke.open(privateKey, kemOutput, ciphertext, WELCOME_HPKE_INFO)).toEqual(welcome)

    const sealed = await cs.hpke.seal(await cs.hpke.importPublicKey(initPublic), welcome, WELCOME_HPKE_INFO)
    const unwrapped = await unwrapWelcome(encodeHpkeCiphertext(sealed.enc, sealed.ct), new Uint8Array(0), initPrivate, "curve25519")
    expect(unwrapped).toEqual({ welcome, welcomeMetadata: new Uint8Array(0) })
  })

  it("seals the metadata second in the same context: it opens only after the welcome", async () => {
    const metadata = bytes(20)
    const wrapped = await wrapWelcome(bytes(64), metadata, initPublic, "curve25519")
    const { kemOutput } = decodeHpkeCiphertext(wrapped.data)
    // As the first message of a fresh context the metadata ciphertext does not verify.
    await expect(cs.hpke.open(await cs.hpke.importPrivateKey(initPrivate), kemOutput, wrapped.welcomeMetadata, WELCOME_HPKE_INFO)).rejects.toThrow()
    expect((await unwrapWelcome(wrapped.data, wrapped.welcomeMetadata, initPrivate, "curve25519")).welcomeMetadata).toEqual(metadata)
  })

  it("wraps to X-Wing with a 1120-byte encapsulation under hpke-rs's KEM id 0x004D", async () => {
    const welcome = bytes(400)
    const metadata = bytes(2)
    const wrapped = await wrapWelcome(welcome, metadata, xwingPublic, "xwingMlkem768Draft6")
    const { kemOutput, ciphertext } = decodeHpkeCiphertext(wrapped.data)
    expect(kemOutput).toHaveLength(1120)
    expect(await unwrapWelcome(wrapped.data, wrapped.welcomeMetadata, xwingSeed, "xwingMlkem768Draft6")).toEqual({ welcome, welcomeMetadata: metadata })

    // The library's own codepoint (0x647A) derives other keys from the same shared secret.
    const standard = new CipherSuite({ kem: new XWing(), kdf: new HkdfSha256(), aead: new Chacha20Poly1305() })
    expect(standard.kem.id).not.toBe(HPKE_RS_XWING_DRAFT06_KEM_ID)
    const recipientKey = await standard.kem.deserializePrivateKey(xwingSeed)
    const context = await standard.createRecipientContext({ recipientKey, enc: kemOutput, info: WELCOME_HPKE_INFO })
    await expect(context.open(ciphertext)).rejects.toThrow()
  })

  it("derives the X-Wing public key from the 32-byte seed deterministically", async () => {
    expect(xwingPublic).toHaveLength(1216)
    expect(hex(await xwingPublicKey(xwingSeed))).toBe(hex(xwingPublic))
  })
})

describe("unwrap failures", () => {
  it("refuses a wrong key, another algorithm, and tampered data as DecryptionFailed", async () => {
    const wrapped = await wrapWelcome(bytes(64), bytes(2), initPublic, "curve25519")
    await rejectsWith(unwrapWelcome(wrapped.data, wrapped.welcomeMetadata, bytes(32), "curve25519"), "DecryptionFailed")
    await rejectsWith(unwrapWelcome(wrapped.data, wrapped.welcomeMetadata, xwingSeed, "xwingMlkem768Draft6"), "DecryptionFailed")
    const tampered = wrapped.data.slice()
    tampered[tampered.length - 1]! ^= 1
    await rejectsWith(unwrapWelcome(tampered, wrapped.welcomeMetadata, initPrivate, "curve25519"), "DecryptionFailed")
    const badMetadata = wrapped.welcomeMetadata.slice()
    badMetadata[0]! ^= 1
    await rejectsWith(unwrapWelcome(wrapped.data, badMetadata, initPrivate, "curve25519"), "DecryptionFailed")
  })

  it("reads the HpkeCiphertext exactly: trailing or missing bytes are MalformedCiphertext", async () => {
    const { data } = await wrapWelcome(bytes(64), bytes(2), initPublic, "curve25519")
    for (const malformed of [Uint8Array.of(...data, 0), data.subarray(0, data.length - 1), new Uint8Array(0), Uint8Array.of(0xc0)]) {
      await rejectsWith(unwrapWelcome(malformed, new Uint8Array(0), initPrivate, "curve25519"), "MalformedCiphertext")
    }
  })

  it("refuses keys of the wrong length before any HPKE work", async () => {
    await rejectsWith(wrapWelcome(bytes(10), bytes(2), xwingPublic.subarray(1), "xwingMlkem768Draft6"), "InvalidPublicKey")
    await rejectsWith(wrapWelcome(bytes(10), bytes(2), initPublic, "xwingMlkem768Draft6"), "InvalidPublicKey")
    const wrapped = await wrapWelcome(bytes(10), bytes(2), xwingPublic, "xwingMlkem768Draft6")
    await rejectsWith(unwrapWelcome(wrapped.data, wrapped.welcomeMetadata, xwingSeed.subarray(1), "xwingMlkem768Draft6"), "InvalidPrivateKey")
  })

  it("maps the wire's wrapper algorithm as libxmtp does: 0 and 1 Curve25519, 2 X-Wing, others refused", () => {
    expect(wrapperAlgorithmOfWelcome(0)).toBe("curve25519")
    expect(wrapperAlgorithmOfWelcome(1)).toBe("curve25519")
    expect(wrapperAlgorithmOfWelcome(2)).toBe("xwingMlkem768Draft6")
    for (const value of [3, 4, -1]) expect(() => wrapperAlgorithmOfWelcome(value)).toThrow(WelcomeError)
  })
})

describe("welcomeRecipientOf (libxmtp's Installation::from_verified_key_package)", () => {
  const withExtensions = (kp: KeyPackage, extra: { extensionType: number; extensionData: Uint8Array }[], drop: number[] = []): KeyPackage => ({
    ...kp,
    extensions: [...kp.extensions.filter((e) => !drop.includes(e.extensionType)), ...extra.map((e) => makeCustomExtension(e))],
  })
  const wrapperExtension = (algorithm: number) => ({
    extensionType: XMTP_EXTENSION.welcomeWrapperEncryption,
    extensionData: wrapperEncryption.WelcomeWrapperEncryption.encode({ pubKey: xwingPublic, algorithm }).finish(),
  })

  it("wraps to the X25519 init key of a key package without 0xff03, which takes pointers through 0xff04", () => {
    expect(welcomeRecipientOf(fixture.keyPackage)).toEqual({
      installationKey: fixture.installation.publicKey,
      hpkePublicKey: initPublic,
      wrapperAlgorithm: "curve25519",
      acceptsWelcomePointers: true,
    })
  })

  it("wraps to the 0xff03 key with its algorithm: 2 is X-Wing, unknown values read as Curve25519, 3 is refused", () => {
    expect(welcomeRecipientOf(withExtensions(fixture.keyPackage, [wrapperExtension(2)]))).toMatchObject({ hpkePublicKey: xwingPublic, wrapperAlgorithm: "xwingMlkem768Draft6" })
    expect(welcomeRecipientOf(withExtensions(fixture.keyPackage, [wrapperExtension(9)]))).toMatchObject({ hpkePublicKey: xwingPublic, wrapperAlgorithm: "curve25519" })
    expect(() => welcomeRecipientOf(withExtensions(fixture.keyPackage, [wrapperExtension(3)]))).toThrow(
      expect.objectContaining({ code: "InvalidWrapperEncryption" }),
    )
  })

  it("takes no pointers without 0xff04, and refuses an 0xff04 that lists an unknown AEAD", () => {
    const ff04 = XMTP_EXTENSION.welcomePointeeEncryptionAeadTypes
    expect(welcomeRecipientOf(withExtensions(fixture.keyPackage, [], [ff04])).acceptsWelcomePointers).toBe(false)
    expect(welcomeRecipientOf(withExtensions(fixture.keyPackage, [{ extensionType: ff04, extensionData: new Uint8Array(0) }], [ff04])).acceptsWelcomePointers).toBe(false)
    const unknownAead = { extensionType: ff04, extensionData: Uint8Array.of(0x0a, 0x02, 0x03, 0x01) }
    expect(() => welcomeRecipientOf(withExtensions(fixture.keyPackage, [unknownAead], [ff04]))).toThrow(expect.objectContaining({ code: "InvalidPointeeAeadTypes" }))
  })
})
