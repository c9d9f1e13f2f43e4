import { secp256k1 } from "@noble/curves/secp256k1.js"
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js"
import { describe, expect, it } from "vitest"
import { recoverPersonalSign } from "../../../src/engine/identity/ethereum"
import { createEoaSigner } from "../../../src/engine/identity/signers"

// web3.js's documented `eth.accounts.sign("Some data", key)` example (also alloy's recovery test).
const WEB3_KEY = hexToBytes("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
const WEB3_ADDRESS = "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23"
const WEB3_SIGNATURE =
  "b91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c"

describe("EOA signer", () => {
  it("has the SDK's EOA signer shape with a lowercase address and IdentifierKind.Ethereum (0)", () => {
    const signer = createEoaSigner(WEB3_KEY)
    expect(signer.type).toBe("EOA")
    expect(signer.address).toBe(WEB3_ADDRESS)
    expect(signer.getIdentifier()).toEqual({ identifier: WEB3_ADDRESS, identifierKind: 0 })
  })

  it("signs like personal_sign: the documented web3 signature, byte for byte", async () => {
    const signature = await createEoaSigner(WEB3_KEY).signMessage("Some data")
    expect(bytesToHex(signature)).toBe(WEB3_SIGNATURE)
  })

  it("makes a fresh key when none is given", () => {
    expect(createEoaSigner().address).not.toBe(createEoaSigner().address)
  })
})

describe("personal_sign recovery (libxmtp from_recoverable_ecdsa)", () => {
  const signature = hexToBytes(WEB3_SIGNATURE)
  const withV = (v: number) => Uint8Array.from([...signature.subarray(0, 64), v])

  it("recovers the signer for v = 27/28, 0/1 and EIP-155 values", () => {
    expect(recoverPersonalSign("Some data", signature)?.address).toBe(WEB3_ADDRESS)
    expect(recoverPersonalSign("Some data", withV(1))?.address).toBe(WEB3_ADDRESS) // 0x1c = 28 -> parity 1
    expect(recoverPersonalSign("Some data", withV(36))?.address).toBe(WEB3_ADDRESS) // (36 - 35) odd -> parity 1
  })

  it("refuses v values alloy refuses, and wrong lengths", () => {
    for (const v of [2, 26, 29, 34]) expect(recoverPersonalSign("Some data", withV(v))).toBeUndefined()
    expect(recoverPersonalSign("Some data", signature.subarray(0, 64))).toBeUndefined()
  })

  it("lowers a high s without flipping v: (r, n-s, v) reads as (r, s, v), and an honest high-s signature recovers someone else", () => {
    const n = secp256k1.Point.CURVE().n
    const s = BigInt(`0x${bytesToHex(signature.subarray(32, 64))}`)
    const highS = Uint8Array.from([...signature.subarray(0, 32), ...hexToBytes((n - s).toString(16).padStart(64, "0")), 28])
    const recovered = recoverPersonalSign("Some data", highS)
    expect(recovered?.normalizedBytes).toEqual(signature)
    expect(recovered?.address).toBe(WEB3_ADDRESS)
    const highSFlipped = Uint8Array.from([...highS.subarray(0, 64), 27])
    expect(recoverPersonalSign("Some data", highSFlipped)?.address).not.toBe(WEB3_ADDRESS)
  })
})
