// The WelcomeMessageInputs a commit's welcome becomes and how a recipient opens them: V1 welcomes,
// welcome pointers above the threshold (pointee first, pointers to X-Wing recipients only), the
// WelcomeMetadata cursor, and a joiner that really joins from what it opened.
import { randomBytes } from "node:crypto"
import { encode, joinGroup, mlsMessageEncoder, protocolVersions, wireformats } from "ts-mls"
import { beforeAll, describe, expect, it } from "vitest"
import { WELCOME_WRAPPER_ALGORITHM, welcomeRecipientOf, wrapWelcome, type WelcomeRecipient } from "../../../src/engine/mls/welcomeWrapper"
import { WelcomeError } from "../../../src/engine/mls/welcomeWrapperErrors"
import { xwingPublicKey } from "../../../src/engine/mls/welcomeWrapperHpke"
import {
  decodeWelcomeMetadata,
  encodeWelcomeMetadata,
  openWelcomePointeeV1,
  openWelcomeV1,
  welcomeMessageInputs,
} from "../../../src/engine/mls/welcomeWrapperMessages"
import { openWelcomePointer } from "../../../src/engine/mls/welcomeWrapperPointer"
import { Long, welcomePointer, type MlsApiTypes, type WelcomePointerTypes } from "../../../src/engine/proto/index"
import { ownKeyPackage, type Fixture } from "./support/keyPackageFixtures"
import { mlsContext, twoMemberGroup } from "./support/tsMlsGroup"

const bytes = (length: number) => new Uint8Array(randomBytes(length))
const hex = (data: Uint8Array) => Buffer.from(data).toString("hex")
const stored = (v1: MlsApiTypes.WelcomeMessageInput_V1): MlsApiTypes.WelcomeMessage => ({ v1: { ...v1, id: Long.UONE, createdNs: Long.UONE } })

let joiner: Fixture
let welcome: Uint8Array

beforeAll(async () => {
  joiner = await ownKeyPackage()
  const group = await twoMemberGroup(await ownKeyPackage(), joiner)
  welcome = encode(mlsMessageEncoder, { wireformat: wireformats.mls_welcome, version: protocolVersions.mls10, welcome: group.addCommit.welcome!.welcome })
})

async function xwingRecipient(): Promise<{ recipient: WelcomeRecipient; seed: Uint8Array }> {
  const seed = bytes(32)
  return {
    seed,
    recipient: { installationKey: bytes(32), hpkePublicKey: await xwingPublicKey(seed), wrapperAlgorithm: "xwingMlkem768Draft6", acceptsWelcomePointers: true },
  }
}

describe("WelcomeMetadata", () => {
  it("is encoded as prost does: nothing for cursor 0, field 1 as a varint otherwise", () => {
    expect(encodeWelcomeMetadata(0n)).toHaveLength(0)
    expect(hex(encodeWelcomeMetadata(300n))).toBe("08ac02")
    expect(decodeWelcomeMetadata(Uint8Array.of(0x08, 0xac, 0x02))).toBe(300n)
    expect(decodeWelcomeMetadata(new Uint8Array(0))).toBeUndefined()
    expect(() => decodeWelcomeMetadata(Uint8Array.of(0x0f))).toThrow(expect.objectContaining({ code: "InvalidMetadata" }))
  })
})

describe("V1 welcomes", () => {
  it("wraps to the joiner's init key, opens to the same welcome and cursor, and the joiner joins from it", async () => {
    const recipient = welcomeRecipientOf(joiner.keyPackage)
    const [input, ...rest] = await welcomeMessageInputs({ welcome, messageCursor: 42n, recipients: [recipient] })
    expect(rest).toEqual([])
    const v1 = input!.v1!
    expect(v1.installationKey).toEqual(joiner.installation.publicKey)
    expect(v1.hpkePublicKey).toEqual(joiner.keyPackage.initKey)
    expect(v1.wrapperAlgorithm).toBe(WELCOME_WRAPPER_ALGORITHM.curve25519)
    expect(v1.welcomeMetadata).toHaveLength(2 + 16)
    const opened = await openWelcomeV1(v1, joiner.privateKeyPackage.initPrivateKey)
    expect(opened.welcomeBytes).toEqual(welcome)
    expect(opened.messageCursor).toBe(42n)
    const state = await joinGroup({ context: await mlsContext(), welcome: opened.welcome, keyPackage: joiner.keyPackage, privateKeys: joiner.privateKeyPackage })
    expect(state.groupContext.epoch).toBe(1n)
  })

  it("ignores metadata that does not decode, as libxmtp does for V1, and has no cursor without metadata", async () => {
    const recipient = welcomeRecipientOf(joiner.keyPackage)
    const garbage = await wrapWelcome(welcome, Uint8Array.of(0x0f), recipient.hpkePublicKey, "curve25519")
    const opened = await openWelcomeV1({ ...garbage, wrapperAlgorithm: 1 }, joiner.privateKeyPackage.initPrivateKey)
    expect(opened.messageCursor).toBeUndefined()
    const noMetadata = await wrapWelcome(welcome, new Uint8Array(0), recipient.hpkePublicKey, "curve25519")
    expect((await openWelcomeV1({ data: noMetadata.data, welcomeMetadata: new Uint8Array(0), wrapperAlgorithm: 1 }, joiner.privateKeyPackage.initPrivateKey)).messageCursor).toBeUndefined()
  })

  it("refuses wrapped bytes that are not an MLSMessage welcome, and the symmetric algorithm", async () => {
    const recipient = welcomeRecipientOf(joiner.keyPackage)
    const notWelcome = await wrapWelcome(joiner.keyPackageBytes, new Uint8Array(0), recipient.hpkePublicKey, "curve25519")
    await expect(openWelcomeV1({ ...notWelcome, wrapperAlgorithm: 1 }, joiner.privateKeyPackage.initPrivateKey)).rejects.toMatchObject({ code: "NotAWelcome" })
    await expect(openWelcomeV1({ ...notWelcome, wrapperAlgorithm: 3 }, joiner.privateKeyPackage.initPrivateKey)).rejects.toMatchObject({ code: "UnsupportedAlgorithm" })
  })
})

