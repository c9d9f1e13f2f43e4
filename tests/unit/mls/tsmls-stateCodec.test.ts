// Defect 6: ts-mls's serialised ClientState has no version; Parley's stored form adds one.
import { beforeAll, describe, expect, it } from "vitest"
import { clientStateEncoder, encode, type CiphersuiteImpl, type ClientState } from "ts-mls"
import { xmtpCiphersuite } from "../../../src/engine/mls/ciphersuite"
import {
  CLIENT_STATE_FORMAT_VERSION,
  ClientStateCodecError,
  decodeClientState,
  encodeClientState,
} from "../../../src/engine/mls/stateCodec"
import { commitToAll, groupOf, mlsContext, newMember, readText, sendText } from "./tsmls-fixture"

let cs: CiphersuiteImpl
beforeAll(async () => {
  cs = await xmtpCiphersuite()
})

function expectCodecError(run: () => unknown, code: ClientStateCodecError["code"]) {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ClientStateCodecError)
    expect((error as ClientStateCodecError).code).toBe(code)
    return
  }
  throw new Error(`expected ClientStateCodecError ${code}`)
}

async function twoMembersOneEpochLater(): Promise<ClientState[]> {
  const context = mlsContext(cs)
  const states = await groupOf(context, [await newMember(cs, "alix"), await newMember(cs, "bo")])
  return (await commitToAll(context, states, 1, [])).states
}

describe("stored client state", () => {
  it("round-trips behind Parley's header and keeps working", async () => {
    const context = mlsContext(cs)
    const [alix, bo] = (await twoMembersOneEpochLater()) as [ClientState, ClientState]
    const stored = encodeClientState(alix)
    expect([...stored.subarray(0, 3)]).toEqual([0x50, 0x4d, CLIENT_STATE_FORMAT_VERSION])
    expect(stored.subarray(3)).toEqual(encode(clientStateEncoder, alix))

    const restored = decodeClientState(stored)
    expect(restored).toEqual(alix)
    stored.fill(0) // the restored state must not share the caller's buffer
    const { message } = await sendText(context, restored, "from storage")
    expect(await readText(context, bo, message)).toBe("from storage")
  })

  it("refuses a version it does not know, naming it", async () => {
    const [alix] = (await twoMembersOneEpochLater()) as [ClientState]
    const stored = encodeClientState(alix)
    stored[2] = CLIENT_STATE_FORMAT_VERSION + 1
    expectCodecError(() => decodeClientState(stored), "UnsupportedVersion")
    expect(() => decodeClientState(stored)).toThrow(`format ${CLIENT_STATE_FORMAT_VERSION + 1}`)
  })

  it("refuses ts-mls's bare encoding, truncated blobs and trailing bytes", async () => {
    const [alix] = (await twoMembersOneEpochLater()) as [ClientState]
    const stored = encodeClientState(alix)
    expectCodecError(() => decodeClientState(encode(clientStateEncoder, alix)), "NotAClientState")
    expectCodecError(() => decodeClientState(stored.subarray(0, 2)), "NotAClientState")
    expectCodecError(() => decodeClientState(stored.subarray(0, stored.length - 10)), "Malformed")
    expectCodecError(() => decodeClientState(Uint8Array.from([...stored, 0])), "Malformed")
  })
})
