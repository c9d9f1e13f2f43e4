// Defect 3: the external_pub GroupInfo extension (RFC 9420 section 12.4.3.2). Its extension_data
// is the encoded `struct { HPKEPublicKey external_pub; }`, and HPKEPublicKey is an opaque<V>, so
// the key sits behind two length prefixes. rc.10 wrote one, which other implementations misread.
import { beforeAll, describe, expect, it } from "vitest"
import {
  createGroupInfoWithExternalPubAndRatchetTree,
  decode,
  defaultExtensionTypes,
  encode,
  joinGroupExternal,
  mlsMessageDecoder,
  mlsMessageEncoder,
  protocolVersions,
  wireformats,
  type CiphersuiteImpl,
  type ClientState,
  type GroupInfo,
} from "ts-mls"
import { xmtpCiphersuite } from "../../../src/engine/mls/ciphersuite"
import { applyHandshake, groupOf, mlsContext, newMember, readText, sendText } from "./tsmls-fixture"

let cs: CiphersuiteImpl
beforeAll(async () => {
  cs = await xmtpCiphersuite()
})

function indexOfSequence(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

describe("external_pub extension codec", () => {
  it("writes extension_data as opaque<V> around the opaque<V> public key, and reads it back", async () => {
    const context = mlsContext(cs)
    const [alix] = (await groupOf(context, [await newMember(cs, "alix"), await newMember(cs, "bo")])) as [ClientState]
    const groupInfo = await createGroupInfoWithExternalPubAndRatchetTree(alix, [], cs)
    const wire = encode(mlsMessageEncoder, { version: protocolVersions.mls10, wireformat: wireformats.mls_group_info, groupInfo })

    // external_pub = DeriveKeyPair(external_secret).public (section 8), 32 bytes for X25519.
    const externalPub = await cs.hpke.exportPublicKey((await cs.hpke.deriveKeyPair(alix.keySchedule.externalSecret)).publicKey)
    const expected = Uint8Array.from([0x00, defaultExtensionTypes.external_pub, 33, 32, ...externalPub])
    expect(indexOfSequence(wire, expected)).toBeGreaterThan(0)

    const decoded = decode(mlsMessageDecoder, wire)
    if (decoded?.wireformat !== wireformats.mls_group_info) throw new Error("expected a GroupInfo")
    const extension = decoded.groupInfo.extensions.find((e) => e.extensionType === defaultExtensionTypes.external_pub)
    expect(extension?.extensionData).toEqual(externalPub)
  })

  it("refuses external_pub data whose inner length does not cover it exactly", async () => {
    const context = mlsContext(cs)
    const [alix] = (await groupOf(context, [await newMember(cs, "alix")])) as [ClientState]
    const groupInfo = await createGroupInfoWithExternalPubAndRatchetTree(alix, [], cs)
    const wire = encode(mlsMessageEncoder, { version: protocolVersions.mls10, wireformat: wireformats.mls_group_info, groupInfo })
    const at = indexOfSequence(wire, Uint8Array.of(0x00, defaultExtensionTypes.external_pub, 33, 32))
    const truncatedInner = wire.slice()
    truncatedInner[at + 3] = 31 // claims 31 bytes inside 32 bytes of extension_data
    expect(decode(mlsMessageDecoder, truncatedInner)).toBeUndefined()
  })

  it("a client joins by external commit from an encoded GroupInfo and talks with the group", async () => {
    const context = mlsContext(cs)
    const [alix, bo] = (await groupOf(context, [await newMember(cs, "alix"), await newMember(cs, "bo")])) as [ClientState, ClientState]
    const published = await createGroupInfoWithExternalPubAndRatchetTree(alix, [], cs)
    const wire = encode(mlsMessageEncoder, { version: protocolVersions.mls10, wireformat: wireformats.mls_group_info, groupInfo: published })
    const decoded = decode(mlsMessageDecoder, wire)
    if (decoded?.wireformat !== wireformats.mls_group_info) throw new Error("expected a GroupInfo")
    const groupInfo: GroupInfo = decoded.groupInfo

    const caro = await newMember(cs, "caro")
    const joined = await joinGroupExternal({
      context,
      groupInfo,
      keyPackage: caro.publicPackage,
      privateKeys: caro.privatePackage,
      resync: false,
    })
    const commit = { version: protocolVersions.mls10, wireformat: wireformats.mls_public_message, publicMessage: joined.publicMessage }
    const alixAfter = await applyHandshake(context, alix, commit)
    const boAfter = await applyHandshake(context, bo, commit)
    expect(alixAfter.keySchedule.epochAuthenticator).toEqual(joined.newState.keySchedule.epochAuthenticator)

    const { message } = await sendText(context, joined.newState, "hello from caro")
    expect(await readText(context, boAfter, message)).toBe("hello from caro")
  })
})