describe("welcome pointers", () => {
  it("sends V1 welcomes up to two pointer-capable recipients", async () => {
    const recipients = [(await xwingRecipient()).recipient, (await xwingRecipient()).recipient]
    const inputs = await welcomeMessageInputs({ welcome, recipients })
    expect(inputs.map((i) => Object.keys(i))).toEqual([["v1"], ["v1"]])
  })

  it("above two, stores one pointee first and sends each X-Wing recipient a pointer that leads to it", async () => {
    const xwing = await Promise.all([xwingRecipient(), xwingRecipient(), xwingRecipient()])
    const curve = welcomeRecipientOf(joiner.keyPackage)
    const inputs = await welcomeMessageInputs({ welcome, messageCursor: 7n, recipients: [xwing[0]!.recipient, curve, xwing[1]!.recipient, xwing[2]!.recipient] })
    expect(inputs.map((i) => Object.keys(i)[0])).toEqual(["v1", "welcomePointer", "v1", "welcomePointer", "welcomePointer"])

    const pointee = inputs[0]!.v1!
    expect(pointee.installationKey).toHaveLength(32)
    expect(pointee.hpkePublicKey).toHaveLength(0)
    expect(pointee.wrapperAlgorithm).toBe(WELCOME_WRAPPER_ALGORITHM.symmetricKey)
    // The Curve25519 recipient keeps a V1 welcome of its own (deviation: libxmtp would send it a pointer).
    expect(inputs[2]!.v1!.installationKey).toEqual(curve.installationKey)

    const pointers = [inputs[1]!, inputs[3]!, inputs[4]!].map((i) => i.welcomePointer!)
    for (const [i, pointer] of pointers.entries()) {
      expect(pointer.installationKey).toEqual(xwing[i]!.recipient.installationKey)
      expect(pointer.hpkePublicKey).toEqual(xwing[i]!.recipient.hpkePublicKey)
      expect(pointer.wrapperAlgorithm).toBe(WELCOME_WRAPPER_ALGORITHM.xwingMlkem768Draft6)
      const decrypted = await openWelcomePointer(pointer, xwing[i]!.seed)
      expect(decrypted.destination).toEqual(pointee.installationKey)
      expect(hex(decrypted.dataNonce)).not.toBe(hex(decrypted.welcomeMetadataNonce))
      const opened = openWelcomePointeeV1(decrypted, stored(pointee))
      expect(opened.welcomeBytes).toEqual(welcome)
      expect(opened.messageCursor).toBe(7n)
    }
  })

  it("refuses pointers not wrapped with X-Wing, undecodable or unusable pointers, and non-V1 pointees", async () => {
    const { recipient, seed } = await xwingRecipient()
    const wrapPointer = async (plaintext: Uint8Array) => ({
      welcomePointer: (await wrapWelcome(plaintext, new Uint8Array(0), recipient.hpkePublicKey, "xwingMlkem768Draft6")).data,
      wrapperAlgorithm: WELCOME_WRAPPER_ALGORITHM.xwingMlkem768Draft6,
    })
    const pointerBytes = (v1: Partial<WelcomePointerTypes.WelcomePointer_WelcomeV1Pointer>) =>
      welcomePointer.WelcomePointer.encode({
        welcomeV1Pointer: { destination: bytes(32), aeadType: 3, encryptionKey: bytes(32), dataNonce: bytes(12), welcomeMetadataNonce: bytes(12), ...v1 },
      }).finish()

    const good = await wrapPointer(pointerBytes({}))
    await expect(openWelcomePointer({ ...good, wrapperAlgorithm: 1 }, seed)).rejects.toMatchObject({ code: "UnsupportedAlgorithm" })
    await expect(openWelcomePointer(good, bytes(32))).rejects.toMatchObject({ code: "DecryptionFailed" })
    await expect(openWelcomePointer(await wrapPointer(Uint8Array.of(0xff)), seed)).rejects.toMatchObject({ code: "InvalidPointer" })
    await expect(openWelcomePointer(await wrapPointer(new Uint8Array(0)), seed)).rejects.toMatchObject({ code: "InvalidPointer" })
    for (const bad of [{ aeadType: 0 }, { destination: bytes(31) }, { encryptionKey: bytes(16) }, { dataNonce: bytes(24) }]) {
      await expect(openWelcomePointer(await wrapPointer(pointerBytes(bad)), seed)).rejects.toMatchObject({ code: "InvalidPointer" })
    }

    const decrypted = await openWelcomePointer(good, seed)
    const pointerMessage: MlsApiTypes.WelcomeMessage = {
      welcomePointer: { id: Long.UONE, createdNs: Long.UONE, installationKey: bytes(32), welcomePointer: bytes(10), hpkePublicKey: bytes(10), wrapperAlgorithm: 2 },
    }
    expect(() => openWelcomePointeeV1(decrypted, pointerMessage)).toThrow(expect.objectContaining({ code: "WrongMessageKind" }))
    const pointee = { installationKey: decrypted.destination, data: bytes(40), hpkePublicKey: new Uint8Array(0), wrapperAlgorithm: 3, welcomeMetadata: bytes(18) }
    expect(() => openWelcomePointeeV1(decrypted, stored(pointee))).toThrow(WelcomeError)
  })
})
