// The group context read from a stored state without decoding the rest equals what the full decode
// gives (epoch and the opaque extensions), and a blob that is no readable state is refused as the
// full decode refuses it.
import { beforeAll, describe, expect, it } from "vitest"
import { defaultExtensionTypes, makeCustomExtension, type CiphersuiteImpl } from "ts-mls"
import { xmtpCiphersuite } from "../../../src/engine/mls/ciphersuite"
import { CLIENT_STATE_FORMAT_VERSION, ClientStateCodecError, decodeClientState, encodeClientState } from "../../../src/engine/mls/stateCodec"
import { readStoredGroupContext } from "../../../src/engine/mls/storedGroupContext"
import { commitToAll, groupOf, mlsContext, newMember } from "./tsmls-fixture"

const CUSTOM_TYPES = [0xff01, 0xff02]

let cs: CiphersuiteImpl
beforeAll(async () => {
  cs = await xmtpCiphersuite()
})

function codeOf(run: () => unknown): string | undefined {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ClientStateCodecError)
    return (error as ClientStateCodecError).code
  }
  return undefined
}

describe("readStoredGroupContext", () => {
  it("reads the epoch and the opaque extensions the full decode holds", async () => {
    const context = mlsContext(cs)
    const large = new Uint8Array(20_000).map((_, i) => i % 251) // a 4-byte length prefix
    const extensions = [makeCustomExtension({ extensionType: CUSTOM_TYPES[0]!, extensionData: Uint8Array.of(1, 2, 3) }), makeCustomExtension({ extensionType: CUSTOM_TYPES[1]!, extensionData: large })]
    const members = [await newMember(cs, "alix", CUSTOM_TYPES), await newMember(cs, "bo", CUSTOM_TYPES)]
    const [state] = (await commitToAll(context, await groupOf(context, members, extensions), 0, [])).states
    const stored = encodeClientState(state!)
    const full = decodeClientState(stored).groupContext
    const read = readStoredGroupContext(stored)
    expect(read.epoch).toBe(full.epoch)
    expect(read.epoch).toBeGreaterThan(0n)
    const opaque = full.extensions.filter((extension) => extension.extensionType !== defaultExtensionTypes.required_capabilities && extension.extensionType !== defaultExtensionTypes.external_senders)
    expect(read.extensions).toEqual(opaque)
    expect(read.extensions.map((extension) => extension.extensionType)).toEqual(CUSTOM_TYPES)
  })

  it("refuses what decodeClientState refuses: no header, an unknown format, a truncated context", async () => {
    const context = mlsContext(cs)
    const [state] = await groupOf(context, [await newMember(cs, "alix")])
    const stored = encodeClientState(state!)
    expect(codeOf(() => readStoredGroupContext(stored.subarray(3)))).toBe("NotAClientState")
    const newer = stored.slice()
    newer[2] = CLIENT_STATE_FORMAT_VERSION + 1
    expect(codeOf(() => readStoredGroupContext(newer))).toBe("UnsupportedVersion")
    expect(codeOf(() => readStoredGroupContext(stored.subarray(0, 40)))).toBe("Malformed")
  })
})
