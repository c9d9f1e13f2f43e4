// MLS working group vectors for wire formats and message protection: messages (codec round
// trips, suite independent), message-protection and welcome (cipher suite 3), against the
// patched ts-mls with the node:crypto provider.
import { beforeAll, describe, expect, it } from "vitest"
import {
  contentTypes,
  decode,
  defaultExtensionTypes,
  defaultKeyRetentionConfig,
  defaultPaddingConfig,
  encode,
  makeKeyPackageRef,
  mlsMessageDecoder,
  mlsMessageEncoder,
  senderTypes,
  wireformats,
  type CiphersuiteImpl,
  type Decoder,
  type Encoder,
  type GroupContext,
  type PrivateMessage,
  type PublicMessage,
} from "ts-mls"
import { xmtpCiphersuite } from "../../../src/engine/mls/ciphersuite"
import { hex, loadVectors, toHex } from "./vectors/load"
import {
  addDecoder,
  addEncoder,
  commitDecoder,
  commitEncoder,
  createSecretTree,
  decryptGroupInfo,
  decryptGroupSecrets,
  externalInitDecoder,
  externalInitEncoder,
  groupContextExtensionsDecoder,
  groupContextExtensionsEncoder,
  groupSecretsDecoder,
  groupSecretsEncoder,
  proposalEncoder,
  protect,
  pskDecoder,
  pskEncoder,
  ratchetTreeDecoder,
  ratchetTreeEncoder,
  reinitDecoder,
  reinitEncoder,
  removeDecoder,
  removeEncoder,
  unprotectPrivateMessage,
  unprotectPublicMessage,
  updateDecoder,
  updateEncoder,
  verifyGroupInfoConfirmationTag,
  verifyGroupInfoSignature,
} from "./vectors/tsmlsInternals"

let cs: CiphersuiteImpl
beforeAll(async () => {
  cs = await xmtpCiphersuite()
})

function roundTrip<T>(decoder: Decoder<T>, encoder: Encoder<T>, bytes: string): T {
  const value = decode(decoder, hex(bytes))
  if (value === undefined) throw new Error("did not decode")
  expect(toHex(encode(encoder, value))).toBe(bytes)
  return value
}

describe("messages (codec round trips)", () => {
  type Messages = Record<string, string>
  const codecs: [string, Decoder<unknown>, Encoder<never>][] = [
    ["mls_welcome", mlsMessageDecoder, mlsMessageEncoder],
    ["mls_group_info", mlsMessageDecoder, mlsMessageEncoder],
    ["mls_key_package", mlsMessageDecoder, mlsMessageEncoder],
    ["public_message_application", mlsMessageDecoder, mlsMessageEncoder],
    ["public_message_proposal", mlsMessageDecoder, mlsMessageEncoder],
    ["public_message_commit", mlsMessageDecoder, mlsMessageEncoder],
    ["private_message", mlsMessageDecoder, mlsMessageEncoder],
    ["ratchet_tree", ratchetTreeDecoder, ratchetTreeEncoder],
    ["group_secrets", groupSecretsDecoder, groupSecretsEncoder],
    ["add_proposal", addDecoder, addEncoder],
    ["update_proposal", updateDecoder, updateEncoder],
    ["remove_proposal", removeDecoder, removeEncoder],
    ["pre_shared_key_proposal", pskDecoder, pskEncoder],
    ["re_init_proposal", reinitDecoder, reinitEncoder],
    ["external_init_proposal", externalInitDecoder, externalInitEncoder],
    ["group_context_extensions_proposal", groupContextExtensionsDecoder, groupContextExtensionsEncoder],
    ["commit", commitDecoder, commitEncoder],
  ]
  loadVectors<Messages>("messages").forEach((vector, index) => {
    for (const [field, decoder, encoder] of codecs) {
      it(`case ${index}: ${field} decodes and re-encodes byte for byte`, () => {
        const bytes = vector[field]
        if (bytes === undefined) throw new Error(`missing ${field}`)
        roundTrip(decoder, encoder as Encoder<unknown>, bytes)
      })
    }
  })

  it("reads the GroupInfo's external_pub as the 32-byte X25519 key inside its two length prefixes", () => {
    for (const vector of loadVectors<Messages>("messages")) {
      const message = decode(mlsMessageDecoder, hex(vector.mls_group_info ?? ""))
      if (message?.wireformat !== wireformats.mls_group_info) throw new Error("expected a GroupInfo")
      const externalPub = message.groupInfo.extensions.find((e) => e.extensionType === defaultExtensionTypes.external_pub)
      expect(externalPub?.extensionData).toHaveLength(32)
    }
  })
})

