// validateKeyPackage against Parley's own key packages and edited copies of them: one test per
// rule of VerifiedKeyPackageV2::from_bytes / OpenMLS KeyPackageIn::validate, and the things those
// deliberately do not check.
import { describe, expect, it } from "vitest"
import { defaultCredentialTypes, makeCustomExtension, type CustomExtension, type KeyPackage } from "ts-mls"
import { createInstallationKey } from "../../../src/engine/identity/installationKey"
import { KeyPackageError, type KeyPackageErrorCode } from "../../../src/engine/mls/errors"
import { assertJoinsXmtpGroups } from "../../../src/engine/mls/keyPackageCapabilities"
import { encodeOpaque } from "../../../src/engine/mls/keyPackageLayout"
import { validateKeyPackage } from "../../../src/engine/mls/keyPackageValidation"
import { KEY_PACKAGE_LIFETIME_SECONDS, XMTP_EXTENSION } from "../../../src/engine/mls/xmtpExtensions"
import { INBOX_ID, concat, decodeKeyPackage, ownKeyPackage, resigned } from "./support/keyPackageFixtures"
import { xwingPublicKey } from "../../../src/engine/mls/welcomeWrapperHpke"

async function rejection(bytes: Uint8Array, now?: Date): Promise<KeyPackageErrorCode> {
  try {
    await validateKeyPackage(bytes, now)
  } catch (error) {
    if (error instanceof KeyPackageError) return error.code
    throw error
  }
  throw new Error("expected validateKeyPackage to reject the key package")
}

// Built without makeCustomExtension, which refuses the default types these tests need to smuggle in.
const custom = (extensionType: number, data: number[] = []) =>
  ({ extensionType, extensionData: Uint8Array.from(data) }) as unknown as CustomExtension
const withExtensions = (...types: number[]) => (kp: KeyPackage): KeyPackage => ({
  ...kp,
  extensions: [...kp.extensions, ...types.map((t) => custom(t))],
})
const DAY = 86_400_000

