// The official SDK's own key packages, captured as it registers (through a loopback endpoint that
// only records uploads), judged by validateKeyPackage and compared with Parley's: the SDK is the
// reference for what a valid XMTP key package is, so validation must accept its output, reject any
// tampering with it, and Parley's creator must produce the same shape.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { keyPackageDecoder, type KeyPackage } from "ts-mls"
import { createInstallationKey } from "../../../src/engine/identity/installationKey"
import { KeyPackageError } from "../../../src/engine/mls/errors"
import { assertJoinsXmtpGroups } from "../../../src/engine/mls/keyPackageCapabilities"
import { createXmtpKeyPackage } from "../../../src/engine/mls/keyPackageCreation"
import { validateKeyPackage, type ValidatedKeyPackage } from "../../../src/engine/mls/keyPackageValidation"
import { KEY_PACKAGE_LIFETIME_SECONDS, KEY_PACKAGE_NOT_BEFORE_MARGIN_SECONDS, XMTP_EXTENSION } from "../../../src/engine/mls/xmtpExtensions"
import { createSdkClient, type LabelledClient } from "../support/sdkClient"
import { startKeyPackageSink, type KeyPackageSink } from "./support/keyPackageSink"

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex")
const decode = (bytes: Uint8Array): KeyPackage => keyPackageDecoder(bytes, 0)![0]

describe("the official SDK's key packages", () => {
  let dir: string
  let sink: KeyPackageSink
  let sdk: LabelledClient
  let registeredAt: number
  let bytes: Uint8Array
  let validated: ValidatedKeyPackage

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "parley-sdk-kp-"))
    sink = await startKeyPackageSink()
    registeredAt = Math.floor(Date.now() / 1000)
    sdk = await createSdkClient(sink.address, dir, { label: "sdk" })
    expect(sink.keyPackages).toHaveLength(1)
    bytes = sink.keyPackages[0]!
    validated = await validateKeyPackage(bytes)
  })

  afterAll(async () => {
    await sink?.stop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it("are accepted, naming the SDK client's installation and inbox", () => {
    expect(hex(validated.installationKey)).toBe(sdk.client.installationId)
    expect(validated.inboxId).toBe(sdk.client.inboxId)
    expect(validated.postQuantumPublicKey).toHaveLength(1216)
    expect(() => assertJoinsXmtpGroups(validated.keyPackage)).not.toThrow()
  })

  it("live from one hour before registration to 84 days after it", () => {
    const margin = 5n
    const at = BigInt(registeredAt)
    expect(validated.notAfterSeconds - validated.notBeforeSeconds).toBe(
      BigInt(KEY_PACKAGE_LIFETIME_SECONDS + KEY_PACKAGE_NOT_BEFORE_MARGIN_SECONDS),
    )
    expect(validated.notBeforeSeconds >= at - 3600n - margin && validated.notBeforeSeconds <= at - 3600n + margin).toBe(true)
  })

  it("are refused once tampered with, truncated, extended or out of date", async () => {
    const flipped = Uint8Array.from(bytes)
    flipped[bytes.length - 1]! ^= 1
    const codes = async (input: Uint8Array, now?: Date) => {
      try {
        await validateKeyPackage(input, now)
        return "accepted"
      } catch (error) {
        return error instanceof KeyPackageError ? error.code : String(error)
      }
    }
    expect(await codes(flipped)).toBe("InvalidSignature")
    expect(await codes(bytes.subarray(0, bytes.length - 1))).toBe("Malformed")
    expect(await codes(Uint8Array.from([...bytes, 0]))).toBe("Malformed")
    expect(await codes(bytes, new Date(Number(validated.notAfterSeconds) * 1000))).toBe("Expired")
    expect(await codes(bytes, new Date(Number(validated.notBeforeSeconds) * 1000))).toBe("NotYetValid")
  })

  it("have the shape Parley's creator writes, the X-Wing welcome key's value apart", async () => {
    const sdkKp = decode(bytes)
    const installation = createInstallationKey()
    const own = decode(
      (await createXmtpKeyPackage({ inboxId: sdk.client.inboxId, installationSignatureKeyPair: installation })).keyPackageBytes,
    )
    // Same extensions in the same order; 0xff03 holds each installation's own X-Wing key.
    const shape = (kp: KeyPackage) =>
      kp.extensions.map((e) => [
        e.extensionType,
        e.extensionType === XMTP_EXTENSION.welcomeWrapperEncryption ? e.extensionData.length : hex(e.extensionData),
      ])
    expect(shape(own)).toEqual(shape(sdkKp))
    expect(own.leafNode.capabilities).toEqual(sdkKp.leafNode.capabilities)
    expect(own.leafNode.extensions.map((e) => [e.extensionType, hex(e.extensionData)])).toEqual(
      sdkKp.leafNode.extensions.map((e) => [e.extensionType, hex(e.extensionData)]),
    )
    expect(own.leafNode.credential).toEqual(sdkKp.leafNode.credential)
    expect([own.version, own.cipherSuite, own.initKey.length, own.leafNode.hpkePublicKey.length]).toEqual([
      sdkKp.version,
      sdkKp.cipherSuite,
      sdkKp.initKey.length,
      sdkKp.leafNode.hpkePublicKey.length,
    ])
    const span = (kp: KeyPackage) => kp.leafNode.lifetime.notAfter - kp.leafNode.lifetime.notBefore
    expect(span(own)).toBe(span(sdkKp))
  })
})