describe("message-protection (suite 3)", () => {
  interface ProtectionVector {
    group_id: string; epoch: number; tree_hash: string; confirmed_transcript_hash: string
    signature_priv: string; signature_pub: string; encryption_secret: string; sender_data_secret: string; membership_key: string
    proposal: string; proposal_priv: string; proposal_pub: string
    commit: string; commit_priv: string; commit_pub: string
    application: string; application_priv: string
  }
  const [v] = loadVectors<ProtectionVector>("message-protection") as [ProtectionVector]
  const groupContext = (): GroupContext => ({
    version: 1,
    cipherSuite: 3,
    groupId: hex(v.group_id),
    epoch: BigInt(v.epoch),
    treeHash: hex(v.tree_hash),
    confirmedTranscriptHash: hex(v.confirmed_transcript_hash),
    extensions: [],
  })
  // The vectors' sender is leaf 1 of a two-leaf group; signatures are checked against signature_pub.
  const secretTree = () => createSecretTree(2, hex(v.encryption_secret))

  const privateMessage = (bytes: string): PrivateMessage => {
    const message = decode(mlsMessageDecoder, hex(bytes))
    if (message?.wireformat !== wireformats.mls_private_message) throw new Error("expected a PrivateMessage")
    return message.privateMessage
  }
  const publicMessage = (bytes: string): PublicMessage => {
    const message = decode(mlsMessageDecoder, hex(bytes))
    if (message?.wireformat !== wireformats.mls_public_message) throw new Error("expected a PublicMessage")
    return message.publicMessage
  }
  const unprotectPrivate = (message: PrivateMessage) =>
    unprotectPrivateMessage(hex(v.sender_data_secret), message, secretTree(), [], groupContext(), defaultKeyRetentionConfig, cs, hex(v.signature_pub))

  /** The content as the vector states it: the proposal, commit or application data bytes. */
  function contentBytes(content: Awaited<ReturnType<typeof unprotectPrivate>>["content"]["content"]): string {
    if (content.contentType === contentTypes.proposal) return toHex(encode(proposalEncoder, content.proposal))
    if (content.contentType === contentTypes.commit) return toHex(encode(commitEncoder, content.commit))
    return toHex(content.applicationData)
  }

  for (const kind of ["proposal", "commit", "application"] as const) {
    it(`${kind}: unprotects the published PrivateMessage, and protects one that unprotects to the same content`, async () => {
      const { content, auth } = (await unprotectPrivate(privateMessage(v[`${kind}_priv`]))).content
      expect(contentBytes(content)).toBe(v[kind])

      // The decrypted content and its auth data always agree on the content type.
      const withAuth = { ...content, auth } as Parameters<typeof protect>[4]
      const reprotected = await protect(hex(v.sender_data_secret), content.authenticatedData, groupContext(), secretTree(), withAuth, 1, defaultPaddingConfig, cs)
      expect(contentBytes((await unprotectPrivate(reprotected.privateMessage)).content.content)).toBe(v[kind])
    })
  }

  for (const kind of ["proposal", "commit"] as const) {
    it(`${kind}: verifies the published PublicMessage's membership tag and signature`, async () => {
      const message = publicMessage(v[`${kind}_pub`])
      expect(message.senderType).toBe(senderTypes.member)
      const { content } = await unprotectPublicMessage(hex(v.membership_key), groupContext(), [], message, cs, hex(v.signature_pub))
      expect(contentBytes(content)).toBe(v[kind])
      const wrongKey = hex(v.membership_key).map((byte, i) => (i === 0 ? byte ^ 1 : byte))
      await expect(unprotectPublicMessage(wrongKey, groupContext(), [], message, cs, hex(v.signature_pub))).rejects.toThrow()
    })
  }
})

describe("welcome (suite 3)", () => {
  interface WelcomeVector { init_priv: string; key_package: string; signer_pub: string; welcome: string }
  const [v] = loadVectors<WelcomeVector>("welcome") as [WelcomeVector]

  it("decrypts the group secrets and GroupInfo, and verifies its signature and confirmation tag", async () => {
    const keyPackage = decode(mlsMessageDecoder, hex(v.key_package))
    const welcome = decode(mlsMessageDecoder, hex(v.welcome))
    if (keyPackage?.wireformat !== wireformats.mls_key_package || welcome?.wireformat !== wireformats.mls_welcome) {
      throw new Error("expected a KeyPackage and a Welcome")
    }
    const reference = await makeKeyPackageRef(keyPackage.keyPackage, cs.hash)
    const secrets = await decryptGroupSecrets(await cs.hpke.importPrivateKey(hex(v.init_priv)), reference, welcome.welcome, cs.hpke)
    if (secrets === undefined) throw new Error("group secrets did not decrypt")
    const noPsk = new Uint8Array(cs.kdf.size)
    const groupInfo = await decryptGroupInfo(welcome.welcome, secrets.joinerSecret, noPsk, cs)
    if (groupInfo === undefined) throw new Error("GroupInfo did not decrypt")
    expect(await verifyGroupInfoSignature(groupInfo, hex(v.signer_pub), cs.signature)).toBe(true)
    expect(await verifyGroupInfoConfirmationTag(groupInfo, secrets.joinerSecret, noPsk, cs)).toBe(true)
  })
})