describe("validateKeyPackage", () => {
  it("accepts Parley's key package and reports its installation, inbox, lifetime and init key", async () => {
    const fixture = await ownKeyPackage()
    const validated = await validateKeyPackage(fixture.keyPackageBytes)
    const created = BigInt(Math.floor(fixture.createdAt.getTime() / 1000))
    expect(validated.installationKey).toEqual(fixture.installation.publicKey)
    expect(validated.inboxId).toBe(INBOX_ID)
    expect(validated.notBeforeSeconds).toBe(created - 3600n)
    expect(validated.notAfterSeconds).toBe(created + BigInt(KEY_PACKAGE_LIFETIME_SECONDS))
    expect(validated.hpkeInitKey).toEqual(fixture.keyPackage.initKey)
    expect(validated.postQuantumPublicKey).toBeUndefined()
    const withXWing = await ownKeyPackage(new Date(), INBOX_ID, true)
    expect((await validateKeyPackage(withXWing.keyPackageBytes)).postQuantumPublicKey).toEqual(
      await xwingPublicKey(withXWing.xwingPrivateKey!),
    )
  })

  it("rejects truncated input, a trailing byte and a non-minimal length prefix as Malformed", async () => {
    const { keyPackageBytes: bytes } = await ownKeyPackage()
    expect(await rejection(bytes.subarray(0, bytes.length - 1))).toBe("Malformed")
    expect(await rejection(bytes.subarray(0, 3))).toBe("Malformed")
    expect(await rejection(concat(bytes, Uint8Array.of(0)))).toBe("Malformed")
    // init_key's one-byte prefix 0x20 written in the two-byte form 0x40 0x20: tls_codec refuses it.
    expect(bytes[4]).toBe(0x20)
    expect(await rejection(concat(bytes.subarray(0, 4), Uint8Array.of(0x40, 0x20), bytes.subarray(5)))).toBe("Malformed")
  })

  it("rejects another protocol version and another ciphersuite", async () => {
    const fixture = await ownKeyPackage()
    const version2 = await resigned(fixture, (kp) => ({ ...kp, version: 2 as KeyPackage["version"] }))
    expect(await rejection(version2)).toBe("UnsupportedProtocolVersion")
    const suite1 = await resigned(fixture, (kp) => ({ ...kp, cipherSuite: 1 }))
    expect(await rejection(suite1)).toBe("UnsupportedCiphersuite")
  })

  it("rejects a key package wrapped in an MLSMessage, as the validation service does", async () => {
    const { keyPackageBytes } = await ownKeyPackage()
    const wrapped = concat(Uint8Array.of(0x00, 0x01, 0x00, 0x05), keyPackageBytes)
    await expect(validateKeyPackage(wrapped)).rejects.toThrow(/MLSMessage/)
  })

  it("rejects a tampered key package signature and a tampered leaf", async () => {
    const fixture = await ownKeyPackage()
    const bytes = fixture.keyPackageBytes
    const lastByteFlipped = Uint8Array.from(bytes)
    lastByteFlipped[bytes.length - 1]! ^= 1
    expect(await rejection(lastByteFlipped)).toBe("InvalidSignature")

    const otherKey = createInstallationKey().privateKey
    expect(await rejection(await resigned(fixture, (kp) => kp, { packageKey: otherKey }))).toBe("InvalidSignature")
    expect(await rejection(await resigned(fixture, (kp) => kp, { leafKey: otherKey }))).toBe("InvalidLeafSignature")
    // A leaf field changed after signing breaks the leaf signature first: its HPKE key starts at
    // byte 38 (version 2, suite 2, init_key 1 + 32, the leaf's own key prefix 1).
    const swappedLeafKey = Uint8Array.from(bytes)
    expect(swappedLeafKey.subarray(38, 70)).toEqual(fixture.keyPackage.leafNode.hpkePublicKey)
    swappedLeafKey[38]! ^= 1
    expect(await rejection(swappedLeafKey)).toBe("InvalidLeafSignature")
  })

  it("rejects a key package whose init key is its leaf encryption key", async () => {
    const fixture = await ownKeyPackage()
    const same = await resigned(fixture, (kp) => ({ ...kp, initKey: kp.leafNode.hpkePublicKey }))
    expect(await rejection(same)).toBe("InitKeyEqualsEncryptionKey")
  })

  it("checks the lifetime strictly inside (not_before, not_after)", async () => {
    const createdAt = new Date(Date.UTC(2026, 0, 1))
    const { keyPackageBytes } = await ownKeyPackage(createdAt)
    const seconds = (s: number) => new Date(createdAt.getTime() + s * 1000)
    expect(await rejection(keyPackageBytes, seconds(-3600))).toBe("NotYetValid")
    await expect(validateKeyPackage(keyPackageBytes, seconds(-3599))).resolves.toBeDefined()
    await expect(validateKeyPackage(keyPackageBytes, seconds(KEY_PACKAGE_LIFETIME_SECONDS - 1))).resolves.toBeDefined()
    expect(await rejection(keyPackageBytes, seconds(KEY_PACKAGE_LIFETIME_SECONDS))).toBe("Expired")
    expect(await rejection(keyPackageBytes, new Date(createdAt.getTime() + 100 * DAY))).toBe("Expired")
  })

  it("requires a Basic credential holding a protobuf MlsCredential with a UTF-8 inbox id", async () => {
    const fixture = await ownKeyPackage()
    const withCredential = (credential: KeyPackage["leafNode"]["credential"]) =>
      resigned(fixture, (kp) => ({ ...kp, leafNode: { ...kp.leafNode, credential } }))
    const x509 = await withCredential({ credentialType: defaultCredentialTypes.x509, certificates: [Uint8Array.of(1)] })
    expect(await rejection(x509)).toBe("InvalidCredential")
    const notProtobuf = await withCredential({ credentialType: defaultCredentialTypes.basic, identity: Uint8Array.of(0x0a, 0x05, 0x61) })
    expect(await rejection(notProtobuf)).toBe("InvalidCredential")
    const badUtf8 = await withCredential({ credentialType: defaultCredentialTypes.basic, identity: Uint8Array.of(0x0a, 0x02, 0xc3, 0x28) })
    expect(await rejection(badUtf8)).toBe("InvalidCredential")
    // prost skips unknown fields and the last inbox_id wins.
    const identity = Uint8Array.of(0x10, 0x01, 0x0a, 0x01, 0x78, 0x0a, 0x01, 0x79)
    const lenient = await withCredential({ credentialType: defaultCredentialTypes.basic, identity })
    expect((await validateKeyPackage(lenient)).inboxId).toBe("y")
  })

  it("allows only LastResort and unknown types among key package extensions, each once and advertised", async () => {
    const fixture = await ownKeyPackage()
    // ApplicationId, GREASE 0x0a0a and ImmutableMetadata are not key package extensions (valn1604).
    for (const type of [0x0001, 0x0a0a, XMTP_EXTENSION.immutableMetadata]) {
      const advertised = await resigned(fixture, (kp) => ({
        ...withExtensions(type)(kp),
        leafNode: { ...kp.leafNode, capabilities: { ...kp.leafNode.capabilities, extensions: [...kp.leafNode.capabilities.extensions, type] } },
      }))
      expect(await rejection(advertised), `type ${type}`).toBe("InvalidExtension")
    }
    expect(await rejection(await resigned(fixture, withExtensions(0x000a)))).toBe("InvalidExtension")
    expect(await rejection(await resigned(fixture, withExtensions(0xff09)))).toBe("UnsupportedExtension")
    const advertisedUnknown = await resigned(fixture, (kp) => ({
      ...withExtensions(0xff09)(kp),
      leafNode: { ...kp.leafNode, capabilities: { ...kp.leafNode.capabilities, extensions: [...kp.leafNode.capabilities.extensions, 0xff09] } },
    }))
    await expect(validateKeyPackage(advertisedUnknown)).resolves.toBeDefined()
  })

  it("rejects leaf extensions a leaf may not carry, duplicates, and an ApplicationId that is not opaque<V>", async () => {
    const fixture = await ownKeyPackage()
    const withLeafExtensions = (extensions: KeyPackage["leafNode"]["extensions"]) =>
      resigned(fixture, (kp) => ({ ...kp, leafNode: { ...kp.leafNode, extensions } }))
    expect(await rejection(await withLeafExtensions([custom(0x000a)]))).toBe("InvalidExtension")
    const appId = fixture.keyPackage.leafNode.extensions[0]!
    expect(await rejection(await withLeafExtensions([appId, appId]))).toBe("InvalidExtension")
    expect(await rejection(await withLeafExtensions([{ extensionType: 1, extensionData: Uint8Array.of(0x05, 0x61) }]))).toBe(
      "InvalidExtension",
    )
  })

  it("reads the X-Wing key from 0xff03 when one is offered", async () => {
    const fixture = await ownKeyPackage()
    const pubKey = Uint8Array.from({ length: 1216 }, (_, i) => i % 251)
    // protobuf WelcomeWrapperEncryption { pub_key = 1, algorithm = 2 (X-Wing) }
    const payload = concat(Uint8Array.of(0x0a, 0xc0, 0x09), pubKey, Uint8Array.of(0x10, 0x02))
    const offered = await resigned(fixture, (kp) => ({
      ...kp,
      extensions: [...kp.extensions, makeCustomExtension({ extensionType: XMTP_EXTENSION.welcomeWrapperEncryption, extensionData: payload })],
    }))
    expect((await validateKeyPackage(offered)).postQuantumPublicKey).toEqual(pubKey)
  })

  it("does not reject what libxmtp accepts: no LastResort, a foreign ApplicationId, capabilities a group would refuse", async () => {
    const fixture = await ownKeyPackage()
    const unusual = await resigned(fixture, (kp) => ({
      ...kp,
      extensions: kp.extensions.filter((e) => e.extensionType !== 0x000a),
      leafNode: {
        ...kp.leafNode,
        extensions: [{ extensionType: 1, extensionData: encodeOpaque(new TextEncoder().encode("someone else")) }],
        capabilities: { ...kp.leafNode.capabilities, extensions: [XMTP_EXTENSION.welcomePointeeEncryptionAeadTypes] },
      },
    }))
    const validated = await validateKeyPackage(unusual)
    expect(validated.inboxId).toBe(INBOX_ID)
    expect(() => assertJoinsXmtpGroups(validated.keyPackage)).toThrow(KeyPackageError)
    expect(() => assertJoinsXmtpGroups(decodeKeyPackage(fixture.keyPackageBytes))).not.toThrow()
  })
})
