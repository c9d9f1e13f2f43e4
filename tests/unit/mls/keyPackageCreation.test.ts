// createXmtpKeyPackage: the key package is shaped as libxmtp 1.10.0 shapes its own, passes
// libxmtp's validation rules, and its private keys open a welcome addressed to it.
import { describe, expect, it } from "vitest"
import { defaultCredentialTypes, makeKeyPackageRef } from "ts-mls"
import { credential as credentialProto, wrapperEncryption } from "../../../src/engine/proto/index"
import { xmtpCiphersuite } from "../../../src/engine/mls/ciphersuite"
import { assertJoinsXmtpGroups } from "../../../src/engine/mls/keyPackageCapabilities"
import { validateKeyPackage } from "../../../src/engine/mls/keyPackageValidation"
import { KEY_PACKAGE_LIFETIME_SECONDS } from "../../../src/engine/mls/xmtpExtensions"
import { INBOX_ID, concat, decodeKeyPackage, ownKeyPackage } from "./support/keyPackageFixtures"
import { twoMemberGroup } from "./support/tsMlsGroup"
import { xwingPublicKey } from "../../../src/engine/mls/welcomeWrapperHpke"

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex")

describe("createXmtpKeyPackage", () => {
  it("writes libxmtp's extensions, capabilities, credential and lifetime", async () => {
    const createdAt = new Date(Date.UTC(2026, 10, 1, 12, 0, 0))
    const fixture = await ownKeyPackage(createdAt, INBOX_ID, true)
    const kp = decodeKeyPackage(fixture.keyPackageBytes)
    expect(kp.version).toBe(1)
    expect(kp.cipherSuite).toBe(3)
    // LastResort (empty), 0xff04 = WelcomePointeeEncryptionAeadTypesExtension [CHACHA20_POLY1305],
    // then 0xff03 = WelcomeWrapperEncryption { X-Wing public key, algorithm 2 }, in the SDK's order.
    expect(kp.extensions.map((e) => e.extensionType)).toEqual([0x000a, 0xff04, 0xff03])
    expect(hex(kp.extensions[0]!.extensionData)).toBe("")
    expect(hex(kp.extensions[1]!.extensionData)).toBe("0a0103")
    const xwing = wrapperEncryption.WelcomeWrapperEncryption.decode(kp.extensions[2]!.extensionData)
    expect(xwing.algorithm).toBe(2)
    expect(new Uint8Array(xwing.pubKey)).toEqual(await xwingPublicKey(fixture.xwingPrivateKey!))
    // The capabilities the SDK's binary advertises, in its order (captured from UploadKeyPackage).
    expect(kp.leafNode.capabilities).toEqual({
      versions: [1],
      ciphersuites: [3],
      extensions: [0x000a, 0x0001, 0xff02, 0xff00, 0xff01, 0xff03, 0xff04, 0xf000],
      proposals: [7],
      credentials: [1],
    })
    // ApplicationId carries opaque<V> of the inbox id: prefix 0x40 0x40 for 64 bytes.
    expect(kp.leafNode.extensions.map((e) => [e.extensionType, hex(e.extensionData)])).toEqual([
      [0x0001, `4040${hex(new TextEncoder().encode(INBOX_ID))}`],
    ])
    expect(kp.leafNode.credential.credentialType).toBe(defaultCredentialTypes.basic)
    const identity = "identity" in kp.leafNode.credential ? kp.leafNode.credential.identity : new Uint8Array()
    expect(hex(identity)).toBe(hex(concat(Uint8Array.of(0x0a, 0x40), new TextEncoder().encode(INBOX_ID))))
    expect(credentialProto.MlsCredential.decode(identity).inboxId).toBe(INBOX_ID)
    expect(kp.leafNode.signaturePublicKey).toEqual(fixture.installation.publicKey)
    const created = BigInt(createdAt.getTime() / 1000)
    expect(kp.leafNode.lifetime).toEqual({ notBefore: created - 3600n, notAfter: created + BigInt(KEY_PACKAGE_LIFETIME_SECONDS) })
    expect(kp.initKey).not.toEqual(kp.leafNode.hpkePublicKey)
  })

  it("passes validation and the XMTP group capability check, and reports its KeyPackageRef", async () => {
    const fixture = await ownKeyPackage()
    const validated = await validateKeyPackage(fixture.keyPackageBytes)
    expect(validated.inboxId).toBe(INBOX_ID)
    expect(() => assertJoinsXmtpGroups(validated.keyPackage)).not.toThrow()
    const cs = await xmtpCiphersuite()
    expect(fixture.keyPackageRef).toEqual(await makeKeyPackageRef(validated.keyPackage, cs.hash))
    expect(fixture.privateKeyPackage.signaturePrivateKey).toEqual(fixture.installation.privateKey)
  })

  it("keeps private keys that join a group from a welcome to the key package", async () => {
    const { creator, joiner } = await twoMemberGroup(await ownKeyPackage(), await ownKeyPackage())
    expect(joiner.groupContext.epoch).toBe(1n)
    expect(joiner.groupContext.treeHash).toEqual(creator.groupContext.treeHash)
  })
})
